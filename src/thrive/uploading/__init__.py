"""Taking an extract or a census return uploaded by an HR admin, for every surface that takes one.

The Data page (:mod:`thrive.web`) and the API's ``POST /api/v1/imports`` (:mod:`thrive.api`)
go through the same code, so an upload is checked, quarantined, recorded as a batch (or
refused with its problems), limited in size, imported one at a time and audited the same way
whichever way it came in:

- :mod:`thrive.uploading.uploads`: saving an upload under ``THRIVE_DATA_DIR/uploads/``, the size
  limit, importing it through the importers, the problems CSV, sweeping old uploads;
- :mod:`thrive.uploading.import_runs`: importing a saved upload in a process of its own, and
  the status that every worker process can read;
- :mod:`thrive.uploading.audit_entries`: what an upload's outcome writes in the audit log.

It sits below the surfaces (which never import each other) and above the importers.
"""
