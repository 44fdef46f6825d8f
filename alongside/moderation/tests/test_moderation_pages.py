import pytest

from alongside.moderation.models import ModerationAction, Report, Risk
from alongside.notifications.models import Notification
from alongside.questions.services import answer_create, question_ask, question_create

pytestmark = pytest.mark.django_db


def test_a_member_reports_an_answer_and_the_moderator_sees_it_with_its_reason(
    community, make_member, trusted, moderator, client_for
):
    question = question_create(author=trusted(), community=community, title="LDN dose?")
    answer = answer_create(author=trusted(), question=question, body="Stop your DMT, LDN cures MS.")
    reporter = client_for(trusted())
    response = reporter.post(
        f"/report/answer/{answer.pk}/",
        {"reason": "misinformation", "details": "Dangerous advice", "next": "/questions/"},
    )
    assert response.status_code == 302 and response["Location"] == "/questions/"
    assert Report.objects.get().risk == Risk.MEDIUM
    page = client_for(moderator).get("/moderation/").content.decode()
    assert "Reported answer" in page and "Medical misinformation" in page
    assert "Stop your DMT" in page and "Dangerous advice" in page


def test_a_report_without_a_reason_keeps_what_was_typed(community, trusted, client_for):
    question = question_create(author=trusted(), community=community, title="LDN dose?")
    response = client_for(trusted()).post(
        f"/report/question/{question.pk}/", {"details": "It is an advert"}
    )
    assert response.status_code == 400
    assert "It is an advert" in response.content.decode()
    assert not Report.objects.exists()


def test_rejecting_needs_a_note_and_the_member_receives_it(
    community, make_member, moderator, client_for
):
    member = make_member()
    question = question_ask(author=member, community=community, title="Buy cheap pills").item
    client = client_for(moderator)
    data = {"label": "questions.question", "pk": question.pk, "action": "reject"}
    assert client.post("/moderation/act/", data).status_code == 400
    client.post("/moderation/act/", {**data, "note": "No adverts, please."})
    question.refresh_from_db()
    assert question.visibility == "rejected"
    assert "No adverts, please." in Notification.objects.get(recipient=member).text
    assert ModerationAction.objects.get().note == "No adverts, please."
    log = client.get("/moderation/log/").content.decode()
    assert "No adverts, please." in log


def test_the_crisis_support_page_shows_the_community_s_resources(community, client_for):
    community.crisis_resources = "Call the Samaritans on 116 123."
    community.save()
    assert "116 123" in client_for().get("/support/").content.decode()


def test_crisis_words_in_a_question_show_the_author_help_at_once(
    community, trusted, client_for, moderator
):
    community.crisis_resources = "Call the Samaritans on 116 123."
    community.save()
    client = client_for(trusted())
    response = client.post(
        "/questions/ask/",
        {"title": "I can't go on with this fatigue", "previewed": "1"},
        follow=True,
    )
    assert "Call the Samaritans on 116 123." in response.content.decode()
    entries = client_for(moderator).get("/moderation/").content.decode()
    assert "Crisis screening matched this post" in entries and "High risk" in entries


def test_a_suspended_member_is_told_and_what_they_typed_is_kept(
    community, trusted, moderator, client_for
):
    member = trusted()
    from alongside.moderation.services import moderation_act

    moderation_act(
        moderator=moderator, community=community, target=member, action="suspend", note="Spam"
    )
    response = client_for(member).post(
        "/questions/ask/", {"title": "Buy my supplements", "previewed": "1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "You cannot post here at the moment" in page and "Buy my supplements" in page


def test_new_members_have_a_lower_hourly_limit_for_questions(community, make_member, client_for):
    client = client_for(make_member())
    for n in range(3):
        client.post("/questions/ask/", {"title": f"Question {n}", "previewed": "1"})
    response = client.post("/questions/ask/", {"title": "One too many", "previewed": "1"})
    assert "You have posted a lot in the last hour" in response.content.decode()


def test_a_message_can_be_reported_only_by_the_other_person_in_the_conversation(
    community, trusted, client_for
):
    from alongside.inbox.services import conversation_start, message_send

    sender, recipient, stranger = trusted(), trusted(), trusted()
    conversation = conversation_start(sender=sender, recipient=recipient, community=community)
    message = message_send(sender=sender, conversation=conversation, body="Buy my pills")
    path = f"/report/message/{message.pk}/"
    assert client_for(stranger).get(path).status_code == 404
    assert client_for(sender).get(path).status_code == 404
    client_for(recipient).post(path, {"reason": "spam"})
    assert Report.objects.get().target == message
