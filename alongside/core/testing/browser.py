"""Playwright driving Debian's Chromium, and axe-core for accessibility checks."""

import os
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str:
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def axe_source() -> str:
    path = Path(os.environ.get("AXE_JS", ".cache/npm/node_modules/axe-core/axe.min.js"))
    return path.read_text()


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0-2.2 A and AA rules) on the page; return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate() runs outside the page's CSP, which would (rightly) refuse an inline script.
        page.evaluate(axe_source())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page, *, label: str = "") -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core violations on {label or page.url}: {violations}"
