"""One posting policy and one validation path for every kind of post, page and API alike."""

import json

import pytest
from django.core.exceptions import ValidationError

from alongside.moderation.policy import post_check
from alongside.questions.models import Question
from alongside.questions.services import answer_post, question_ask, question_create

pytestmark = pytest.mark.django_db
NO_LINKS = "New members cannot post links yet"


def test_it_refuses_a_new_members_link_in_a_question_and_an_answer_with_one_message(
    community, make_member
):
    newcomer = make_member()
    with pytest.raises(ValidationError, match=NO_LINKS):
        question_ask(author=newcomer, community=community, title="Seen www.example.com?")
    question = question_create(author=make_member(), community=community, title="Cooling?")
    with pytest.raises(ValidationError, match=NO_LINKS):
        answer_post(author=newcomer, question=question, body="See https://example.com")
    assert not Question.objects.filter(title__contains="example").exists()


def test_it_gives_a_suspended_member_the_same_message_for_every_kind_of_post(
    community, make_member
):
    from datetime import timedelta

    from django.utils import timezone

    from alongside.moderation.models import Suspension

    member = make_member()
    Suspension.objects.create(
        community=community, user=member, until=timezone.now() + timedelta(days=1), reason="x"
    )
    messages = set()
    for action in ("update", "comment", "article_comment", "question", "answer", "message"):
        with pytest.raises(ValidationError) as refused:
            post_check(user=member, community=community, action=action, text="Hello")
        messages.add(refused.value.messages[0])
    assert messages == {
        "You cannot post here at the moment. A moderator has sent you a note about it."
    }


def test_a_new_member_cannot_put_a_link_in_about_me(community, make_member, client_for):
    newcomer = make_member()
    page = client_for(newcomer).post(
        "/settings/profile/",
        {
            "about-display_name": "Sam",
            "about-about": "My shop: www.example.com",
            "about-region": "",
            "conditions-conditions": [],
        },
    )
    assert page.status_code == 200
    assert NO_LINKS in page.content.decode()
    newcomer.profile.refresh_from_db()
    assert "example" not in newcomer.profile.about


def test_the_api_and_the_form_refuse_an_empty_question_with_the_same_words(
    community, make_member, client_for
):
    client = client_for(make_member())
    api = client.post(
        "/api/v1/questions", json.dumps({"title": "  "}), content_type="application/json"
    )
    form = client.post("/questions/ask/", {"title": "  ", "body": ""})
    assert api.status_code == 400 and form.status_code == 400
    assert api.json()["detail"] in form.content.decode()


def test_the_api_and_the_form_refuse_a_100000_character_answer_with_the_same_words(
    community, make_member, client_for
):
    question = question_create(author=make_member(), community=community, title="Fans?")
    client = client_for(make_member())
    body = "a" * 100_000
    api = client.post(
        f"/api/v1/questions/{question.pk}/answers",
        json.dumps({"body": body}),
        content_type="application/json",
    )
    form = client.post(f"/questions/{question.pk}/answers/", {"body": body})
    assert api.status_code == 400
    assert "100000" in api.json()["detail"]
    assert api.json()["detail"] in form.content.decode()
    assert not question.answers.exists()


def test_the_api_refuses_a_100000_character_update(community, make_member, client_for):
    client = client_for(make_member())
    body = "a" * 100_000
    update = client.post(
        "/api/v1/updates", json.dumps({"body": body}), content_type="application/json"
    )
    assert update.status_code == 400 and "100000" in update.json()["detail"]
