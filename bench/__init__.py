"""Benchmarks and the large-volume data they run on (not shipped with the apps).

make bench-data SCALE=1       # fill var/bench's database (see bench/generate.py)
"""
