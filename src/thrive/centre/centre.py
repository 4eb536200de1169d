"""One authority, as at one date, seen by one person: where every surface starts.

>>> centre = Centre.for_authority(Authority.objects.get(la_number="999"))  # doctest: +SKIP
>>> centre.frames.spells.height, centre.as_at                              # doctest: +SKIP

A web page builds one from the signed-in user (:meth:`Centre.for_user`); a command or a test
from an authority (:meth:`Centre.for_authority`, seeing everything, as an HR admin does). The
frames come from :mod:`thrive.frames.cache` (written once per store version as files every
process maps, or read by each process with ``THRIVE_KEEP=process``); the targets and anything
passed to :meth:`Centre.remembered` are kept in Django's cache until the store version moves.

Every kept result's key carries the store version (so an import moves every key) and either the
viewer's scope and "as at" date (:meth:`Centre.remembered`, :meth:`Centre.when_ready`: what one
viewer may see) or the authority (``for_authority=True``: a result the same for every viewer,
which the page filters to its viewer before showing it). Nothing here computes a measure: that
is :mod:`thrive.metrics`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone

from thrive.centre import background
from thrive.centre.targets import targets_for
from thrive.codes import Role
from thrive.frames import cache as frames_cache
from thrive.frames.lifecycle import LifecycleFrames
from thrive.frames.workforce import WorkforceFrames
from thrive.metrics import Targets
from thrive.summaries.forecast import HORIZONS
from thrive.summaries.periods import (
    first_recorded_date,
    last_recorded_date,
    months_after,
    parse_as_at,
)
from thrive.summaries.results_common import Loaded
from thrive.summaries.scope import Scope, scope_for
from thrive.workforce.models import Authority, Service

T = TypeVar("T")

UNCACHED = "uncached"


@dataclass(frozen=True)
class Centre:
    """This authority (``authority`` is its name), as at ``as_at``, seen with ``scope``.

    ``latest`` is the last date the records speak for (the default "as at"); ``version`` is the
    store's fingerprint the frames and everything remembered belong to.
    """

    scope: Scope
    authority: str
    la_number: str
    own_service: str | None
    latest: date
    as_at: date
    version: str

    @classmethod
    def for_user(
        cls, user: AbstractBaseUser | AnonymousUser, as_at_text: str | None = None
    ) -> Centre:
        """A signed-in user's centre (raises PermissionDenied for a user with no role).

        ``as_at_text`` is the date the user asked for, or nothing for ``latest``: a text that is
        not a date, or a date outside :func:`as_at_range`, raises
        :class:`~thrive.summaries.periods.BadDateError` (its message says why, in words).
        """
        if not user.is_authenticated:
            scope_for(user)  # raises: no one signed in
        version = _version()
        # A user's scope only changes when their access record does, which moves the version.
        scope, names = frames_cache.remembered(
            f"user:{user.pk}", lambda: _who(user), version=version
        )
        authority, la_number, own_service = names
        latest = _latest(scope.authority_id, version)
        earliest, last = as_at_range(scope.authority_id, version, latest)
        as_at = parse_as_at(as_at_text, latest, earliest, last)
        return cls(scope, authority, la_number, own_service, latest, as_at, version)

    @classmethod
    def for_authority(
        cls, authority: Authority, as_at: date | None = None, *, username: str = "thrive"
    ) -> Centre:
        """The whole authority, seen as an HR admin sees it: for commands and tests."""
        version = _version()
        scope = Scope(username=username, role=Role.HR_ADMIN, authority_id=authority.pk)
        latest = _latest(authority.pk, version)
        return cls(
            scope, authority.name, authority.la_number, None, latest, as_at or latest, version
        )

    @property
    def authority_id(self) -> int:
        return self.scope.authority_id

    @property
    def frames(self) -> WorkforceFrames:
        """The authority's workforce frames for this store version."""
        return frames_cache.frames_for(self.authority_id, self.version)

    @property
    def lifecycle(self) -> LifecycleFrames:
        """The authority's recruitment, registration, survey and exit frames."""
        return frames_cache.lifecycle_for(self.authority_id, self.version)

    def records(self) -> Loaded:
        """Both families of frames, as the retention and recruitment results take them."""
        return Loaded(self.authority, self.la_number, self.frames, self.lifecycle)

    def targets(self, file: Path | None = None) -> Targets:
        """The authority's targets (defaults, its TOML file or ``file``, its admin rows)."""
        if file is not None:
            return targets_for(Authority.objects.get(pk=self.authority_id), file)
        return self.remembered(
            "targets",
            lambda: targets_for(Authority.objects.get(pk=self.authority_id)),
            for_authority=True,
        )

    def key(self, key: str, *, for_authority: bool = False) -> str:
        """The cache key ``key`` is kept under: the store version, then this viewer's scope and
        "as at" date, or (``for_authority``) only the authority."""
        whose = (
            f"authority:{self.authority_id}"
            if for_authority
            else f"viewer:{self.scope.key}:{self.as_at}"
        )
        return frames_cache.cache_key(f"{whose}:{key}", version=self.version)

    def remembered(
        self,
        key: str,
        build: Callable[[], T],
        *,
        timeout: int = 3600,
        for_authority: bool = False,
    ) -> T:
        """What ``build`` returns, kept until the store version moves (or ``timeout`` s).

        Worked out here if need be: for anything slow a page shows, use :meth:`when_ready`.
        """
        return frames_cache.remembered_at(
            self.key(key, for_authority=for_authority), build, timeout=timeout
        )

    def when_ready(
        self, key: str, build: Callable[[], T], *, timeout: int = 3600, for_authority: bool = False
    ) -> T | None:
        """What ``build`` returns, kept like :meth:`remembered`, or None while it is being worked
        out in the background (the page says so and asks again: :mod:`thrive.centre.background`).
        """
        if not frames_cache.caching_on():
            return build()
        return background.when_ready(
            self.key(key, for_authority=for_authority), build, timeout=timeout
        )


def _version() -> str:
    return frames_cache.current_version() if frames_cache.caching_on() else UNCACHED


def _latest(authority_id: int, version: str) -> date:
    today = timezone.localdate()
    return frames_cache.remembered(
        f"latest:{authority_id}:{today}",
        lambda: last_recorded_date(frames_cache.frames_for(authority_id, version), today),
        version=version,
    )


def as_at_range(authority_id: int, version: str, latest: date) -> tuple[date, date]:
    """The "as at" dates a page may be asked for: from the first date the authority's records
    speak for to the later of ``latest`` and today, plus the longest forecast horizon (records
    that stopped changing years ago still describe today). The one place this is decided."""
    earliest = frames_cache.remembered(
        f"earliest:{authority_id}:{latest}",
        lambda: first_recorded_date(frames_cache.frames_for(authority_id, version), latest),
        version=version,
    )
    return earliest, months_after(max(latest, timezone.localdate()), max(HORIZONS))


def _who(
    user: AbstractBaseUser | AnonymousUser,
) -> tuple[Scope, tuple[str, str, str | None]]:
    """The user's scope, their authority's name and LA number, and their service's name."""
    scope = scope_for(user)
    authority = (
        Authority.objects.filter(pk=scope.authority_id).values_list("name", "la_number").first()
    )
    service = (
        Service.objects.filter(pk=scope.service_id).values_list("name", flat=True).first()
        if scope.service_id
        else None
    )
    name, la_number = authority or ("", "")
    return scope, (name, la_number, service)
