"""Every kind of email the site sends, set off the way it is in life (a person's request, or
the worker's scheduled task), in each community: it is HTML with a plain-text part, names the
community, and every link in it is on the community's address and opens a working page for
the person it was sent to. One-click links (confirm, unsubscribe) do what they say.

Where the email comes from a request, its links use the address that person used (captured
when the email was queued); where it comes from a schedule, or from a task the worker runs
later on someone else's behalf, the community's own address.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from html.parser import HTMLParser
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.articles.models import ArticlePage, Guest, PersonPage
from alongside.articles.tests.conftest import CONTENT, quoting_member, staff_user
from alongside.communities.models import StaffRole
from alongside.communities.services import membership_update
from alongside.conversations.models import Update
from alongside.conversations.services import update_create
from alongside.core.addresses import base_url_for
from alongside.demo.articles import demo_articles_step
from alongside.journal import services as journal_services
from alongside.journal.models import CarerStatus
from alongside.journal.tasks import reminders_send
from alongside.newsletter.models import Subscriber
from alongside.newsletter.selectors import digest_key_for
from alongside.newsletter.tasks import digest_send
from alongside.notifications.models import Frequency, Kind
from alongside.notifications.services import preference_set
from alongside.notifications.tasks import notification_digest_send
from alongside.questions.services import question_create
from alongside.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

DAILY_KINDS = [Kind.ANSWER, Kind.HUG, Kind.COMMENT, Kind.TEAM_REQUEST, Kind.MESSAGE]
CRISIS = "Some days I want to die, honestly."
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+")


@dataclass
class Sent:
    """An email as it arrived, who follows its links, on which address they should be, and a
    check that its one-click link did its job (None when it has none)."""

    message: mail.EmailMessage
    follower: Client
    address: str
    effect: Callable[[], None] | None = None


class World:
    """What a trigger needs: the community, the address people use for it, and helpers."""

    def __init__(self, community, make_member, capture, monkeypatch):
        self.community = community
        self.monkeypatch = monkeypatch
        self.host = community.site.hostname
        self.seen = f"http://{self.host}"  # the address the test client's people use
        self.own = base_url_for(community)  # the community's address outside any request
        self.console = settings.WAGTAILADMIN_BASE_URL.rstrip("/")  # the staff console's
        self._make_member = make_member
        self._capture = capture

    def member(self, *, trusted=False, **fields):
        user = self._make_member(self.community, **fields)
        if trusted:
            membership_update(membership=user.memberships.get(), trust_level=1)
            user.__dict__.pop("_memberships", None)
        return user

    def client(self, user=None) -> Client:
        client = Client(HTTP_HOST=self.host)
        if user is not None:
            client.force_login(user)
        return client

    def act(self, action):
        """Run `action` as a request's transaction commits; its emails are delivered."""
        with self._capture(execute=True):
            return action()

    def article(self) -> ArticlePage:
        quoting_member(self.community)
        demo_articles_step(communities=[self.community], stdout=io.StringIO(), content=CONTENT)
        return ArticlePage.objects.live().descendant_of(self.community.site.root_page).first()


def _to(address: str) -> mail.EmailMessage:
    (message,) = [message for message in mail.outbox if message.to == [address]]
    return message


def _link(message, part: str) -> str:
    return next(link for link in URL_IN_TEXT.findall(message.body) if part in link)


def _path(link: str) -> str:
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# Triggers -------------------------------------------------------------------------------------


def _sign_up(world: World) -> Sent:
    client = world.client()
    data = {"email": "kim@example.org", "password1": PASSWORD, "password2": PASSWORD}
    world.act(lambda: client.post("/accounts/signup/", data))
    message = _to("kim@example.org")

    def confirmed():
        client.post(_path(_link(message, "/accounts/confirm-email/")))
        assert EmailAddress.objects.get(email="kim@example.org").verified

    return Sent(message, client, world.seen, confirmed)


def _log_in_unconfirmed(world: World) -> Sent:
    user = UserFactory(email="kim@example.org")
    user.emailaddress_set.update(verified=False)
    client = world.client()
    data = {"login": user.email, "password": PASSWORD}
    world.act(lambda: client.post("/accounts/login/", data))

    def confirmed():
        client.post(_path(_link(_to(user.email), "/accounts/confirm-email/")))
        assert user.emailaddress_set.get().verified

    return Sent(_to(user.email), client, world.seen, confirmed)


def _sign_up_again(world: World) -> Sent:
    taken = world.member()
    data = {"email": taken.email, "password1": PASSWORD, "password2": PASSWORD}
    world.act(lambda: world.client().post("/accounts/signup/", data))
    return Sent(_to(taken.email), world.client(), world.seen)


