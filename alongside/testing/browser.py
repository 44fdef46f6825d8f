"""Playwright driving Debian's Chromium, and axe-core for accessibility checks."""

import os
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def click_and_wait(page, locator) -> None:
    """Click a link or submit button and wait until the page it leads to has loaded, so what
    runs next (axe above all) never meets the old page being torn down."""
    with page.expect_navigation():
        locator.click()


def main_link_follow(page, name: str) -> None:
    """Follow a link of the main navigation (on a phone it sits in the Menu disclosure) and wait
    for the page it leads to, as `click_and_wait`."""
    if page.viewport_size["width"] < 768:  # site.css: the Menu disclosure below 48rem
        page.locator("summary", has_text="Menu").click()
        navigation = page.get_by_role("navigation", name="Menu")
    else:
        navigation = page.get_by_role("navigation", name="Main")
    click_and_wait(page, navigation.get_by_role("link", name=name))


def chromium_path() -> str:
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def axe_source() -> str:
    path = Path(os.environ.get("AXE_JS", ".cache/npm/node_modules/axe-core/axe.min.js"))
    return path.read_text()


def _javascript_enabled(page) -> bool:
    return page.context._impl_obj._options.get("javaScriptEnabled", True)


def _scriptable_copy(page):
    """A page that can run axe, showing the same HTML as a page opened without JavaScript
    (evaluate() on a page without JavaScript never returns)."""
    context = page.context.browser.new_context(viewport=page.viewport_size)
    copy = context.new_page()
    html = page.content().replace("<head>", f'<head><base href="{page.url}">', 1)
    copy.set_content(html, wait_until="load")
    return copy


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0-2.2 A and AA rules) on the page; return the violations."""
    if not _javascript_enabled(page):
        copy = _scriptable_copy(page)
        try:
            return axe_violations(copy)
        finally:
            copy.context.close()
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
