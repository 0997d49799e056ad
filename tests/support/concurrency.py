"""Races for tests of anything with a capacity: threads released at once by a barrier,
each on its own database connection, so that the database decides who wins."""

import threading

from django.db import connection

THREADS = 8


def race(target, count=THREADS):
    """Run ``target(i)`` in ``count`` threads at once; the results (or the exceptions
    raised) in thread order."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as error:  # noqa: BLE001 - the outcome is what is asserted
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
