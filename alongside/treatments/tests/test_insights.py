"""Insight figures: equal to a hand count, k-suppressed, and consent-respecting."""

from datetime import date

import pytest
from django.test import override_settings

from alongside.treatments.insights import compute_figures, wilson_interval
from alongside.treatments.models import Treatment, TreatmentInsight
from alongside.treatments.presentation import insight_view
from alongside.treatments.selectors import treatment_member_count
from alongside.treatments.services import insight_refresh

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 1)


@pytest.fixture
def ldn(kb):
    return Treatment.objects.get(slug="low-dose-naltrexone")


@pytest.fixture
def twelve(community, make_member, entry_for):
    """12 consenting members on LDN, a hand-countable fixture."""
    members = [make_member(count_in_figures=True) for _ in range(12)]
    for n, user in enumerate(members):
        entry_for(
            user,
            community,
            "low-dose-naltrexone",
            dose=4.5 if n < 9 else 3,
            started=date(2025, 1, 1),
            stopped=date(2025, 2, 15) if n >= 10 else None,
            reason="side_effects" if n == 10 else ("cost" if n == 11 else ""),
            titration=("1.5", "3", "4.5") if n < 6 else (),
            effectiveness=[5, 4, 4, 3, 3, 3, 2, 1, 4, 5][n] if n < 10 else None,
            burden=1 if n < 10 else None,
            effects=("Vivid dreams",) if n < 4 else (("Headache",) if n == 4 else ()),
        )
    return members


def test_the_figures_equal_those_counted_by_hand(community, ldn, twelve):
    figures = compute_figures(community=community, treatment=ldn, today=TODAY)
    assert figures["members"] == 12
    # Ten members filed a report; four had vivid dreams, one a headache.
    effects = {item["name"]: item for item in figures["side_effects"]["items"]}
    assert figures["side_effects"]["base"] == 10
    assert effects["Vivid dreams"]["count"] == 4 and effects["Headache"]["count"] == 1
    assert effects["Vivid dreams"]["low"] == pytest.approx(0.1682, abs=1e-4)
    assert effects["Vivid dreams"]["high"] == pytest.approx(0.6873, abs=1e-4)
    assert figures["effectiveness"] == {"base": 10, "counts": [1, 1, 3, 3, 2]}
    assert figures["doses"] == {
        "base": 12,
        "items": [{"dose": "4.5 mg", "count": 9}, {"dose": "3 mg", "count": 3}],
    }
    assert figures["titration"]["items"] == [{"steps": ["1.5 mg", "3 mg", "4.5 mg"], "count": 6}]
    # Ten still taking it for 12 months by TODAY, two stopped after a month.
    assert figures["duration"]["median_months"] == 12
    assert [b["count"] for b in figures["duration"]["buckets"]] == [2, 0, 10, 0]
    assert figures["stop_reasons"]["base"] == 2
    assert {i["reason"] for i in figures["stop_reasons"]["items"]} == {"side_effects", "cost"}


def test_the_wilson_interval_matches_the_textbook_value():
    low, high = wilson_interval(4, 10)
    assert (round(low, 4), round(high, 4)) == (0.1682, 0.6873)
    assert wilson_interval(0, 0) == (0.0, 0.0)


def test_the_page_shows_shares_as_percentages(community, ldn, twelve):
    view = insight_view(compute_figures(community=community, treatment=ldn), k=10)
    doses = {row.label: row.percent for row in view.doses.rows}
    assert doses == {"4.5 mg": 75, "3 mg": 25}
    dreams = view.side_effects.rows[0]
    assert (dreams.label, dreams.percent, dreams.low, dreams.high) == ("Vivid dreams", 40, 17, 69)


def test_figures_below_k_are_suppressed(community, ldn, twelve):
    view = insight_view(compute_figures(community=community, treatment=ldn), k=11)
    assert view.any_shown  # 12 members
    assert not view.side_effects.shown and view.side_effects.rows == []  # rests on 10
    assert not view.stop_reasons.shown  # rests on 2
    assert view.doses.shown