def _password_reset(world: World) -> Sent:
    user = world.member()
    client = world.client()
    world.act(lambda: client.post("/accounts/password/reset/", {"email": user.email}))
    message = _to(user.email)

    def reset():
        page = client.get(_path(_link(message, "/accounts/password/reset/key/")), follow=True)
        new = "another long and unusual passphrase"
        client.post(page.request["PATH_INFO"], {"password1": new, "password2": new})
        user.refresh_from_db()
        assert user.check_password(new)

    return Sent(message, client, world.seen, reset)


def _password_reset_unknown(world: World) -> Sent:
    client = world.client()
    world.act(lambda: client.post("/accounts/password/reset/", {"email": "nobody@example.org"}))
    return Sent(_to("nobody@example.org"), client, world.seen)


def _email_add(world: World) -> Sent:
    user = world.member()
    client = world.client(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    world.act(lambda: client.post("/accounts/email/", {"action_add": "", "email": "new@ex.org"}))
    message = _to("new@ex.org")

    def confirmed():
        client.post(_path(_link(message, "/accounts/confirm-email/")))
        assert user.emailaddress_set.get(email="new@ex.org").verified

    return Sent(message, client, world.seen, confirmed)


def _guest_comment(world: World) -> Sent:
    article = world.article()
    client = world.client()
    data = {"name": "Alex", "email": "alex@example.org"}
    world.act(lambda: client.post(f"/articles/{article.pk}/guest/", data))

    def confirmed():
        assert Guest.objects.get(email="alex@example.org").verified_at is not None

    return Sent(_to("alex@example.org"), client, world.seen, confirmed)


def _newsletter_sign_up(world: World) -> Sent:
    client = world.client()
    world.act(lambda: client.post("/newsletter/", {"email": "reader@example.org"}))
    message = _to("reader@example.org")

    def confirmed():
        client.post(_path(_link(message, "/newsletter/confirm/")))
        assert Subscriber.objects.get(email="reader@example.org").is_active
        _one_click_unsubscribes(message, world)
        assert not Subscriber.objects.get(email="reader@example.org").is_active

    return Sent(message, client, world.seen, confirmed)


def _newsletter_already(world: World) -> Sent:
    Subscriber.objects.create(
        community=world.community, email="reader@example.org", confirmed_at=timezone.now()
    )
    world.act(lambda: world.client().post("/newsletter/", {"email": "reader@example.org"}))
    return Sent(_to("reader@example.org"), world.client(), world.seen)


def _newsletter_digest(world: World) -> Sent:
    world.article()
    ArticlePage.objects.update(first_published_at=timezone.now())
    subscriber = Subscriber.objects.create(
        community=world.community, email="reader@example.org", confirmed_at=timezone.now()
    )
    key = digest_key_for(community=world.community)
    world.act(lambda: digest_send.call(world.community.pk, key))

    def unsubscribed():
        _one_click_unsubscribes(_to(subscriber.email), world)
        subscriber.refresh_from_db()
        assert subscriber.unsubscribed_at is not None

    return Sent(_to(subscriber.email), Client(), world.own, unsubscribed)


def _answered(world: World, asker) -> None:
    """Someone answers the asker's question through the site."""
    question = question_create(author=asker, community=world.community, title="Cooling vests?")
    answerer = world.client(world.member(trusted=True, display_name="Sam"))
    world.act(
        lambda: answerer.post(f"/questions/{question.pk}/answers/", {"body": "They help me."})
    )


def _notification_instant(world: World) -> Sent:
    asker = world.member(trusted=True)
    _answered(world, asker)

    def unsubscribed():
        _one_click_unsubscribes(_to(asker.email), world)
        assert asker.notification_preferences.get(kind=Kind.ANSWER).frequency == Frequency.NEVER

    # The notification is made by a task the worker runs after the answer: no request then.
    return Sent(_to(asker.email), world.client(asker), world.own, unsubscribed)


def _notification_digest(world: World) -> Sent:
    """Every kind a member can choose daily for, each set off by another member on the site."""
    member = world.member(trusted=True)
    for kind in DAILY_KINDS:
        preference_set(user=member, kind=kind, frequency=Frequency.DAILY)
    _answered(world, member)
    update = update_create(author=member, community=world.community, body="A hard week.")
    other = world.client(world.member(trusted=True, display_name="Sam"))
    world.act(lambda: other.post(f"/updates/{update.pk}/react/hug/"))
    world.act(lambda: other.post(f"/updates/{update.pk}/comments/", {"body": "Thinking of you"}))
    world.act(lambda: other.post(f"/team/add/{member.public_id}/"))
    conversation = other.get(f"/messages/with/{member.public_id}/")
    world.act(lambda: other.post(conversation.url, {"body": "How are you doing?"}))
    assert mail.outbox == []
    world.act(notification_digest_send.call)
    message = _to(member.email)
    assert message.body.count("\n- ") == len(DAILY_KINDS), message.body
    return Sent(message, world.client(member), world.own)


def _crisis_alert(world: World) -> Sent:
    moderator = world.member(staff_role=StaffRole.MODERATOR)
    author = world.client(world.member(trusted=True))
    world.act(lambda: author.post("/feed/new/", {"body": CRISIS, "audience": "members"}))
    return Sent(_to(moderator.email), world.client(moderator), world.seen)


def _moderator_reaches_out(world: World) -> Sent:
    moderator = world.client(world.member(staff_role=StaffRole.MODERATOR))
    author = world.member(trusted=True)
    world.act(
        lambda: world.client(author).post("/feed/new/", {"body": CRISIS, "audience": "members"})
    )
    update = Update.objects.get(author=author)
    data = {"label": "conversations.update", "pk": update.pk, "action": "reach_out"}
    mail.outbox.clear()
    world.act(lambda: moderator.post("/moderation/act/", {**data, "note": "We are here."}))
    return Sent(_to(author.email), world.client(author), world.seen)


def _appointed(world: World) -> Sent:
    """A community admin makes a member a moderator on the team page."""
    admin = world.client(world.member(staff_role=StaffRole.ADMIN))
    appointed = world.member(display_name="Priya")
    data = {"member": str(appointed.public_id), "staff_role": StaffRole.MODERATOR}
    world.act(lambda: admin.post("/moderation/team/", data))
    return Sent(_to(appointed.email), world.client(appointed), world.seen)


def _removed_from_team(world: World) -> Sent:
    """A community admin takes a moderator off the team on the team page: the ordinary
    notification email (always sent at once), linking to the community's home page."""
    admin = world.client(world.member(staff_role=StaffRole.ADMIN))
    moderator = world.member(staff_role=StaffRole.MODERATOR, display_name="Mo")
    data = {"member": str(moderator.public_id), "remove": "on"}
    world.act(lambda: admin.post("/moderation/team/", data))
    message = _to(moderator.email)
    assert message.subject.endswith("You are no longer on the moderation team.")
    assert "Stop these emails" not in message.body  # always sent: no link that would not hold
    assert "List-Unsubscribe" not in message.extra_headers
    return Sent(message, world.client(moderator), world.seen)


def _carer_invitation(world: World) -> Sent:
    owner = world.member(display_name="Rowan")
    carer = world.member(display_name="Sam")
    journal = journal_services.journal_get_or_create(owner=owner, community=world.community)
    data = {"email": carer.email, "can_view": "on"}
    world.act(lambda: world.client(owner).post(f"/journal/{journal.public_id}/carers/", data))
    follower = world.client(carer)

    def accepted():
        follower.post(_path(_link(_to(carer.email), "/journal/carers/accept/")))
        assert journal.carers.get().status == CarerStatus.ACTIVE

    return Sent(_to(carer.email), follower, world.seen, accepted)


def _journal_reminder(world: World) -> Sent:
    owner = world.member()
    owner.profile.time_zone = "Pacific/Auckland"
    owner.profile.save()
    journal = journal_services.journal_get_or_create(owner=owner, community=world.community)
    journal_services.journal_settings_update(
        journal=journal, reminder_days=list(range(7)), reminder_time=time(19, 0)
    )
    zone = ZoneInfo("Pacific/Auckland")
    day = timezone.now().astimezone(zone).date()
    evening = datetime(day.year, day.month, day.day, 20, 5, tzinfo=zone).astimezone(UTC)
    with world.monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: evening)
        world.act(reminders_send.call)
    return Sent(_to(owner.email), world.client(owner), world.own)


