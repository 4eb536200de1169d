"""Issuing, checking and revoking API tokens.

A token reads ``thrive_<prefix>_<secret>``: the prefix (8 hex characters) finds the row, the
secret is 32 random bytes (URL-safe base64), and the store keeps only the SHA-256 of the whole
token, compared in constant time. A token works from its issue until its expiry or its
revocation, whichever comes first; its last use is noted (at most once a minute).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from thrive.api_tokens.models import ApiToken
from thrive.workforce.models import UserAccess

MOST_DAYS = 366  # a token lasts a year at most: the holder asks for a new one
NOTED_EVERY = timedelta(minutes=1)
_START = "thrive_"


class TokenError(ValueError):
    """A token cannot be issued or revoked as asked; the message says why, in words."""


@dataclass(frozen=True)
class Issued:
    """A token just issued: ``text`` is shown once and never kept."""

    token: ApiToken
    text: str


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def issue(user: AbstractBaseUser, days: int, *, issued_by: str, label: str = "") -> Issued:
    """A new token for ``user`` (who must have a role in Thrive), lasting ``days`` days."""
    if not 1 <= days <= MOST_DAYS:
        raise TokenError(f"A token lasts 1 to {MOST_DAYS} days, not {days}.")
    if not user.is_active:
        raise TokenError(f"{user.get_username()} is not an active account.")
    if not UserAccess.objects.filter(user_id=user.pk).exists():
        raise TokenError(f"{user.get_username()} has no role in Thrive: give them one first.")
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    text = f"{_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user_id=user.pk,
        label=label[:80],
        prefix=prefix,
        digest=digest(text),
        issued_by=issued_by[:150],
        expires_at=timezone.now() + timedelta(days=days),
    )
    return Issued(token, text)


def prefix_of(text: str) -> str | None:
    """The prefix of a text shaped like a token, or None."""
    if not text.startswith(_START) or len(text) > 200:
        return None
    prefix, _, secret = text[len(_START) :].partition("_")
    return prefix if len(prefix) == 8 and secret else None


def check(text: str) -> ApiToken | None:
    """The live token ``text`` is (its user active), or None: wrong, expired or revoked."""
    prefix = prefix_of(text)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.digest, digest(text)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= NOTED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke(prefix: str, *, revoked_by: str) -> ApiToken:
    """Revoke the token with this prefix (revoking one already revoked changes nothing)."""
    token = ApiToken.objects.filter(prefix=prefix.removeprefix(_START)[:16]).first()
    if token is None:
        raise TokenError(f"No token starts {prefix!r}.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = revoked_by[:150]
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token
