"""Benchmarks: a generator of realistic articles and a runner that measures Folio against plain
SQLite in the same run (``make bench N=20000 BENCH_OUT=report.json``)."""
