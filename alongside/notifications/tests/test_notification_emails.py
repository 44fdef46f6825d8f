import pytest
from django.core import mail

from alongside.notifications.emails import unsubscribe_token
from alongside.notifications.models import Frequency, Kind, Notification
from alongside.notifications.services import notification_create, preference_set
from alongside.notifications.tasks import notification_digest_send, notification_email_send
from alongside.questions.services import answer_post, question_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def notify(community, django_capture_on_commit_callbacks):
    def create(recipient, kind=Kind.MESSAGE, key="k1", text="Sam sent you a message."):
        with django_capture_on_commit_callbacks(execute=True):
            return notification_create(
                recipient=recipient,
                community=community,
                kind=kind,
                text=text,
                dedupe_key=key,
                url="/messages/1/",
            )

    return create


def test_an_instant_notification_is_emailed_once_with_one_click_unsubscribe(make_member, notify):
    member = make_member()
    notification = notify(member)
    notify(member)
    notification_email_send.call(notification.pk)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [member.email] and "Sam sent you a message." in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.extra_headers["List-Unsubscribe"].startswith("<http://localhost")
    assert "/notifications/unsubscribe/" in email.extra_headers["List-Unsubscribe"]


def test_daily_notifications_wait_for_one_digest_that_never_repeats(
    make_member, notify, django_capture_on_commit_callbacks
):
    member = make_member()
    preference_set(user=member, kind=Kind.MESSAGE, frequency=Frequency.DAILY)
    notify(member, key="a", text="First thing.")
    notify(member, kind=Kind.HUG, key="b", text="Second thing.")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_digest_send.call() == 1
        assert notification_digest_send.call() == 0
    assert len(mail.outbox) == 1
    assert "First thing." in mail.outbox[0].body and "Second thing." in mail.outbox[0].body
    assert Notification.objects.filter(emailed_at=None).count() == 0


def test_never_means_no_email_at_all(make_member, notify):
    member = make_member()
    preference_set(user=member, kind=Kind.MESSAGE, frequency=Frequency.NEVER)
    notify(member)
    notification_digest_send.call()
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_a_mail_client_unsubscribes_with_one_post_and_no_cookie(make_member, client_for):
    member = make_member()
    token = unsubscribe_token(user=member, kinds=[Kind.MESSAGE])
    client = client_for()
    client.handler.enforce_csrf_checks = True
    page = client.get(f"/notifications/unsubscribe/{token}/")
    assert page.status_code == 200
    assert member.notification_preferences.count() == 0
    response = client.post(
        f"/notifications/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert member.notification_preferences.get().frequency == Frequency.NEVER


def test_a_forged_unsubscribe_token_is_refused(client_for):
    assert client_for().post("/notifications/unsubscribe/forged:token/").status_code == 404


def test_an_answer_email_never_quotes_the_answer(
    community, make_member, django_capture_on_commit_callbacks
):
    from alongside.communities.services import membership_update

    asker, helper = make_member(), make_member(display_name="Bo")
    membership_update(membership=helper.memberships.get(), trust_level=1)
    question = question_create(author=asker, community=community, title="Heat?")
    with django_capture_on_commit_callbacks(execute=True):
        answer_post(author=helper, question=question, body="My private routine in detail")
    assert len(mail.outbox) == 1
    assert "Bo answered your question." in mail.outbox[0].body
    assert "private routine" not in mail.outbox[0].body


def test_a_long_notification_is_cut_at_a_word_in_the_subject(make_member, notify):
    member = make_member()
    words = "A moderator is checking in on you. If you need help now, the support page lists"
    notification = notify(member, kind=Kind.MODERATION, text=f"{words} where to find it.")
    notification_email_send.call(notification.pk)
    subject = mail.outbox[-1].subject
    assert subject.endswith("the support page…") and len(subject) < len(words) + 20
