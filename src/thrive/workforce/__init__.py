"""The workforce store: the Django app holding the council's workforce records.

Every record is effective-dated (start and end dates, or the date it was true), so the workforce
at any past date can be reconstructed. ``frames`` reads the store into Polars frames for the
analysis packages, which never import Django themselves.
"""
