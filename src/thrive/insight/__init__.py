"""Why people stay and why they leave: the records the workforce model does not hold.

A Django app (``thrive.insight``) for stay conversations ("Talk Before You Walk"), exit
interviews, staff survey waves and answers, the recruitment pipeline (requisitions, candidates,
stage events), Social Work England registration and CPD records; ``frames.load`` reads them into
Polars frames (:mod:`thrive.insight.frame_schema`) for :mod:`thrive.retention`, ``demo`` adds
them to the demo authority, ``ats_import`` reads an applicant-tracking export, and ``pages``
builds the view models the web pages show.

This ``__init__`` imports nothing, so the Django-free modules (``choices``, ``frame_schema``)
can be used by the analysis packages.
"""
