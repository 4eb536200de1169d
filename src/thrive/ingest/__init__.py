"""Getting data in: census returns, HR extracts and caseloads, checked before anything is stored.

Parsers per source format (census XML, CSV, XLSX), declarative mapping profiles (YAML), value
and row validation with plain-English problems, and the batch loader that writes one file in
one transaction, records the batch and can undo it.
"""
