"""The API surface: ``/api/v1/``, JSON for a council's other systems (Power BI and the like).

A surface beside :mod:`thrive.web` and :mod:`thrive.commands` (neither imports the other):
each call is made with a personal bearer token (:mod:`thrive.api_tokens`), builds a
:class:`~thrive.centre.centre.Centre` from the token's user, and returns the same figures as
the pages, with the same scope and small-number suppression (decided in
:mod:`thrive.summaries`). Built on Django Ninja: typed schemas, an OpenAPI 3 document at
``/api/v1/openapi.json`` and docs for people at ``/api/v1/docs`` (``docs/api.md``).
"""