def _reviewed(world: World) -> tuple:
    """An editor submits a new article for medical review (what the admin's "Submit" does)."""
    library = world.article().get_parent()
    editor = staff_user(f"editor@{world.host}.example.org", "Editors")
    reviewer = staff_user(f"reviewer@{world.host}.example.org", "Medical reviewers")
    writer = PersonPage.objects.child_of(library).get(slug="writer-one")
    reviewing = PersonPage.objects.child_of(library).get(slug="nkechi-farrow")
    reviewing.user = reviewer  # readers see this person's name on what the reviewer approves
    reviewing.save_revision().publish()
    draft = ArticlePage(
        title="Sleep and you", intro="Why nights are hard.", category="symptoms", writer=writer
    )
    draft.body = [("paragraph", "<p>Sleep matters.</p>")]
    draft.live = False
    library.add_child(instance=draft)
    draft.save_revision(user=editor)
    task_state = world.act(lambda: draft.get_workflow().start(draft, editor)).current_task_state
    return draft, task_state, editor, reviewer


def _review_asked(world: World) -> Sent:
    _draft, _task, _editor, reviewer = _reviewed(world)
    return Sent(_to(reviewer.email), world.client(reviewer), world.console)


def _review_decided(world: World, action: str) -> Sent:
    draft, task_state, editor, reviewer = _reviewed(world)
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, action, task_state.pk])
    reviewer_client = world.client(reviewer)
    world.act(lambda: reviewer_client.post(url, {"comment": "Cite the sleep study."}))
    return Sent(_to(editor.email), world.client(editor), world.console)