@override_settings(COMMUNITY_FIGURE_MIN_MEMBERS=13)
def test_nothing_is_shown_when_the_members_are_fewer_than_k(client_for, community, ldn, twelve):
    insight_refresh(community=community, treatment=ldn)
    html = client_for().get("/treatments/low-dose-naltrexone/").content.decode()
    assert "Not enough members have reported this treatment yet" in html
    assert "4.5 mg: " not in html


def test_members_who_did_not_agree_to_count_never_count(
    community, ldn, make_member, entry_for, twelve
):
    private = make_member(count_in_figures=False)
    entry_for(private, community, "low-dose-naltrexone", dose=6, effectiveness=1, effects=("Rash",))
    figures = compute_figures(community=community, treatment=ldn)
    assert figures["members"] == 12
    assert all(item["dose"] != "6 mg" for item in figures["doses"]["items"])
    assert "Rash" not in {item["name"] for item in figures["side_effects"]["items"]}
    assert treatment_member_count(community=community, treatment_slug=ldn.slug) == 12


def test_entries_in_another_community_do_not_count(
    community, other_community, ldn, make_member, entry_for, twelve
):
    elsewhere = make_member(other_community, count_in_figures=True)
    entry_for(elsewhere, other_community, "low-dose-naltrexone", dose=6)
    assert compute_figures(community=community, treatment=ldn)["members"] == 12


def test_a_member_counts_once_through_their_latest_entry(community, ldn, make_member, entry_for):
    user = make_member(count_in_figures=True)
    entry_for(
        user,
        community,
        "low-dose-naltrexone",
        dose=1.5,
        started=date(2024, 1, 1),
        stopped=date(2024, 3, 1),
        reason="side_effects",
    )
    entry_for(user, community, "low-dose-naltrexone", dose=4.5, started=date(2025, 1, 1))
    figures = compute_figures(community=community, treatment=ldn)
    assert figures["members"] == 1
    assert figures["doses"]["items"] == [{"dose": "4.5 mg", "count": 1}]
    assert figures["stop_reasons"]["base"] == 0


def test_saving_an_entry_refreshes_the_insight_after_commit(
    community, ldn, make_member, django_capture_on_commit_callbacks
):
    from alongside.treatments.services import treatment_entry_save

    user = make_member(count_in_figures=True)
    values = {"dose": 4.5, "unit": "mg", "audience": "members", "effectiveness": 4}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        treatment_entry_save(user=user, community=community, treatment=ldn, values=values)
    assert len(callbacks) == 1
    insight = TreatmentInsight.objects.get(community=community, treatment=ldn)
    assert insight.member_count == 1
    assert insight.figures["effectiveness"]["counts"] == [0, 0, 0, 1, 0]


def test_refresh_insights_recomputes_every_insight(community, ldn, twelve):
    from django.core.management import call_command

    call_command("refresh_insights")
    assert TreatmentInsight.objects.get(community=community, treatment=ldn).member_count == 12


def test_withdrawing_consent_in_settings_takes_the_member_out_of_the_figures_at_once(
    community, ldn, client_for, django_capture_on_commit_callbacks, twelve
):
    from alongside.treatments.services import insight_refresh_all

    insight_refresh_all()
    assert TreatmentInsight.objects.get(community=community, treatment=ldn).member_count == 12
    member = twelve[0]
    profile = member.profile
    privacy = {
        f"profile-{name}": getattr(profile, name)
        for name in (
            "display_name_audience",
            "avatar_audience",
            "about_audience",
            "region_audience",
            "conditions_audience",
        )
    }
    membership = member.memberships.get(community=community)
    privacy |= {
        "membership-role_audience": membership.role_audience,
        "membership-condition_type_audience": membership.condition_type_audience,
        "membership-diagnosis_year_audience": membership.diagnosis_year_audience,
    }  # count_in_figures left out: the box is unticked
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(member).post("/settings/privacy/", privacy)
    assert page.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.count_in_figures is False
    assert TreatmentInsight.objects.get(community=community, treatment=ldn).member_count == 11
