"""The store app for issued board packs: a pack as it was issued, kept unchanged.

When HR issues a half-year's pack (with its commentary), its files (PDF, XLSX, HTML) are kept in
the database with each one's SHA-256, beside the figures it showed as data, so the pack can be
downloaded again later exactly as issued, whatever is imported afterwards. Models and migrations
only: issuing and reading them back is :mod:`thrive.summaries.issued_packs`.
"""
