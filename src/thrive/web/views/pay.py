"""The Pay and reward page: base salary by grade, recruitment and retention payments, who stayed,
and agency cover's cost beside directly employed pay. For HR and leadership only (pay is about
individuals; every figure of 1 to 4 people is withheld from anyone but HR)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from thrive.codes import Role
from thrive.summaries.pay import pay_page
from thrive.summaries.pay_view import agency_table, curve_table, salary_spread, salary_table
from thrive.summaries.scope import OutOfScopeError
from thrive.web.downloads import DOWNLOADS
from thrive.web.inputs import accepts
from thrive.web.views.common import kept_for_session, page_request, render_page

PAY_ROLES = frozenset({Role.HR_ADMIN, Role.LEADERSHIP})


@accepts(*DOWNLOADS)
@login_required
@kept_for_session
def pay(request: HttpRequest) -> HttpResponse:
    """Pay and reward as at a date, from the last census with pay on or before it."""
    page = page_request(request)
    if page.scope.role not in PAY_ROLES:
        raise OutOfScopeError("Only HR admins and leadership can open Pay and reward.")
    named = page.scope.is_hr_admin
    view = page.remembered(
        "pay", lambda: pay_page(page.frames, page.as_at, named=named, targets=page.targets())
    )
    chart, caption = page.remembered("pay-chart", lambda: salary_spread(view.rows))
    context = {
        "page": view,
        "chart": chart,
        "chart_caption": caption,
        "salaries": salary_table(view),
        "curves": curve_table(view),
        "agency": agency_table(view),
    }
    return render_page(request, page, "thrive/pay.html", "pay", context)
