"""The store app for the strategy's action plan: what the council has said it will do, by when.

Each action has an owner, a due date, a status and the measures it aims to move (names of the
metrics registry's measures, checked by the form that writes them, since the store does not
import the registry): models and migrations only. The Action plan page writes them
(:mod:`thrive.web.views.action_plan`), every change written to the audit log; the Overview and
the board pack read them through :mod:`thrive.summaries.action_plan`.
"""
