"""The store app for API tokens: personal tokens an HR admin issues, kept only as a hash.

A token is shown once, when issued; the store keeps its first characters (to find it) and the
SHA-256 of the whole, with its expiry, when it was last used and who revoked it. Issuing,
checking and revoking are :mod:`thrive.api_tokens.keys`; the API (:mod:`thrive.api`) checks a
bearer token here and then acts with its user's role and scope, as the web pages do.
"""
