"""A question page's answers come from a cache shared by viewers who see them alike
(templatetags/answers.py): what a viewer sees must be what a fresh render would show them, and
every change that decides it shows at once."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from alongside.conversations.models import Comment
from alongside.core.models import Visibility
from alongside.questions.models import Answer
from alongside.questions.services import (
    answer_comment_post,
    answer_create,
    answer_visibility_set,
    question_create,
)
from alongside.teams.services import block_create

pytestmark = pytest.mark.django_db
TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+|nonce="[^"]+"')


@pytest.fixture
def world(community, trusted):
    asker = trusted(display_name="Wren")
    helper = trusted(display_name="Ash")
    commenter = trusted(display_name="Bo")
    reader = trusted(display_name="Cy")
    question = question_create(author=asker, community=community, title="Cooling vests: worth it?")
    answer = answer_create(author=helper, question=question, body="Mine helps on hot days.")
    answer_comment_post(author=commenter, answer=answer, body="Which brand, if I may ask?")
    return {
        "asker": asker,
        "helper": helper,
        "commenter": commenter,
        "reader": reader,
        "question": question,
        "answer": answer,
        "url": f"/questions/{question.pk}/",
    }


def _answers(client, world) -> str:
    html = client.get(world["url"]).content.decode()
    return TOKENS.sub("TOKEN", html[html.index('id="answers"') : html.index('id="your-answer"')])


def test_a_cached_answer_is_what_a_fresh_render_shows(world, client_for):
    reader = client_for(world["reader"])
    cold = _answers(reader, world)
    assert "Mine helps on hot days." in cold and "Which brand, if I may ask?" in cold
    warm = _answers(reader, world)
    cache.clear()
    assert warm == cold == _answers(reader, world)


def test_a_helpful_mark_shows_at_once_to_the_marker_and_to_others(world, client_for):
    reader, asker = client_for(world["reader"]), client_for(world["asker"])
    _answers(reader, world), _answers(asker, world)  # both cached before the mark
    reader.post(f"/answers/{world['answer'].pk}/helpful/")
    mine, theirs = _answers(reader, world), _answers(asker, world)
    assert re.search(r'aria-pressed="true">Helpful <span class="count">1<', mine)
    assert re.search(r'aria-pressed="false">Helpful <span class="count">1<', theirs)


def test_the_best_answers_helpful_mark_is_read_with_the_page(world, client_for):
    """The viewer's marks come with the answers in one query, the best answer's too."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alongside.questions.services import best_answer_set

    reader = client_for(world["reader"])
    reader.post(f"/answers/{world['answer'].pk}/helpful/")
    best_answer_set(question=world["question"], answer=world["answer"], by=world["asker"])
    _answers(reader, world)
    with CaptureQueriesContext(connection) as captured:
        shown = _answers(reader, world)
    assert re.search(r'aria-pressed="true">Helpful <span class="count">1<', shown)
    alone = [q["sql"] for q in captured if q["sql"].startswith('SELECT "questions_helpfulvote"')]
    assert not alone


def test_a_new_comment_an_edit_and_a_new_name_show_at_once(world, client_for):
    reader = client_for(world["reader"])
    _answers(reader, world)
    answer_comment_post(author=world["asker"], answer=world["answer"], body="Thanks, trying one.")
    answer = Answer.objects.get(pk=world["answer"].pk)
    answer.body = "Mine helps on hot days, less in the damp."
    answer.save()
    profile = world["helper"].profile
    profile.display_name = "Ash K."
    profile.save()
    shown = _answers(reader, world)
    assert "Thanks, trying one." in shown
    assert "less in the damp" in shown
    assert "Ash K." in shown


def test_a_moderator_s_hide_and_a_block_show_at_once(world, client_for, community):
    reader = client_for(world["reader"])
    assert "Which brand, if I may ask?" in _answers(reader, world)
    block_create(blocker=world["reader"], blocked=world["commenter"], community=community)
    assert "Which brand, if I may ask?" not in _answers(reader, world)
    other = client_for(world["asker"])
    assert "Which brand, if I may ask?" in _answers(other, world)  # the block is the reader's
    answer_visibility_set(answer=world["answer"], visibility=Visibility.HIDDEN)
    assert "Mine helps on hot days." not in _answers(other, world)
    comment = Comment.objects.get(body="Which brand, if I may ask?")
    assert comment.answer_id == world["answer"].pk


def test_the_asker_alone_sees_the_best_answer_button(world, client_for):
    reader, asker = client_for(world["reader"]), client_for(world["asker"])
    _answers(reader, world)
    assert "Choose as the best answer" not in _answers(reader, world)
    assert "Choose as the best answer" in _answers(asker, world)


def test_a_cached_answer_carries_this_visitors_csrf_token(world, client_for):
    _answers(client_for(world["asker"]), world)  # someone else fills the cache
    reader = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    reader.force_login(world["reader"])
    html = reader.get(world["url"]).content.decode()
    card = html[html.index(f'id="answer-{world["answer"].pk}"') :]
    form = card[card.index('class="helpful-form"') - 300 :]
    token = re.search(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', form).group(1)
    marked = reader.post(f"/answers/{world['answer'].pk}/helpful/", {"csrfmiddlewaretoken": token})
    assert marked.status_code == 302
    assert Answer.objects.get(pk=world["answer"].pk).helpful_count == 1


def test_a_comment_s_errors_stay_with_the_viewer_who_made_them(world, client_for):
    reader, other = client_for(world["reader"]), client_for(world["asker"])
    _answers(other, world)
    failed = reader.post(f"/answers/{world['answer'].pk}/comments/", {"body": ""})
    assert failed.status_code == 400
    assert 'aria-invalid="true"' in failed.content.decode()
    assert 'aria-invalid="true"' not in _answers(other, world)
