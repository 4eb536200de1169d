"""API tokens in the admin: listed and revocable, never issued there (the hash is all it has)."""

from django.contrib import admin
from django.http import HttpRequest

from thrive.api_tokens.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "prefix",
        "user",
        "label",
        "issued_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    readonly_fields = ("prefix", "digest", "issued_at", "issued_by", "last_used_at")
    search_fields = ("prefix", "user__username", "label")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
