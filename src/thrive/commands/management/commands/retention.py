"""``thrive retention``: why people stay and why they leave, for one authority."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.management.base import CommandError, CommandParser

from thrive.centre.centre import Centre
from thrive.commands.arguments import iso_date
from thrive.commands.base import ThriveCommand
from thrive.commands.result_tables import as_payload, print_payload, to_json
from thrive.ingest.extract_import import NoAuthorityError, resolve_authority
from thrive.retention.curves import COHORTS
from thrive.retention.errors import RetentionError
from thrive.summaries import kept_results, results
from thrive.summaries.results_common import Loaded, latest_day

ACTIONS = {
    "curves": "Retention curves (Kaplan-Meier) by cohort, with log-rank tests.",
    "risk": "The leaving-risk model: hazard ratios, proportional-hazards check, out-of-time test.",
    "at-risk": "The people in post most likely to leave in the next year, and why (HR only).",
    "exits": "Exit-interview reasons and which teams lose people.",
    "themes": "Themes in exit-interview comments or survey free text.",
    "survey": "Staff survey item scores by wave (and team), with the change since last time.",
    "careers": "ASYE cohorts, progression, time to progression, scheme members.",
    "registration": "Social Work England registration status, CPD and reminders.",
}


class Command(ThriveCommand):
    help = (
        "Why people stay and why they leave: retention curves, leaving risk, exits, themes.\n\n"
        "Example: thrive retention curves --by route_in --format json\n"
        "         thrive retention risk --as-at 2025-09-30\n"
        "         thrive retention at-risk --top 10\n\n"
        "Actions:\n" + "".join(f"  {k:<14}{v}\n" for k, v in ACTIONS.items()) + "\n"
        "risk and at-risk are kept for the store's version where the web pages keep theirs\n"
        "(THRIVE_KEEP): worked out once (one fit for both), then read.\n"
        "Methods and limits: docs/retention.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=list(ACTIONS), help="What to show.")
        parser.add_argument("--as-at", type=iso_date, help="The date (default: the latest record).")
        parser.add_argument("--by", help=f"Cohort or slice: curves take {', '.join(COHORTS)}; "
                            "exits take team, service, grade or year; survey team, service or "
                            "grade.")  # fmt: skip
        parser.add_argument("--from", dest="start", type=iso_date, help="exits: period start.")
        parser.add_argument("--top", type=int, default=20, help="at-risk: how many (default 20).")
        parser.add_argument("--team", help="registration: reminders for one team.")
        parser.add_argument("--source", choices=["exits", "survey"], default="exits",
                            help="themes: which free text (default exits).")  # fmt: skip
        parser.add_argument("--themes", type=int, default=6, help="themes: how many to find.")
        parser.add_argument("--authority", help="LA number (needed if the store holds several).")
        parser.add_argument("--format", choices=["table", "json"], default="table", dest="output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            authority = resolve_authority(options["authority"])
            centre = Centre.for_authority(authority)
            if options["action"] in ("risk", "at-risk"):
                payload = as_payload(self._kept_risk(centre, options))
            else:
                payload = as_payload(self._run(centre.records(), options))
        except (NoAuthorityError, RetentionError) as error:
            raise CommandError(str(error)) from error
        if options["output"] == "json":
            self.stdout.write(to_json(payload))
        else:  # every step of every curve is for charts and JSON, not a terminal
            shown = {k: v for k, v in payload.items() if k != "curves"}
            print_payload(shown, self.stdout)  # type: ignore[arg-type]

    @staticmethod
    def _kept_risk(centre: Centre, options: dict[str, Any]) -> results.Result:
        """The leaving-risk model's results as the web pages keep them for this store version
        (worked out and kept if no one has yet: both from one fit of the model)."""
        as_at = options["as_at"] or latest_day(centre.frames)
        if options["action"] == "risk":
            kept: object = kept_results.leaving_risk(centre, as_at)
        else:
            kept = kept_results.people_at_risk(centre, as_at)
        if isinstance(kept, kept_results.Unavailable):
            raise CommandError(kept.reason)
        if isinstance(kept, results.AtRiskResult) and options["top"] is not None:
            people = kept.people[: options["top"]]
            kept = replace(kept, people=people, shown=len(people))
        assert isinstance(kept, results.RiskResult | results.AtRiskResult)
        return kept

    @staticmethod
    def _run(records: Loaded, options: dict[str, Any]) -> results.Result:
        action, as_at, by = options["action"], options["as_at"], options["by"]
        if action == "curves":
            # the command is run by the people who keep the data: no suppression
            return results.retention_curves(records, by=by or "route_in", as_at=as_at, named=True)
        if action == "exits":
            return results.exits_summary(
                records, start=options["start"], end=as_at, by=by, named=True
            )
        if action == "themes":
            return results.text_themes(records, source=options["source"], themes=options["themes"])
        if action == "survey":
            return results.survey_summary(records, by=by)
        if action == "careers":
            return results.careers_summary(records, as_at=as_at)
        return results.registration_summary(records, as_at=as_at, team=options["team"])