def _review_sent_back(world: World) -> Sent:
    return _review_decided(world, "reject")


def _review_approved(world: World) -> Sent:
    return _review_decided(world, "approve")


KINDS = {
    # kind: (how it is set off, who follows the links)
    "sign-up confirmation": (_sign_up, "the new member, before confirming"),
    "confirmation again, at log-in": (_log_in_unconfirmed, "the new member, before confirming"),
    "sign-up with a taken address": (_sign_up_again, "the address's owner, signed out"),
    "password reset": (_password_reset, "the member, signed out"),
    "password reset for an unknown address": (_password_reset_unknown, "whoever asked"),
    "email address added": (_email_add, "the member, signed in"),
    "guest comment confirmation": (_guest_comment, "the guest"),
    "newsletter confirmation": (_newsletter_sign_up, "the reader, no account"),
    "newsletter already subscribed": (_newsletter_already, "the reader, no account"),
    "newsletter digest (weekly)": (_newsletter_digest, "the reader, no account"),
    "notification, instant": (_notification_instant, "the member, signed in"),
    "notification digest (daily), every kind": (_notification_digest, "the member, signed in"),
    "moderators' crisis alert": (_crisis_alert, "the moderator, signed in"),
    "moderation outcome (reach out)": (_moderator_reaches_out, "the member, signed in"),
    "appointed a moderator": (_appointed, "the new moderator, signed in"),
    "removed from the moderation team": (_removed_from_team, "the former moderator, signed in"),
    "journal carer invitation": (_carer_invitation, "the invited member, signed in"),
    "journal reminder (hourly job)": (_journal_reminder, "the journal's owner, signed in"),
    "article ready for medical review": (_review_asked, "the reviewer, in the staff console"),
    "article sent back by the reviewer": (_review_sent_back, "the editor, in the staff console"),
    "article approved by the reviewer": (_review_approved, "the editor, in the staff console"),
}


# Checks ---------------------------------------------------------------------------------------


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name == "href" and value]


def _html(message) -> str:
    parts = [
        content for content, kind in getattr(message, "alternatives", []) if kind == "text/html"
    ]
    assert parts, f"{message.subject!r} has no HTML part"
    return parts[0]


def _links(message) -> list[str]:
    parser = _Hrefs()
    parser.feed(_html(message))
    in_text = [link.rstrip(".,;:)") for link in URL_IN_TEXT.findall(message.body)]
    header = message.extra_headers.get("List-Unsubscribe", "").strip("<>")
    return sorted(set(parser.links + in_text + ([header] if header else [])))


def _one_click_unsubscribes(message, world: World) -> None:
    """What a mail client does with List-Unsubscribe-Post: one POST, no cookie, no token."""
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    mail_client = Client(enforce_csrf_checks=True, HTTP_HOST=urlsplit(link).netloc)
    response = mail_client.post(
        _path(link),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200


def _opens(follower: Client, link: str, *, reader: str) -> None:
    """The link, followed through its redirects, ends on a working page; one meant for a
    signed-in reader does not ask them to log in."""
    parts = urlsplit(link)
    response = follower.get(
        _path(link), HTTP_HOST=parts.netloc, secure=parts.scheme == "https", follow=True
    )
    assert response.status_code == 200, f"{link} answered {response.status_code} to {reader}"
    if "_auth_user_id" in follower.session:
        landed = response.request["PATH_INFO"]
        assert not landed.startswith("/accounts/login/"), f"{link} asked {reader} to log in"


@pytest.fixture(params=["community", "other_community"])
def world(request, make_member, django_capture_on_commit_callbacks, monkeypatch):
    community = request.getfixturevalue(request.param)
    return World(community, make_member, django_capture_on_commit_callbacks, monkeypatch)


@pytest.mark.parametrize("kind", KINDS)
def test_every_link_in_the_email_opens_on_the_communitys_address(kind, world):
    trigger, reader = KINDS[kind]
    mail.outbox.clear()
    sent = trigger(world)
    message = sent.message
    assert message.body.strip(), f"{kind} has no plain text"
    name = world.community.name
    assert name in message.subject or name in message.body, f"{kind} does not name {name}"
    assert name in _html(message), f"{kind}'s HTML does not name {name}"

    links = [link for link in _links(message) if not link.startswith("mailto:")]
    assert links, f"{kind} has no link"
    for link in links:
        assert link.startswith(sent.address + "/"), f"{kind}: {link} is not on {sent.address}"
        _opens(sent.follower, link, reader=reader)
    if sent.effect is not None:
        sent.effect()
