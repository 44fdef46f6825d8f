"""Erasure and consent go through the services that keep counters and figures right."""

from datetime import date

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count, Q
from django.test import RequestFactory

from alongside.accounts.services import account_delete, profile_update
from alongside.conversations.models import Comment, Reaction, ReactionKind, Update
from alongside.conversations.services import comment_create, reaction_toggle, update_create
from alongside.core.models import Visibility
from alongside.questions.models import Answer, Question
from alongside.questions.services import answer_create, question_create
from alongside.treatments.models import Treatment, TreatmentInsight
from alongside.treatments.services import insight_refresh_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusted(make_member):
    from alongside.communities.models import Membership

    def make(**fields):
        user = make_member(**fields)
        Membership.objects.filter(user=user).update(trust_level=1)
        return user

    return make


def _recounted_updates():
    published = Q(comments__visibility=Visibility.PUBLISHED)
    return {
        row.pk: (row.comment_count, row.hug_count, row.like_count) for row in Update.objects.all()
    }, {
        row.pk: (row.comments_n, row.hugs_n, row.likes_n)
        for row in Update.objects.annotate(
            comments_n=Count("comments", filter=published, distinct=True),
            hugs_n=Count("reactions", filter=Q(reactions__kind=ReactionKind.HUG), distinct=True),
            likes_n=Count("reactions", filter=Q(reactions__kind=ReactionKind.LIKE), distinct=True),
        )
    }


def _recounted_questions():
    published = Q(answers__visibility=Visibility.PUBLISHED)
    stored = {row.pk: row.answer_count for row in Question.objects.all()}
    counted = {
        row.pk: row.n for row in Question.objects.annotate(n=Count("answers", filter=published))
    }
    return stored, counted


@pytest.mark.parametrize("keep_posts", [True, False])
def test_it_keeps_every_counter_and_figure_equal_to_a_recount_after_erasing_a_member(
    community, trusted, entry_for, django_capture_on_commit_callbacks, keep_posts
):
    leaving, staying = trusted(count_in_figures=True), trusted(count_in_figures=True)
    others_update = update_create(author=staying, community=community, body="A calm week.")
    own_update = update_create(author=leaving, community=community, body="Mine, with replies.")
    comment_create(author=leaving, update=others_update, body="Glad to hear it.")
    comment_create(author=staying, update=own_update, body="Thinking of you.")
    reaction_toggle(user=leaving, kind=ReactionKind.HUG, update=others_update)
    reaction_toggle(user=leaving, kind=ReactionKind.LIKE, update=others_update)
    reaction_toggle(user=staying, kind=ReactionKind.HUG, update=own_update)
    question = question_create(author=staying, community=community, title="Does heat tire you?")
    answer = answer_create(author=leaving, question=question, body="Cool showers help me.")
    comment_create(author=staying, answer=answer, body="Same here.")
    for user in (leaving, staying):
        entry_for(user, community, "low-dose-naltrexone", dose=4.5, started=date(2025, 1, 1))
    insight_refresh_all()
    ldn = Treatment.objects.get(slug="low-dose-naltrexone")
    assert TreatmentInsight.objects.get(community=community, treatment=ldn).member_count == 2
    stored, counted = _recounted_updates()
    assert stored[others_update.pk] == (1, 1, 1) and stored == counted

    request = RequestFactory().post("/settings/delete/")
    request.session = SessionStore()
    request.user = leaving
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(request=request, user=leaving, keep_posts=keep_posts)

    stored, counted = _recounted_updates()
    assert stored == counted
    assert stored[others_update.pk] == (0 if not keep_posts else 1, 0, 0)
    assert Reaction.objects.filter(user_id=leaving.pk).count() == 0
    questions_stored, questions_counted = _recounted_questions()
    assert questions_stored == questions_counted
    assert questions_stored[question.pk] == (1 if keep_posts else 0)
    assert Answer.objects.filter(pk=answer.pk).exists() is keep_posts
    assert Comment.objects.filter(author_id=leaving.pk).count() == 0
    insight = TreatmentInsight.objects.get(community=community, treatment=ldn)
    assert insight.member_count == 1
    community.refresh_from_db()
    assert community.member_count == community.memberships.count()


def test_it_refreshes_the_figures_when_consent_changes_outside_the_settings_page(
    community, trusted, entry_for, django_capture_on_commit_callbacks
):
    members = [trusted(count_in_figures=True) for _ in range(2)]
    for user in members:
        entry_for(user, community, "low-dose-naltrexone", dose=4.5, started=date(2025, 1, 1))
    insight_refresh_all()
    ldn = Treatment.objects.get(slug="low-dose-naltrexone")
    assert TreatmentInsight.objects.get(community=community, treatment=ldn).member_count == 2

    with django_capture_on_commit_callbacks(execute=True):
        profile_update(profile=members[0].profile, count_in_figures=False)

    assert TreatmentInsight.objects.get(community=community, treatment=ldn).member_count == 1
