"""X-Query-Count: how many SQL statements the request ran, for the benchmark's
queries-per-request column; X-Server-Time: the milliseconds the portal spent on it
from this middleware on (the single-request figures)."""

import time

from django.db import connection

HEADER = "X-Query-Count"
TIME_HEADER = "X-Server-Time"


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response[HEADER] = str(count)
        response[TIME_HEADER] = f"{(time.perf_counter() - started) * 1000:.2f}"
        return response
