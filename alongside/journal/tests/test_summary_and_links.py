"""The visit summary (page, PDF, queries) and share links for clinicians."""

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.journal import services
from alongside.journal.models import AccessEntry, CheckIn, ShareLink
from alongside.journal.pdf import unavailable_reason
from alongside.testing.factories import MemberConditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_ldn(owner, community, entry_for):
    return entry_for(
        owner, community, "low-dose-naltrexone", dose=4.5, titration=("1.5", "3", "4.5")
    )


def _summary_url(journal, filled) -> str:
    return f"/journal/{journal.public_id}/summaries/{filled['summary'].pk}/"


def test_the_summary_shows_concern_questions_treatments_relapses_and_trends(
    client_for, owner, journal, filled, on_ldn
):
    page = client_for(owner).get(_summary_url(journal, filled)).content.decode()
    for text in (
        "My walking is worse",
        "Should I change my dose?",
        "Low-dose naltrexone",
        "4.5 mg",
        "Blurred vision in my left eye",
        "Fatigue",
        "Prepared by the member",
    ):
        assert text in page, text


def test_the_pdf_holds_the_concern_the_questions_and_the_treatments(
    client_for, owner, journal, filled, on_ldn
):
    from pypdf import PdfReader

    assert unavailable_reason() == ""
    response = client_for(owner).get(_summary_url(journal, filled) + "pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for expected in ("My walking is worse", "Should I change my dose?", "Low-dose naltrexone"):
        assert expected in text, expected


def test_without_weasyprint_the_page_still_prints_and_says_why_there_is_no_pdf(
    client_for, owner, journal, filled, monkeypatch
):
    from alongside.journal import pdf

    pdf.unavailable_reason.cache_clear()
    monkeypatch.setattr(pdf.importlib.util, "find_spec", lambda name: None)
    try:
        page = client_for(owner).get(_summary_url(journal, filled)).content.decode()
        assert "WeasyPrint is not installed" in page
        assert client_for(owner).get(_summary_url(journal, filled) + "pdf/").status_code == 503
    finally:
        pdf.unavailable_reason.cache_clear()


def _two_years_of_checkins(journal, today):
    CheckIn.objects.bulk_create(
        CheckIn(journal=journal, day=today - timedelta(days=n), scores={"fatigue": n % 5})
        for n in range(1, 731)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_summary_over_two_years_of_daily_entries_stays_within_twelve_queries(
    client_for, owner, journal, filled, on_ldn, own_access, community, entry_for
):
    # Clashes shown too: LDN with tramadol, and LDN with the member's acute hepatitis.
    entry_for(owner, community, "tramadol", dose=50)
    MemberConditionFactory(user=owner, slug="acute-hepatitis", code="B17.9")
    summary = filled["summary"]
    client = client_for(owner)
    url = _summary_url(journal, filled)
    page = client.get(url).content.decode()
    assert page.count('class="severity"') == 2 and "prescribing information" in page
    few = _queries(client, url)
    _two_years_of_checkins(journal, filled["today"])
    services.summary_save(
        access=own_access,
        summary=summary,
        period_start=filled["today"] - timedelta(days=730),
        period_end=filled["today"],
        concern=summary.concern,
    )
    many = _queries(client, url)
    assert many == few and many <= 12


def test_trends_and_home_cost_the_same_queries_whatever_the_number_of_entries(
    client_for, owner, journal, filled
):
    client = client_for(owner)
    pages = [f"/journal/{journal.public_id}/trends/?days=365", f"/journal/{journal.public_id}/"]
    for url in pages:
        _queries(client, url)
    few = [_queries(client, url) for url in pages]
    _two_years_of_checkins(journal, filled["today"])
    assert [_queries(client, url) for url in pages] == few
    assert max(few) <= 12


def test_trends_draw_an_svg_per_symptom_with_treatment_bands_and_a_data_table(
    client_for, owner, journal, filled, on_ldn
):
    page = client_for(owner).get(f"/journal/{journal.public_id}/trends/").content.decode()
    assert page.count('<svg class="chart"') == len(journal.symptoms)
    assert 'class="chart-band"' in page and "Low-dose naltrexone 4.5 mg" in page
    assert 'class="chart-relapse"' in page
    assert "Fatigue as a table" in page and "<script" not in page.split("</head>")[1]
    fatigue = page.split("Fatigue as a table")[1].split("</table>")[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>([0-9.]+)</td></tr>', fatigue)
    assert rows and all(value in "01234" for _day, value in rows), rows


# Share links ----------------------------------------------------------------------------------


@pytest.fixture
def link(filled):
    return services.share_link_create(summary=filled["summary"], days=7, label="Dr Shah")


def test_a_share_link_shows_the_summary_read_only_with_private_headers(client, link):
    _link, token = link
    response = client.get(f"/shared/summary/{token}/")
    page = response.content.decode()
    assert response.status_code == 200 and "My walking is worse" in page
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"] and 'name="robots" content="noindex' in page
    assert "<form" not in page and "csrfmiddlewaretoken" not in page


def test_each_opening_is_logged_and_shown_to_the_member(client, client_for, owner, journal, link):
    _link, token = link
    client.get(f"/shared/summary/{token}/")
    client.get(f"/shared/summary/{token}/")
    assert AccessEntry.objects.filter(journal=journal, kind="opened_link").count() == 2
    page = client_for(owner).get(f"/journal/{journal.public_id}/activity/").content.decode()
    assert page.count("Dr Shah") == 2 and "opened a share link" in page


def test_only_the_tokens_hash_is_stored_and_it_is_long(link):
    row, token = link
    assert len(token) >= 43 and token not in row.token_hash
    assert not ShareLink.objects.filter(token_hash=token).exists()


def test_a_revoked_link_and_an_expired_link_show_nothing(client, link):
    row, token = link
    services.share_link_revoke(link=row)
    assert client.get(f"/shared/summary/{token}/").status_code == 404
    row.revoked_at = None
    row.expires_at = timezone.now() - timedelta(minutes=1)
    row.save()
    response = client.get(f"/shared/summary/{token}/")
    assert response.status_code == 404 and "My walking is worse" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_share_link_shows_only_its_summary_not_the_journal(client, link, journal):
    _row, token = link
    assert client.get(f"/shared/summary/{token}/").status_code == 200
    for path in (f"/journal/{journal.public_id}/", f"/api/v1/journal/{journal.public_id}"):
        assert client.get(path).status_code in (302, 401)


def test_the_member_makes_and_ends_a_link_from_the_summary_page(client_for, owner, journal, filled):
    client = client_for(owner)
    response = client.post(
        _summary_url(journal, filled) + "share/", {"label": "Nurse Kim", "days": "7"}
    )
    assert "no-store" in response["Cache-Control"]
    url = response.context["url"]
    assert client_for().get(url).status_code == 200
    row = ShareLink.objects.get(label="Nurse Kim")
    client.post(f"/journal/{journal.public_id}/links/{row.pk}/revoke/")
    assert client_for().get(url).status_code == 404
