"""The journal in Chromium: a check-in by keyboard alone at phone width, and axe-core on
every journal page and the summary (member, carer, clinician) at 375 and 1280 px."""

from datetime import timedelta

import pytest

from alongside.journal import services
from alongside.journal.models import CheckIn
from alongside.moderation.tests.browser import page_for
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _tab_to(page, name: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def test_a_member_checks_in_by_keyboard_alone_on_a_phone(chromium, site_url, owner, journal):
    page = page_for(chromium, site_url, owner, viewport=PHONE)
    page.goto(f"{site_url}/journal/{journal.public_id}/")
    _tab_to(page, "s_fatigue")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.locator("#checkin-status").get_by_text("Saved at").wait_for()
    _tab_to(page, "s_pain")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    _tab_to(page, "note")
    page.keyboard.type("Rested after lunch")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Saved. Well done for checking in.").wait_for()
    checkin = CheckIn.objects.get(journal=journal)
    assert checkin.scores == {"fatigue": 3, "pain": 1} and checkin.note == "Rested after lunch"
    assert _no_sideways_scroll(page)
    page.context.close()


@pytest.fixture
def full(journal, own_access, filled, carer_for, entry_for, owner, community):
    entry_for(owner, community, "low-dose-naltrexone", dose=4.5, titration=("1.5", "4.5"))
    for ago in range(1, 60):
        services.checkin_save(
            access=own_access,
            day=filled["today"] - timedelta(days=ago),
            scores={"fatigue": ago % 5, "pain": (ago // 7) % 5},
            note="",
        )
    return {**filled, "carer": carer_for(view=True, add=True, summarise=True, name="Sam").user}


def _owner_pages(journal, full) -> list[str]:
    j = f"/journal/{journal.public_id}"
    return [
        f"{j}/",
        f"{j}/day/{(full['today'] - timedelta(days=1)).isoformat()}/",
        f"{j}/symptoms/",
        f"{j}/relapses/",
        f"{j}/relapses/new/",
        f"{j}/trends/",
        f"{j}/questionnaires/",
        f"{j}/questionnaires/phq9/",
        f"{j}/questions/",
        f"{j}/summaries/",
        f"{j}/summaries/{full['summary'].pk}/",
        f"{j}/carers/",
        f"{j}/activity/",
        f"{j}/settings/",
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_every_journal_page_passes_axe_for_the_member_and_the_carer(
    chromium, site_url, owner, journal, full, viewport
):
    pages = [(owner, url) for url in _owner_pages(journal, full)]
    j = f"/journal/{journal.public_id}"
    pages += [
        (full["carer"], f"{j}/"),
        (full["carer"], f"{j}/trends/"),
        (full["carer"], f"{j}/summaries/{full['summary'].pk}/"),
    ]
    _, token = services.share_link_create(summary=full["summary"], days=3, label="Dr Shah")
    pages += [(None, f"/shared/summary/{token}/")]
    for user, url in pages:
        page = page_for(chromium, site_url, user, viewport=viewport)
        page.goto(site_url + url)
        assert_accessible(page, label=f"{url} at {viewport['width']}px")
        assert _no_sideways_scroll(page), url
        page.context.close()


def test_the_relapse_saved_page_passes_axe(chromium, site_url, owner, journal):
    page = page_for(chromium, site_url, owner, viewport=PHONE)
    page.goto(f"{site_url}/journal/{journal.public_id}/relapses/new/")
    page.get_by_label("When it started").fill("2026-01-05")
    page.get_by_label("What changed").fill("Tingling in both hands")
    page.locator("input[name=over_24_hours][value=yes]").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Have you told your MS team?").wait_for()
    assert_accessible(page, label="relapse saved")
    page.context.close()
