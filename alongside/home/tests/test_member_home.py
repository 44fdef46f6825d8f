"""A member's home at `/`: what is new since their last visit, and what to do next."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.communities.models import Membership
from alongside.communities.services import SEEN_EVERY, VISIT_GAP, membership_seen
from alongside.conversations.models import Update
from alongside.conversations.services import update_create
from alongside.notifications.models import Kind
from alongside.notifications.services import notification_create
from alongside.questions.models import Question
from alongside.questions.services import question_create
from alongside.teams.services import team_link_create

pytestmark = pytest.mark.django_db


def _back_from_a_visit(user, community, *, days: int = 2) -> Membership:
    """The member's previous visit ended `days` ago (as LastSeenMiddleware records it)."""
    membership = Membership.objects.get(user=user, community=community)
    then = timezone.now() - timedelta(days=days)
    Membership.objects.filter(pk=membership.pk).update(
        previous_visit_at=then, last_seen_at=timezone.now()
    )
    return membership


def test_it_shows_a_new_member_three_things_worth_doing_first(community, make_member, client_for):
    page = client_for(make_member()).get("/")
    assert page.status_code == 200
    assert "Three things worth doing first" in page.text
    for label in ("Write your first update", "See people like you", "Add a treatment"):
        assert label in page.text
    assert "Join free" not in page.text


def test_it_shows_what_is_new_since_the_last_visit(
    community, make_member, make_trusted, client_for
):
    viewer, friend, stranger = make_member(), make_trusted(display_name="Robin"), make_trusted()
    team_link_create(community=community, a=viewer, b=friend)
    _back_from_a_visit(viewer, community)
    update_create(author=friend, community=community, body="Managed the stairs today")
    update_create(author=stranger, community=community, body="Not from the team")
    for n in range(2):
        notification_create(
            recipient=viewer,
            community=community,
            kind=Kind.ANSWER,
            text="Someone answered your question",
            dedupe_key=f"answer-{n}",
        )
    page = client_for(viewer).get("/")
    assert "Three things worth doing first" not in page.text
    assert "Welcome back" in page.text
    assert "2</span>" in page.text and "answers to your questions" in page.text
    assert "Robin" in page.text and "Managed the stairs today" in page.text
    assert "Not from the team" not in page.text


def test_it_says_so_when_nothing_is_new(community, make_member, client_for):
    viewer = make_member()
    _back_from_a_visit(viewer, community)
    assert "Nothing new since your last visit" in client_for(viewer).get("/").text


def test_it_lists_unanswered_questions_on_the_members_topics_first(
    community, make_member, client_for, entry_for
):
    viewer, asker = make_member(), make_member()
    entry_for(viewer, community, "low-dose-naltrexone")
    question_create(author=asker, community=community, title="Which shoes help with foot drop?")
    question_create(
        author=asker,
        community=community,
        title="Does LDN help with sleep?",
        topics=["low-dose-naltrexone"],
    )
    question_create(author=viewer, community=community, title="My own unanswered question")
    page = client_for(viewer).get("/").text
    assert page.index("Does LDN help with sleep?") < page.index("Which shoes help with foot drop?")
    assert "My own unanswered question" not in page


def test_it_warns_about_a_clash_among_the_members_treatments(
    community, make_member, client_for, entry_for
):
    viewer = make_member()
    entry_for(viewer, community, "low-dose-naltrexone")
    entry_for(viewer, community, "tramadol")
    page = client_for(viewer).get("/").text
    assert page.count("Low-dose naltrexone and Tramadol may clash.") == 1


def test_visitors_and_other_communities_members_get_the_public_home(
    community, other_community, make_member, client_for
):
    assert "Join free" in client_for().get("/").text
    page = client_for(make_member(other_community)).get("/")
    assert 'action="/join/"' in page.text
    assert "Three things worth doing first" not in page.text


def test_it_offers_todays_check_in_from_the_journal(community, make_member, client_for):
    page = client_for(make_member()).get("/")
    assert "Today&#x27;s check-in" in page.text or "Today's check-in" in page.text
    assert 'href="/journal/"' in page.text


