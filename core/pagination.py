"""Paging of the portal's lists, for the pages that include
templates/includes/pagination.html."""

from django.core.paginator import Page, Paginator


def page_range(page: Page) -> list:
    """The page numbers the links show: two on each side of the current page and the
    first and last, with the paginator's ELLIPSIS between."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


def paginate(request, items, per_page: int, *, count: int | None = None) -> dict:
    """The page that ``?page=`` asks for (the last one past the end, the first one for
    anything that is not a number), and what the pagination template reads. ``count``:
    how many items there are, when the caller has counted them already (one query
    fewer)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "page_range": page_range(page),
    }


def capped_count(items, cap: int) -> int:
    """How many items there are, counting no further than ``cap + 1``: a COUNT over a
    LIMIT subquery, which stops as soon as it has seen that many. A list whose count
    would read tens of thousands of rows (a common word in the calendar's search) says
    "more than ``cap``" instead."""
    return items.order_by()[: cap + 1].count()
