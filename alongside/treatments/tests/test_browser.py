"""The treatment journeys in Chromium, with and without JavaScript, checked with axe-core."""

import pytest

from alongside.moderation.tests.browser import page_for
from alongside.testing.browser import DESKTOP, PHONE, assert_accessible
from alongside.treatments.models import MemberTreatment, Treatment
from alongside.treatments.services import insight_refresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def on_tramadol(community, kb, make_member, entry_for):
    user = make_member(display_name="Tam")
    entry_for(user, community, "tramadol", dose=50)
    return user


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_adding_ldn_while_taking_tramadol_warns_before_saving(
    chromium, site_url, on_tramadol, viewport
):
    page = page_for(chromium, site_url, on_tramadol, viewport=viewport)
    page.goto(site_url + "/treatments/mine/add/")
    page.get_by_label("Treatment name").press_sequentially("naltrexon", delay=30)
    page.locator("#suggestions").get_by_role("link", name="Low-dose naltrexone (LDN)").click()
    page.get_by_role("heading", level=1, name="Add Low-dose naltrexone").wait_for()
    page.get_by_label("Dose", exact=True).fill("4.5")
    page.get_by_label("Unit", exact=True).select_option("mg")
    page.get_by_label("Step 1 dose").fill("1.5")
    page.get_by_role("button", name="Save", exact=True).click()
    warning = page.locator(".clashes")
    warning.get_by_text("Talk to your doctor or pharmacist").wait_for()
    assert "Low-dose naltrexone with Tramadol" in warning.inner_text()
    assert "Source:" in warning.inner_text()
    assert page.get_by_label("Step 1 dose").input_value() == "1.5"
    assert not MemberTreatment.objects.filter(treatment__slug="low-dose-naltrexone").exists()
    assert_accessible(page, label=f"clash warning at {viewport['width']}px")
    page.get_by_role("button", name="Save anyway").click()
    page.get_by_role("heading", level=1, name="My treatments").wait_for()
    assert MemberTreatment.objects.get(treatment__slug="low-dose-naltrexone").clash_acknowledged
    assert "possible clash" in page.locator("main").inner_text()
    assert_accessible(page, label=f"my treatments at {viewport['width']}px")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_checker_works_without_javascript(chromium, site_url, kb, viewport):
    page = page_for(chromium, site_url, viewport=viewport, javascript=False)
    page.goto(site_url + "/treatments/check/")
    page.get_by_label("Low-dose naltrexone", exact=True).check()
    page.get_by_label("Oxycodone", exact=True).check()
    page.get_by_label("Acute hepatitis", exact=True).check()
    page.get_by_role("button", name="Check").click()
    result = page.locator("#result")
    result.get_by_text("Talk to your doctor or pharmacist").wait_for()
    text = result.inner_text()
    assert {"Low-dose naltrexone with Oxycodone", "Oxycodone with Low-dose naltrexone"} & {
        line.split(": ", 1)[-1] for line in text.splitlines()
    }
    assert "Low-dose naltrexone with Acute hepatitis" in text
    assert page.get_by_label("Oxycodone", exact=True).is_checked()
    assert_accessible(page, label=f"checker at {viewport['width']}px")


@pytest.fixture
def reported_ldn(community, kb, make_member, entry_for):
    for n in range(14):
        entry_for(
            make_member(count_in_figures=True),
            community,
            "low-dose-naltrexone",
            dose=4.5 if n < 10 else 3,
            titration=("1.5", "3", "4.5"),
            effectiveness=1 + n % 5,
            burden=1,
            effects=("Vivid dreams",) if n % 2 else (),
        )
    insight_refresh(
        community=community, treatment=Treatment.objects.get(slug="low-dose-naltrexone")
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_the_ldn_page_shows_its_figures(chromium, site_url, reported_ldn, viewport):
    page = page_for(chromium, site_url, viewport=viewport)
    page.goto(site_url + "/treatments/low-dose-naltrexone/")
    page.get_by_role("heading", level=1, name="Low-dose naltrexone (LDN)").wait_for()
    main = page.locator("main").inner_text()
    assert "14 members report taking it" in main
    assert "4.5 mg: 71% of members" in main
    assert "1.5 mg → 3 mg → 4.5 mg" in main
    table = page.get_by_role("table", name="Share of members reporting each side effect")
    assert "Vivid dreams" in table.inner_text() and "50% (7)" in table.inner_text()
    assert "Source:" in main
    assert_accessible(page, label=f"LDN page at {viewport['width']}px")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_a_page_with_checks_lists_them_with_their_sources(chromium, site_url, kb, viewport):
    page = page_for(chromium, site_url, viewport=viewport)
    page.goto(site_url + "/treatments/cladribine/")
    checks = page.get_by_role("region", name="Checks you will be asked to have")
    checks.wait_for()
    assert "A brain MRI scan before starting" in checks.inner_text()
    link = checks.get_by_role("link", name="Study: Cladribine tablets review, Neurol Ther 2021")
    assert link.first.get_attribute("href") == "https://doi.org/10.1007/s40120-021-00243-6"
    assert_accessible(page, label=f"cladribine page at {viewport['width']}px")


def test_the_treatment_list_and_profile_section_are_accessible(chromium, site_url, on_tramadol):
    page = page_for(chromium, site_url, on_tramadol)
    page.goto(site_url + "/treatments/")
    page.get_by_role("link", name="Ocrelizumab", exact=True).wait_for()
    assert_accessible(page, label="treatment list")
    page.goto(f"{site_url}/members/{on_tramadol.public_id}/")
    section = page.get_by_role("region", name="Treatments")
    assert "Tramadol" in section.inner_text()
    assert_accessible(page, label="profile with treatments")
