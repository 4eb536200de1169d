"""The store app for what imports leave behind, and the census returns' own answers.

Each import batch with the changes that undo it, rows held in quarantine, and the census returns'
LA-level answers and worker-level items that the workforce model does not hold: models, admin
and migrations only. The importers that write them are in :mod:`thrive.ingest`.
"""
