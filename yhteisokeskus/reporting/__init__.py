"""The centre's cross-app reporting: the annual report (PDF) and the staff dashboard.
Only yhteisokeskus may read every app; the apps' own reports stay in the apps."""
