"""The command line: ``thrive`` and its commands, each thin (parse, ask the centre, render).

A Django app only so Django finds the commands in ``management/commands``; the console tables
they print are in :mod:`.measure_tables` and :mod:`.result_tables`.
"""
