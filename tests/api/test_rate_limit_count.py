"""The per-token call count is exact when many calls arrive at once: Django's file cache reads
then writes on ``incr``, so without ``thrive.api.auth``'s lock concurrent calls are lost and a
token could make more calls a minute than the limit allows."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from django.core.cache import cache
from django.test import override_settings

from thrive.api.auth import count_call

THREADS = 8
CALLS_EACH = 40
A_MINUTE = 29_000_000 * 60.0  # a fixed minute, so the count never straddles two


def test_calls_counted_at_once_in_the_file_cache_are_all_counted(tmp_path):
    file_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    with override_settings(CACHES=file_cache, THRIVE_API_PER_MINUTE=10**6):

        def calls(_: int) -> None:
            for _ in range(CALLS_EACH):
                count_call(7, now=A_MINUTE)

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(calls, range(THREADS)))
        assert cache.get(f"thrive-api-calls:7:{int(A_MINUTE // 60)}") == THREADS * CALLS_EACH
