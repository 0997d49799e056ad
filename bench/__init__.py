"""Benchmarks of the portal at realistic volume (`make bench-data`, `make bench`).
Nothing here is imported by the apps; timings live here, never in the tests."""
