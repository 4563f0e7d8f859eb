"""`make bench`: benchmarks and the performance budget of issue 7; the entry point is bench/run.py."""
