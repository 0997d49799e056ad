"""Grant pages: public calls, the applicant's pages, the reviewer's pages and the staff
pages. An object the person may not see answers 404."""
