"""Export and erasure, reminders (member's days, time zone and quiet hours; no symptoms in
the email) and community figures (consent, k, rounding, at most weekly)."""

import json
import zipfile
from datetime import UTC, datetime, time, timedelta
from io import BytesIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from alongside.journal import services
from alongside.journal.figures import figures_compute, round_down
from alongside.journal.models import CheckIn, Journal, JournalFigure
from alongside.journal.selectors import (
    questions_for,
    symptom_figures_for,
    treatment_figures_for,
)
from alongside.journal.tasks import reminders_send

pytestmark = pytest.mark.django_db


def test_the_data_export_holds_the_journal(client_for, owner, filled):
    response = client_for(owner).post("/settings/data/export/")
    data = json.loads(zipfile.ZipFile(BytesIO(response.content)).read("data.json"))
    journal = data["journal"]["journals"][0]
    assert journal["checkins"][0]["note"] == "Tired"
    assert journal["relapses"][0]["what_changed"] == "Blurred vision in my left eye"
    assert journal["visit_summaries"][0]["concern"] == "My walking is worse"


def test_erasing_the_account_removes_the_journal(owner, filled, rf):
    from alongside.accounts.services import account_delete

    request = rf.get("/")
    request.session = SessionStore()
    request.user = owner
    account_delete(request=request, user=owner, keep_posts=True)
    assert not Journal.objects.exists() and not CheckIn.objects.exists()


# Reminders ------------------------------------------------------------------------------------


@pytest.fixture
def reminded(journal, owner):
    owner.profile.time_zone = "Pacific/Auckland"
    owner.profile.save()
    services.journal_settings_update(
        journal=journal, reminder_days=list(range(7)), reminder_time=time(19, 0)
    )
    return journal


def _at_local(hour: int) -> datetime:
    from zoneinfo import ZoneInfo

    day = timezone.now().astimezone(ZoneInfo("Pacific/Auckland")).date()
    return datetime(day.year, day.month, day.day, hour, 5, tzinfo=ZoneInfo("Pacific/Auckland"))


def test_a_reminder_is_due_at_the_members_own_time_in_their_zone(reminded):
    assert not services.reminder_due(journal=reminded, now=_at_local(18))
    assert services.reminder_due(journal=reminded, now=_at_local(19))


def test_quiet_hours_hold_a_reminder_back(reminded):
    services.journal_settings_update(
        journal=reminded, quiet_from=time(18, 30), quiet_until=time(7, 0)
    )
    assert not services.reminder_due(journal=reminded, now=_at_local(19))


def test_the_reminder_job_sends_once_and_never_names_a_symptom(
    reminded, filled, monkeypatch, django_capture_on_commit_callbacks
):
    evening = _at_local(20).astimezone(UTC)
    monkeypatch.setattr(timezone, "now", lambda: evening)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send.call() == 1
        assert reminders_send.call() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[-1]
    text = (message.subject + message.body).lower()
    assert "check-in" in message.subject.lower()
    assert not any(word in text for word in ("fatigue", "tired", "pain", "relapse", "score"))


# Community figures ----------------------------------------------------------------------------


@pytest.fixture
def keepers(community, make_member, entry_for):
    """Twelve consenting journal keepers who started LDN 60 days ago, and one who did not
    consent (whose severe scores must not count)."""
    today = timezone.localdate()
    started = today - timedelta(days=60)
    users = []
    for n in range(13):
        user = make_member()
        journal = services.journal_get_or_create(owner=user, community=community)
        journal.count_in_figures = n < 12
        journal.save()
        entry_for(user, community, "low-dose-naltrexone", dose=4.5, started=started)
        CheckIn.objects.bulk_create(
            CheckIn(
                journal=journal,
                day=today - timedelta(days=d),
                scores={"fatigue": 4 if n == 12 else (3 if d > 60 else 1), "pain": n % 2},
            )
            for d in range(1, 120)
        )
        users.append(user)
    return users


def test_figures_count_only_consenting_journals_over_k(community, keepers):
    assert figures_compute(community=community)
    figure = symptom_figures_for(community=community)
    fatigue = next(row for row in figure.rows if row["key"] == "fatigue")
    assert figure.members == round_down(12, 10)
    assert fatigue["percent"] == 100 and fatigue["members"] == 10
    ldn = treatment_figures_for(community=community, treatment_slug="low-dose-naltrexone")
    row = next(row for row in ldn.rows if row["key"] == "fatigue")
    assert row["change"] == -2.0 and row["low"] <= -2.0 <= row["high"]
    assert row["members"] == round_down(12, 5)


@override_settings(COMMUNITY_FIGURE_MIN_MEMBERS=20)
def test_figures_are_suppressed_under_k_members(community, keepers):
    figures_compute(community=community)
    assert symptom_figures_for(community=community) is None
    assert treatment_figures_for(community=community, treatment_slug="low-dose-naltrexone") is None


def test_figures_are_recomputed_at_most_weekly(community, keepers):
    assert figures_compute(community=community)
    first = JournalFigure.objects.get(community=community, key="symptoms").computed_at
    assert not figures_compute(community=community)
    assert JournalFigure.objects.get(community=community, key="symptoms").computed_at == first


def test_the_treatment_page_shows_what_members_journals_showed(client_for, community, keepers):
    figures_compute(community=community)
    page = client_for(keepers[0]).get("/treatments/low-dose-naltrexone/").content.decode()
    assert "What members' journals showed" in page and "not proof that the treatment works" in page


def test_the_save_question_button_is_on_a_treatment_page_for_members(
    client_for, owner, journal, kb
):
    page = client_for(owner).get("/treatments/low-dose-naltrexone/").content.decode()
    assert "Save as a question for my neurologist" in page
    visitor = client_for().get("/treatments/low-dose-naltrexone/").content.decode()
    assert "Save as a question" not in visitor


def test_saving_a_question_from_a_page_puts_it_in_the_next_summary(client_for, owner, journal):
    client_for(owner).post(
        "/journal/questions/save/",
        {"text": "Is LDN worth trying?", "source_title": "LDN", "source_url": "/treatments/"},
    )
    saved = questions_for(journal=journal)
    assert [(q.text, q.source_url) for q in saved] == [("Is LDN worth trying?", "/treatments/")]


def test_the_journal_home_shows_how_common_each_symptom_is(client_for, community, keepers):
    figures_compute(community=community)
    journal = keepers[0].journals.get()
    page = client_for(keepers[0]).get(f"/journal/{journal.public_id}/").content.decode()
    assert "What members who keep a journal report" in page and "100%" in page
