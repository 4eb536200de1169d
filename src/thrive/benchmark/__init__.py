"""Published statistics: the Department for Education's local-authority workforce table.

Used to benchmark an authority against England, its region and comparator authorities. The
2017-2024 table ships with the package (``data/``) so benchmarks work out of the box.

Use :func:`thrive.benchmark.comparisons.compare` for an authority beside England, its region and
comparators; :func:`thrive.benchmark.loader.import_dfe_stats` loads a release of the table.
"""
