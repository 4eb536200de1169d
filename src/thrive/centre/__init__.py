"""The centre every surface starts from: this authority, as at this date, seen by this person.

:class:`thrive.centre.centre.Centre` holds the viewer's scope, the store version and the "as at"
date, and hands out the frames (kept per store version by :mod:`thrive.frames.cache`), the
authority's targets and anything a surface wants remembered until the data change. The web
views, the commands and the tests all start from one. This ``__init__`` imports nothing, so
Django can load the app (:mod:`.apps`) before the models are ready.
"""
