"""Django's SQLite backend, which still reads a WAL store on a full disk (see :mod:`.base`)."""
