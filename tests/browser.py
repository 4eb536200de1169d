"""Driving Debian's Chromium with Playwright: sign in, scan with axe-core, keep screenshots.

Chromium comes from Debian (``apt-get install chromium``; ``.ci/run`` installs it), not from
Playwright's own download, so the tests run offline. axe-core comes from npm (``make assets``
installs it). The scan is evaluated through the DevTools protocol, so the page's strict Content
Security Policy stays in force while it runs; any CSP violation the page itself causes is
collected from the console and fails the test.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Playwright

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERIOUS = {"serious", "critical"}


def chromium_path() -> str | None:
    """Debian's Chromium, wherever it is on the PATH."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright: Playwright) -> Browser:
    path = chromium_path()
    assert path, "Chromium is not installed: apt-get install chromium"
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


@dataclass
class Watched:
    """A page with its Content Security Policy complaints collected as they happen."""

    page: Page
    csp_violations: list[str] = field(default_factory=list)


def open_page(browser: Browser) -> Watched:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    watched = Watched(context.new_page())
    watched.page.on(
        "console",
        lambda message: (
            watched.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return watched


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The serious and critical accessibility problems axe-core finds on the page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))
            }));
        }"""
    )
    return [v for v in found if v["impact"] in SERIOUS]


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG under test-artifacts/web/ (kept by CI as a test artifact)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


# Words a director does not use, and the command line's names: a page's main text may carry
# them only inside a "How this is worked out" disclosure (issue 17).
STATISTICS_WORDS = re.compile(
    r"Kaplan[- ]Meier|log[- ]rank|chi[- ]squared|\bCox\b|concordance|\bP10\b|\bP90\b|TF-IDF"
    r"|non-negative matrix factori[sz]ation|backtest"
    r"|(?-i:\bthrive (?:allocate|api|backup|census|demo|export|forecast|import|metrics|onboard"
    r"|published|recruitment|report|restore|retention|serve|pay)\b)",
    re.IGNORECASE,
)
METHOD_SUMMARY = "How this is worked out"


# Slips a director trips on: a count of one with a plural noun or verb ("1 children", "1 are off
# target") and a date written the machine's way (2025-09-30) rather than in words.
SLIPS = re.compile(
    r"(?<![\d.,])\b1 (?:children|workers|social workers|people|comments|actions|packs|teams"
    r"|cases|leavers|starters|vacancies|measures|are|were|have)\b"
    r"|\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"
)


def main_text(page: Page) -> str:
    """The page's main text, outside its "How this is worked out" disclosures."""
    text: str = page.evaluate(
        """(summary) => {
            const main = document.querySelector("main");
            if (!main) return "";
            const copy = main.cloneNode(true);
            for (const details of copy.querySelectorAll("details")) {
                const label = details.querySelector("summary");
                if (label && label.textContent.includes(summary)) details.remove();
            }
            return copy.textContent;
        }""",
        METHOD_SUMMARY,
    )
    return " ".join(text.split())


def _found(pattern: re.Pattern[str], text: str) -> list[str]:
    return [text[max(0, m.start() - 40) : m.end() + 20] for m in pattern.finditer(text)]


def statistics_words(page: Page) -> list[str]:
    """The statistics words and command names in the page's main text, outside its "How this
    is worked out" disclosures (each with a little context, for the failure message)."""
    return _found(STATISTICS_WORDS, main_text(page))


def wording_slips(page: Page) -> list[str]:
    """Counts of one with a plural noun and machine-written dates in the page's main text."""
    return _found(SLIPS, main_text(page))
