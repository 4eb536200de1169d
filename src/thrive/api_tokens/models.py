"""An API token as the store keeps it: never the token itself, only how to recognise it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """One personal token: whose it is, its hash, its expiry, its last use and its revocation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(max_length=80, blank=True, help_text="What it is for: 'Power BI'.")
    prefix = models.CharField(
        max_length=16, unique=True, help_text="The token's first characters, to find it by."
    )
    digest = models.CharField("SHA-256", max_length=64, help_text="The whole token's hash.")
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.CharField(max_length=150)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user.get_username()})"
