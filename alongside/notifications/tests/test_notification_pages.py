import json

import pytest

from alongside.moderation.tests.personas import PERSONAS, people_around_an_owner
from alongside.notifications.models import Frequency, Kind, Notification
from alongside.notifications.services import notification_create

pytestmark = pytest.mark.django_db


def _notify(recipient, community, key, text="Bo answered your question.", url="/questions/"):
    return notification_create(
        recipient=recipient,
        community=community,
        kind=Kind.ANSWER,
        text=text,
        dedupe_key=key,
        url=url,
    )


def test_the_header_shows_the_unread_count_and_opening_one_marks_it_read(
    community, make_member, client_for
):
    member = make_member()
    first = _notify(member, community, "a")
    _notify(member, community, "b")
    client = client_for(member)
    page = client.get("/notifications/").content.decode()
    assert "Notifications (2)" in page and "Bo answered your question." in page
    response = client.get(f"/notifications/{first.pk}/")
    assert response["Location"] == "/questions/"
    assert "Notifications (1)" in client.get("/notifications/").content.decode()
    client.post("/notifications/read/")
    assert Notification.objects.filter(read_at=None).count() == 0


def test_notifications_of_another_community_stay_there(
    community, other_community, make_member, client_for
):
    member = make_member()
    from alongside.communities.services import membership_create

    membership_create(user=member, community=other_community)
    _notify(member, other_community, "ra", text="Only on the RA site")
    page = client_for(member).get("/notifications/").content.decode()
    assert "Only on the RA site" not in page
    ra_page = client_for(member, host="ra.localhost").get("/notifications/").content.decode()
    assert "Only on the RA site" in ra_page


def test_a_member_chooses_how_each_kind_is_emailed(make_member, client_for):
    member = make_member()
    client = client_for(member)
    assert client.get("/notifications/settings/").status_code == 200
    choices = {kind: Frequency.INSTANT for kind in Kind.values} | {"hug": Frequency.NEVER}
    client.post("/notifications/settings/", choices)
    assert member.notification_preferences.get(kind="hug").frequency == Frequency.NEVER
    assert member.notification_preferences.get(kind="comment").frequency == Frequency.INSTANT


def test_an_open_redirect_is_never_followed(community, make_member, client_for):
    member = make_member()
    evil = _notify(member, community, "x", url="https://evil.example/")
    response = client_for(member).get(f"/notifications/{evil.pk}/")
    assert response["Location"] == "/notifications/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_recipient_sees_or_reads_their_notifications(
    community, other_community, client_for, persona
):
    people = people_around_an_owner(community, other_community)
    mine = _notify(people.owner, community, "owner", text="For the owner only")
    client = client_for(people.get(persona))
    listing = client.get("/notifications/")
    expected = {"anonymous": 302, "other_community": 404}.get(persona, 200)
    assert listing.status_code == expected
    assert ("For the owner only" in listing.content.decode()) is (persona == "owner")
    opened = client.get(f"/notifications/{mine.pk}/")
    assert opened.status_code == (302 if persona in {"anonymous", "owner"} else 404)
    api = client.get("/api/v1/notifications")
    assert api.status_code == {"anonymous": 401, "other_community": 404}.get(persona, 200)
    if api.status_code == 200:
        texts = [item["text"] for item in api.json()["items"]]
        assert ("For the owner only" in texts) is (persona == "owner")
    read = client.post(f"/api/v1/notifications/{mine.pk}/read")
    assert read.status_code == (200 if persona == "owner" else {"anonymous": 401}.get(persona, 404))
    mine.refresh_from_db()
    assert (mine.read_at is not None) is (persona == "owner")


@pytest.mark.parametrize("persona", PERSONAS)
def test_settings_and_mark_all_read_need_an_account(
    community, other_community, client_for, persona
):
    people = people_around_an_owner(community, other_community)
    client = client_for(people.get(persona))
    assert client.get("/notifications/settings/").status_code == (
        302 if persona == "anonymous" else 200
    )
    response = client.post(
        "/api/v1/notifications/read", json.dumps({}), content_type="application/json"
    )
    assert response.status_code == {"anonymous": 401, "other_community": 404}.get(persona, 200)
