"""Settings are documented and refuse unsafe production use; every command has working help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

from thrive import config
from thrive.commands import cli

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_documented() -> None:
    documented = (ROOT / "docs" / "configuration.md").read_text()
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in documented, f"{setting.name} is not in docs/configuration.md"


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import thrive.settings"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_default_secret_key() -> None:
    refused = _import_settings({"THRIVE_PRODUCTION": "1", "THRIVE_SECRET_KEY": ""})
    assert refused.returncode != 0
    assert "THRIVE_SECRET_KEY" in refused.stderr
    accepted = _import_settings({"THRIVE_PRODUCTION": "1", "THRIVE_SECRET_KEY": "x" * 50})
    assert accepted.returncode == 0, accepted.stderr


def thrive_commands() -> list[str]:
    return sorted(name for name, app in get_commands().items() if app.startswith("thrive."))


def test_thrive_help_lists_every_thrive_command_with_a_description(capsys) -> None:
    cli.main(["--help"])
    listed = capsys.readouterr().out
    for name in thrive_commands():
        line = next((ln for ln in listed.splitlines() if ln.strip().startswith(name + " ")), "")
        assert line.strip() != name and line, f"thrive --help does not describe {name}"
    assert "migrate" in listed


@pytest.mark.parametrize("name", thrive_commands())
def test_each_command_has_help_with_an_example(name: str, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([name, "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert "Example" in text or "example" in text, f"thrive {name} --help shows no example"
