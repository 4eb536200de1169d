"""Bearer tokens and the rate limit: who is calling, and whether they may call again yet.

``Authorization: Bearer thrive_...``: a wrong, expired or revoked token, or none, is a 401
(the answer says which header to send, never which of those it was). A good token's user is
the request's user, so every call acts with that user's role and scope, as the web pages do.
Each token may make ``THRIVE_API_PER_MINUTE`` calls in a calendar minute (counted in Django's
cache); the next is a 429 with ``Retry-After``, the seconds to the next minute. Redis counts
atomically; the file cache reads then writes, so there the count is taken under a ``flock`` that
every process on the machine shares, and no call goes uncounted however many arrive at once.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.security import HttpBearer

from thrive.api_tokens.keys import check
from thrive.api_tokens.models import ApiToken


class RateLimitedError(Exception):
    """This token has made its calls for this minute."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many calls: at most {per_minute()} a minute for one token")
        self.retry_after = retry_after


def per_minute() -> int:
    return int(getattr(settings, "THRIVE_API_PER_MINUTE", 120))


def count_call(token_id: int, now: float | None = None) -> None:
    """Count one call for this token; raise :class:`RateLimitedError` past the minute's limit."""
    now = time.time() if now is None else now
    minute = int(now // 60)
    key = f"thrive-api-calls:{token_id}:{minute}"
    with _one_count_at_a_time():
        cache.add(key, 0, timeout=120)
        try:
            calls = cache.incr(key)
        except ValueError:  # expired between add and incr: this is the first call
            cache.set(key, 1, timeout=120)
            calls = 1
    if calls > per_minute():
        raise RateLimitedError(max(1, 60 - int(now % 60)))


@contextmanager
def _one_count_at_a_time() -> Iterator[None]:
    """Hold the counting lock when the cache is Django's file cache (its ``incr`` is a read and
    a write, so two processes counting at once would lose a call); other caches need none."""
    default = settings.CACHES["default"]
    if not default["BACKEND"].endswith("FileBasedCache"):
        yield
        return
    folder = Path(default["LOCATION"])
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "api-calls.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class BearerToken(HttpBearer):
    """A personal token issued by an HR admin (``thrive api token issue``)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = check(token.strip())
        if found is None:
            return None
        count_call(found.pk)
        request.user = found.user
        return found
