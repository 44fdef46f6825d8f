import pytest
from django.db import IntegrityError

from alongside.conversations.models import Comment, Update
from alongside.conversations.selectors import comments_for_answer
from alongside.conversations.services import comment_create, reaction_toggle, update_create
from alongside.notifications.models import Notification
from alongside.teams.services import block_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(community, make_trusted):
    return update_create(author=make_trusted(display_name="Ada"), community=community, body="Hi")


def test_a_hug_is_toggled_and_counted_once_per_member(update, make_trusted):
    hugger = make_trusted(display_name="Hal")
    assert reaction_toggle(user=hugger, kind="hug", update=update) is True
    assert reaction_toggle(user=hugger, kind="like", update=update) is True
    update.refresh_from_db()
    assert (update.hug_count, update.like_count) == (1, 1)
    assert reaction_toggle(user=hugger, kind="hug", update=update) is False
    update.refresh_from_db()
    assert update.hug_count == 0


def test_a_hug_notifies_the_author_once(update, make_trusted, django_capture_on_commit_callbacks):
    hugger = make_trusted(display_name="Hal")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            reaction_toggle(user=hugger, kind="hug", update=update)
    notes = Notification.objects.filter(recipient=update.author, kind="hug")
    assert notes.count() == 1
    assert notes.get().dedupe_key == f"hug:{update.pk}:{hugger.pk}"
    assert "Hal sent you a hug" in notes.get().text


def test_a_comment_is_counted_and_notifies_the_author(
    update, make_trusted, django_capture_on_commit_callbacks
):
    commenter = make_trusted(display_name="Cas")
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=commenter, update=update, body="Lovely")
    update.refresh_from_db()
    assert update.comment_count == 1
    note = Notification.objects.get(recipient=update.author, kind="comment")
    assert note.url.endswith(f"#comment-{comment.pk}")


def test_a_comment_has_exactly_one_target(community, make_trusted, update):
    with pytest.raises(IntegrityError):
        Comment.objects.create(community=community, author=update.author, body="Nowhere")


def test_members_comment_on_answers_and_blocked_members_are_left_out(
    community, make_trusted, django_capture_on_commit_callbacks
):
    from alongside.questions.services import answer_create, question_create

    asker, answerer, kind, rude = (make_trusted() for _ in range(4))
    question = question_create(author=asker, community=community, title="Do you start at 4.5?")
    answer = answer_create(author=answerer, question=question, body="I started at 1.5 mg.")
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(author=kind, answer=answer, body="Same for me.")
        comment_create(author=rude, answer=answer, body="Rude remark.")
    block_create(blocker=answerer, blocked=rude, community=community)
    page = comments_for_answer(viewer=answerer, answer=answer, community=community)
    assert [c.body for c in page.items] == ["Same for me."]
    assert Notification.objects.filter(recipient=answerer, kind="comment").count() == 2


def test_members_react_to_answers(community, make_trusted):
    from alongside.conversations.selectors import reaction_counts_for_answers
    from alongside.questions.services import answer_create, question_create

    asker, answerer = make_trusted(), make_trusted()
    question = question_create(author=asker, community=community, title="Side effects?")
    answer = answer_create(author=answerer, question=question, body="Vivid dreams at first.")
    reaction_toggle(user=asker, kind="like", answer=answer)
    assert reaction_counts_for_answers(answer_ids=[answer.pk]) == {answer.pk: {"hug": 0, "like": 1}}


def test_a_comment_from_a_member_of_another_community_is_refused(
    update, other_community, make_trusted
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        comment_create(author=make_trusted(other_community), update=update, body="Hi")
    assert Update.objects.get(pk=update.pk).comment_count == 0


def test_comments_are_rate_limited(update, make_member):
    from django.core.exceptions import ValidationError

    commenter = make_member()
    for n in range(15):
        comment_create(author=commenter, update=update, body=f"Comment {n}")
    with pytest.raises(ValidationError, match="pausing you"):
        comment_create(author=commenter, update=update, body="Too many")


def test_a_hug_on_a_team_update_is_a_404_for_someone_outside_the_team(world, client_for):
    response = client_for(world.outsider).post(f"/updates/{world.team_update.pk}/react/hug/")
    assert response.status_code == 404
    assert Update.objects.get(pk=world.team_update.pk).hug_count == 0


def test_hugging_with_htmx_returns_the_reactions_fragment(world, client_for):
    response = client_for(world.outsider).post(
        f"/updates/{world.members_update.pk}/react/hug/", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'aria-pressed="true"' in html and "<h1" not in html
