"""Thrive's URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, register_converter

from thrive.api.urls import api
from thrive.web.converters import RecordId
from thrive.web.views import (
    action_plan,
    allocation,
    api_tokens,
    audit_log,
    careers,
    children,
    data,
    errors,
    feedback,
    forecast,
    home,
    issued_packs,
    leavers,
    next_year,
    onboard,
    overview,
    pay,
    recruitment,
    reports,
    retention,
    stay,
    team,
    workforce,
)

register_converter(RecordId, "id")

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("overview/", overview.overview, name="overview"),
    path("teams/", team.teams, name="teams"),
    path("workforce/", workforce.workforce, name="workforce"),
    path("careers/", careers.careers, name="careers"),
    path("leavers/", leavers.leavers, name="leavers"),
    path("retention/", retention.retention, name="retention"),
    path("retention/at-risk/", retention.at_risk, name="at_risk"),
    path("recruitment/", recruitment.recruitment, name="recruitment"),
    path("feedback/", feedback.feedback, name="feedback"),
    path("children/", children.children, name="children"),
    path("forecast/", forecast.forecast, name="forecast"),
    path("next-year/", next_year.next_year, name="next_year"),
    path("teams/<id:team_id>/", team.team, name="team"),
    path(
        "teams/<id:team_id>/allocation-plan/",
        allocation.team_allocation_plan,
        name="team_allocation_plan",
    ),
    path("workers/<str:pseudonym>/", team.worker, name="worker"),
    path(
        "workers/<str:pseudonym>/stay-conversation/",
        stay.stay_conversation,
        name="stay_conversation",
    ),
    path("data/", data.data, name="data"),
    path("data/published/", data.published, name="published"),
    path("data/first-load/", onboard.onboard, name="onboard"),
    path("data/imports/<str:upload_id>/", data.import_status, name="import_status"),
    path("data/problems/<str:token>.csv", data.problems, name="import_problems"),
    path("data/batches/<id:batch_id>/undo/", data.undo, name="undo"),
    path("reports/", reports.reports, name="reports"),
    path("reports/pack/", reports.download, name="report_download"),
    path("reports/issue/", issued_packs.issue, name="report_issue"),
    path(
        "reports/issued/<id:pack_id>/<str:form>/",
        issued_packs.issued_download,
        name="issued_pack",
    ),
    path("pay/", pay.pay, name="pay"),
    path("action-plan/", action_plan.action_plan, name="action_plan"),
    path("action-plan/new/", action_plan.edit_action, name="add_action"),
    path("action-plan/<id:action_id>/", action_plan.edit_action, name="edit_action"),
    path("audit/", audit_log.audit_log, name="audit"),
    path("api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path("api-tokens/<id:token_id>/revoke/", api_tokens.revoke_token, name="revoke_api_token"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# A database that is down, locked, read-only or full: a 503 page in words (views/errors.py).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
