"""Benchmarks of the portal at realistic volume: `make bench-data` fills a database
(bench/generate.py), `make bench` measures it under load (bench/run.py). Nothing here is
imported by the apps; timings live here, never in the tests."""
