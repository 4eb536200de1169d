"""What a page, a report, an API answer or a command's table shows: typed, role-scoped view models.

Built from frames and the analysis packages, with the viewer's scope (:mod:`.scope`) and the
small-number suppression (:mod:`.suppression`) applied here, once, so every surface shows the
same figures the same way. Never imports a surface.
"""
