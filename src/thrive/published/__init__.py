"""The store app for the Department for Education's published workforce statistics.

Every figure of the local-authority table (England, regions, authorities; 2017-2024 ships with
the package in ``data/``): models, admin and migrations, with the Department's markers
(:mod:`.markers`) and authority names (:mod:`.names`). :mod:`thrive.ingest.published_figures`
loads a release of the table; :mod:`thrive.summaries.comparison` puts a council beside England,
its region and its statistical neighbours.
"""