def test_the_place_for_another_app_renders_its_include_once_the_app_is_installed():
    from django.template import Context, Template

    template = Template(
        "{% load home %}"
        '[{% include_from_app "alongside.questions" "questions/includes/similar.html" %}]'
        '[{% include_from_app "alongside.journal" "journal/includes/home_checkin.html" %}]'
    )
    similar = [
        {"title": "Does heat make fatigue worse?", "url": "/questions/1/", "answer_count": 2}
    ]
    rendered = template.render(Context({"similar": similar, "request": None}))
    assert "Similar questions already asked" in rendered
    assert "Today's check-in" in rendered  # the journal is installed: its include renders


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured)


def _grow(community, people, count: int) -> None:
    """Team updates, questions and notifications: `count` of each."""
    author, viewer = people
    Update.objects.bulk_create(
        [Update(community=community, author=author, body=f"Update {n}") for n in range(count)]
    )
    Question.objects.bulk_create(
        [Question(community=community, author=author, title=f"Question {n}") for n in range(count)]
    )
    for n in range(count // 10):
        notification_create(
            recipient=viewer,
            community=community,
            kind=(Kind.ANSWER, Kind.HUG, Kind.COMMENT)[n % 3],
            text="Something happened",
            dedupe_key=f"grow-{count}-{n}",
        )


def test_the_home_runs_the_same_queries_with_little_and_much_data(
    community, make_member, client_for, entry_for
):
    viewer, friend = make_member(), make_member()
    team_link_create(community=community, a=viewer, b=friend)
    entry_for(viewer, community, "low-dose-naltrexone")
    _back_from_a_visit(viewer, community)
    client = client_for(viewer)
    client.get("/")  # warm the host cache
    _grow(community, (friend, viewer), 10)
    small = _home_queries(client)
    _grow(community, (friend, viewer), 1000)
    large = _home_queries(client)
    assert small == large
    assert large <= 12


def test_a_members_presence_is_written_at_most_every_few_minutes(community, make_member):
    membership = Membership.objects.get(user=make_member(), community=community)
    start = timezone.now()
    assert membership_seen(membership=membership, now=start)
    assert not membership_seen(membership=membership, now=start + SEEN_EVERY / 2)
    assert membership_seen(membership=membership, now=start + SEEN_EVERY)
    membership.refresh_from_db()
    assert membership.last_seen_at == start + SEEN_EVERY
    assert membership.previous_visit_at is None


def test_a_long_silence_ends_the_visit_and_moves_what_counts_as_new(community, make_member):
    membership = Membership.objects.get(user=make_member(), community=community)
    start = timezone.now()
    membership_seen(membership=membership, now=start)
    membership_seen(membership=membership, now=start + VISIT_GAP + SEEN_EVERY)
    membership.refresh_from_db()
    assert membership.previous_visit_at == start


def test_visiting_any_page_keeps_last_seen(community, make_member, client_for):
    viewer = make_member()
    client_for(viewer).get("/questions/")
    assert Membership.objects.get(user=viewer, community=community).last_seen_at is not None


def test_members_by_type_count_only_those_who_agreed_and_at_least_k(
    community, make_member, client_for, settings
):
    settings.COMMUNITY_FIGURE_MIN_MEMBERS = 3
    for kind, consenting, count in (("ppms", True, 4), ("rrms", True, 2), ("spms", False, 5)):
        for _ in range(count):
            user = make_member(count_in_figures=consenting)
            Membership.objects.filter(user=user).update(condition_type=kind)
    page = client_for(make_member()).get("/").text
    table = page.split('id="types-title"')[1].split("</table>")[0]
    assert re.search(r"Primary progressive MS</th><td>4<", table)
    assert re.search(r"Relapsing-remitting MS</th><td>fewer than 3<", table)
    assert re.search(r"Secondary progressive MS</th><td>fewer than 3<", table)


def test_the_home_stays_within_50_kb_compressed_with_its_css_and_js(
    community, make_member, client_for, entry_for
):
    import gzip
    from pathlib import Path

    from django.conf import settings

    viewer, friend = make_member(), make_member()
    team_link_create(community=community, a=viewer, b=friend)
    entry_for(viewer, community, "low-dose-naltrexone")
    _back_from_a_visit(viewer, community)
    _grow(community, (friend, viewer), 300)
    html = client_for(viewer).get("/").content
    static = Path(settings.BASE_DIR) / "alongside" / "static"
    parts = (html, (static / "css/site.css").read_bytes(), (static / "js/htmx.min.js").read_bytes())
    assert sum(len(gzip.compress(part)) for part in parts) <= 50 * 1024
