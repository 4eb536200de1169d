"""The store app for the employee lifecycle beyond employment spells.

Recruitment (requisitions, candidates, stage events), Social Work England registration and CPD,
staff survey waves and answers, stay conversations ("Talk Before You Walk") and exit interviews:
models, admin and migrations only. Their codes are in :mod:`thrive.codes.lifecycle`, their frames
in :mod:`thrive.frames.lifecycle`, the analysis of them in :mod:`thrive.retention`, their importer
in :mod:`thrive.ingest` and the demo's records in :mod:`thrive.demo`.
"""
