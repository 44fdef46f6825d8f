from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.core.models import Visibility
from alongside.moderation.crisis import mentions_crisis
from alongside.moderation.models import Action, ModerationAction, Reason, Report, Risk, Suspension
from alongside.moderation.policy import initial_visibility_for, member_can_post, rate_limit_hit
from alongside.moderation.selectors import queue_for
from alongside.moderation.services import crisis_screen, moderation_act, report_create
from alongside.notifications.models import Kind, Notification
from alongside.questions.models import Question
from alongside.questions.services import answer_create, question_ask, question_create

pytestmark = pytest.mark.django_db


def test_a_new_member_s_first_posts_wait_for_a_moderator(make_member, trusted, community):
    assert initial_visibility_for(user=make_member(), community=community) == Visibility.PENDING
    assert initial_visibility_for(user=trusted(), community=community) == Visibility.PUBLISHED


def test_the_rate_limit_counts_within_its_period_only():
    hits = [rate_limit_hit(key="test:1", limit=2, period=3600) for _ in range(3)]
    assert hits == [False, False, True]
    assert rate_limit_hit(key="test:2", limit=2, period=3600) is False


@pytest.mark.parametrize(
    "text",
    [
        "Some days I want to die",
        "I CAN\u2019T GO ON like this!!",
        "thinking about suicide.",
        "Ending my life",
    ],
)
def test_crisis_language_is_recognised_on_normalised_text(text):
    assert mentions_crisis(text, "en")


@pytest.mark.parametrize(
    "text", ["I'm dying to try the new café", "Tired after my infusion", "I could die for tea"]
)
def test_ordinary_words_are_not_mistaken_for_a_crisis(text):
    assert not mentions_crisis(text, "en")


def test_crisis_screening_puts_the_post_at_the_top_of_the_queue(
    community, make_member, trusted, moderator
):
    author = trusted()
    calm = question_create(author=author, community=community, title="Cooling vests?")
    report_create(reporter=make_member(), community=community, target=calm, reason=Reason.SPAM)
    worrying = question_create(
        author=author, community=community, title="I feel like ending it all"
    )
    assert crisis_screen(text=worrying.title, user=author, community=community, target=worrying)
    assert crisis_screen(text=worrying.title, user=author, community=community, target=worrying)
    entries = queue_for(viewer=moderator, community=community)
    assert [entry.target for entry in entries] == [worrying, calm]
    assert entries[0].risk == Risk.HIGH
    assert Report.objects.filter(is_automatic=True).count() == 1


def test_a_self_harm_report_is_high_risk_and_spam_low(community, make_member, trusted):
    question = question_create(author=trusted(), community=community, title="Heat and fatigue")
    high = report_create(
        reporter=make_member(), community=community, target=question, reason=Reason.SELF_HARM
    )
    low = report_create(reporter=make_member(), community=community, target=question, reason="spam")
    assert (high.risk, low.risk) == (Risk.HIGH, Risk.LOW)


def test_approving_a_held_question_publishes_it_logs_it_and_tells_the_member(
    community, make_member, moderator
):
    member = make_member()
    question = question_ask(author=member, community=community, title="Cooling vests?").item
    assert question.visibility == Visibility.PENDING
    moderation_act(moderator=moderator, community=community, target=question, action="approve")
    question.refresh_from_db()
    assert question.visibility == Visibility.PUBLISHED
    logged = ModerationAction.objects.get()
    assert (logged.moderator, logged.member, logged.action) == (moderator, member, Action.APPROVE)
    assert Notification.objects.get(recipient=member).kind == Kind.MODERATION


def test_trust_rises_after_the_set_number_of_approved_posts(
    community, make_member, moderator, settings
):
    settings.MODERATION_TRUST_AFTER_APPROVALS = 2
    member = make_member()
    for title in ("First question", "Second question"):
        question = question_ask(author=member, community=community, title=title).item
        moderation_act(moderator=moderator, community=community, target=question, action="approve")
    member.__dict__.pop("_memberships", None)
    assert member.memberships.get().trust_level == 1
    assert question_ask(author=member, community=community, title="Third").item.visibility == (
        Visibility.PUBLISHED
    )


def test_hiding_and_restoring_an_answer_keeps_the_public_count_right(community, trusted, moderator):
    question = question_create(author=trusted(), community=community, title="Heat?")
    answer = answer_create(author=trusted(), question=question, body="A cool shower helps.")
    moderation_act(moderator=moderator, community=community, target=answer, action="hide")
    question.refresh_from_db()
    answer.refresh_from_db()
    assert (question.answer_count, answer.visibility) == (0, Visibility.HIDDEN)
    moderation_act(moderator=moderator, community=community, target=answer, action="restore")
    question.refresh_from_db()
    assert question.answer_count == 1


def test_a_suspended_member_cannot_post_until_the_suspension_ends(community, trusted, moderator):
    member = trusted()
    question = question_create(author=member, community=community, title="Buy my pills")
    moderation_act(
        moderator=moderator,
        community=community,
        target=member,
        action="suspend",
        note="Selling medicines is not allowed.",
        days=3,
    )
    assert member_can_post(user=member, community=community) is False
    note = Notification.objects.get(recipient=member)
    assert "Selling medicines is not allowed." in note.text
    Suspension.objects.update(until=timezone.now() - timedelta(minutes=1))
    assert member_can_post(user=member, community=community) is True
    assert question.visibility == Visibility.PUBLISHED


def test_every_action_closes_the_open_reports_on_its_target(
    community, make_member, trusted, moderator
):
    question = question_create(author=trusted(), community=community, title="Cheap supplements")
    report_create(reporter=make_member(), community=community, target=question, reason="spam")
    moderation_act(moderator=moderator, community=community, target=question, action="dismiss")
    assert Report.objects.get().status == "resolved"
    assert queue_for(viewer=moderator, community=community) == []
    assert Question.objects.get().visibility == Visibility.PUBLISHED
