"""The store read into Polars frames: the contract every analysis package works from.

One module per record family describes its frames (:mod:`.workforce`, :mod:`.lifecycle`: pure
Polars, no Django); :mod:`.load` and :mod:`.load_lifecycle` read the store into them;
:mod:`.cache` keeps them per store version; :mod:`.dates` holds the one definition of "in post on
a date" and "overlaps a period". This ``__init__`` imports nothing, so the analysis packages can
use the pure modules without loading Django.
"""
