"""``thrive api token``: issue, list and revoke the personal tokens the API (/api/v1/) takes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from thrive.api_tokens.keys import MOST_DAYS, TokenError, issue, revoke
from thrive.api_tokens.models import ApiToken
from thrive.commands.base import ThriveCommand


class Command(ThriveCommand):
    help = (
        "Personal tokens for the API (/api/v1/, docs/api.md). A token acts with its user's role\n"
        "and scope; it is shown once, when issued, and the store keeps only its hash.\n\n"
        "Example: thrive api token issue --user j.smith --days 90 --label 'Power BI'\n"
        "         thrive api token list\n"
        "         thrive api token revoke 1a2b3c4d"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        things = parser.add_subparsers(dest="thing", title="what", required=True)
        token = things.add_parser("token", help="Issue, list or revoke API tokens.")
        actions = token.add_subparsers(dest="action", title="actions", required=True)
        issued = actions.add_parser("issue", help="Issue a token for a user (shown once).")
        issued.add_argument("--user", required=True, help="The user name the token acts as.")
        issued.add_argument(
            "--days", type=int, default=90, help=f"Days it lasts, 1 to {MOST_DAYS} (default 90)."
        )
        issued.add_argument("--label", default="", help="What it is for, e.g. 'Power BI'.")
        issued.add_argument(
            "--by", default="thrive (command line)", help="Who issued it, for the record."
        )
        listed = actions.add_parser("list", help="Every token: user, label, expiry, last use.")
        listed.add_argument("--user", help="Only this user's tokens.")
        revoked = actions.add_parser("revoke", help="Revoke a token by its prefix.")
        revoked.add_argument("prefix", help="The 8 characters after thrive_ (from list).")
        revoked.add_argument("--by", default="thrive (command line)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "issue":
                self._issue(options)
            elif action == "revoke":
                token = revoke(options["prefix"], revoked_by=options["by"])
                self.stdout.write(f"Revoked {token.prefix} ({token.user.get_username()}).")
            else:
                self._list(options.get("user"))
        except TokenError as error:
            raise CommandError(str(error)) from error

    def _issue(self, options: dict[str, Any]) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']!r}.")
        made = issue(user, options["days"], issued_by=options["by"], label=options["label"])
        self.stdout.write(
            f"Token for {user.get_username()}, until {made.token.expires_at:%Y-%m-%d %H:%M}:\n"
            f"{made.text}\n"
            "Copy it now: it is not shown again. Send it as: Authorization: Bearer <token>"
        )

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user")
        if username:
            tokens = tokens.filter(user__username=username)
        now = timezone.now()
        for t in tokens:
            state = (
                f"revoked {t.revoked_at:%Y-%m-%d}"
                if t.revoked_at
                else "expired"
                if t.expires_at <= now
                else f"until {t.expires_at:%Y-%m-%d}"
            )
            used = f"last used {t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
            self.stdout.write(
                f"{t.prefix}  {t.user.get_username():<20} {t.label or '-':<20} {state:<20} {used}"
            )
        if not tokens.exists():
            self.stdout.write("No tokens.")
