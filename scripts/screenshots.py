"""Screenshots of the running demo (make run) for the README: python scripts/screenshots.py."""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = os.environ.get("BASE_URL", "http://localhost:8000")
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def shoot(pages: list[tuple[str, str]], login: str | None = None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for size_name, size in SIZES.items():
            page = browser.new_context(viewport=size).new_page()
            if login:
                page.goto(BASE + "/accounts/login/")
                page.get_by_label("Email").fill(login)
                page.get_by_label("Password").fill("alongside-demo")
                page.get_by_role("button", name="Log in", exact=True).click()
            for name, path in pages:
                page.goto(BASE + path)
                path_out = OUT / f"{name}-{size_name}.png"
                page.screenshot(path=path_out, full_page=size_name == "phone")
        browser.close()


if __name__ == "__main__":
    member = sys.argv[1] if len(sys.argv) > 1 else None
    targets = [arg.split("=", 1) for arg in sys.argv[2:]] or [("home", "/")]
    shoot([tuple(t) for t in targets], login=member)
