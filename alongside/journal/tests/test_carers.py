"""Carers: invited by email with chosen permissions, accepted only by that address's
account, revocable at once; everything they see or add is in the owner's access list."""

import re

import pytest
from django.core import mail

from alongside.journal.models import AccessEntry, Carer, CarerStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Post the invitation form; the email goes by a task enqueued after commit."""

    def post(client, journal, email, **perms) -> None:
        data = {"email": email, **{name: "on" for name, on in perms.items() if on}}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/journal/{journal.public_id}/carers/", data)
        assert response.status_code == 302

    return post


def _token_from_mail() -> str:
    return re.search(r"/journal/carers/accept/([^/]+)/", mail.outbox[-1].body).group(1)


def test_an_invited_loved_one_accepts_and_helps_only_as_allowed(
    client_for, owner, journal, make_member, invite
):
    sam = make_member(display_name="Sam")
    invite(client_for(owner), journal, sam.email, can_add=True)
    assert mail.outbox[-1].to == [sam.email] and "Rowan" in mail.outbox[-1].subject
    token = _token_from_mail()
    carer_client = client_for(sam)
    response = carer_client.post(f"/journal/carers/accept/{token}/")
    assert response.status_code == 302
    assert Carer.objects.get(journal=journal).status == CarerStatus.ACTIVE
    assert carer_client.get(f"/journal/{journal.public_id}/relapses/new/").status_code == 200
    assert carer_client.get(f"/journal/{journal.public_id}/trends/").status_code == 404


def test_an_invitation_cannot_be_used_by_another_account(
    client_for, owner, journal, make_member, invite
):
    sam, someone = make_member(), make_member()
    invite(client_for(owner), journal, sam.email, can_view=True)
    response = client_for(someone).post(f"/journal/carers/accept/{_token_from_mail()}/")
    assert response.status_code == 400 and "another email address" in response.content.decode()
    assert Carer.objects.get(journal=journal).user is None


def test_a_new_account_with_the_invited_address_can_accept(client_for, owner, journal, invite):
    from alongside.testing.factories import UserFactory

    invite(client_for(owner), journal, "new.person@example.org", can_view=True)
    newcomer = UserFactory(email="new.person@example.org")
    client_for(newcomer).post(f"/journal/carers/accept/{_token_from_mail()}/")
    assert client_for(newcomer).get(f"/journal/{journal.public_id}/").status_code == 200


def test_revoking_ends_access_at_once(client_for, owner, journal, carer_for):
    carer = carer_for(view=True, add=True)
    client = client_for(carer.user)
    assert client.get(f"/journal/{journal.public_id}/").status_code == 200
    client_for(owner).post(f"/journal/{journal.public_id}/carers/{carer.pk}/", {"revoke": "1"})
    assert client.get(f"/journal/{journal.public_id}/").status_code == 404


def test_changing_permissions_applies_to_the_next_request(client_for, owner, journal, carer_for):
    carer = carer_for(view=True)
    client = client_for(carer.user)
    assert client.get(f"/journal/{journal.public_id}/trends/").status_code == 200
    client_for(owner).post(f"/journal/{journal.public_id}/carers/{carer.pk}/", {"can_add": "on"})
    assert client.get(f"/journal/{journal.public_id}/trends/").status_code == 404


def test_the_owner_reads_every_access_in_the_activity_list(client_for, owner, journal, carer_for):
    carer = carer_for(view=True, summarise=True, name="Sam")
    client = client_for(carer.user)
    client.get(f"/journal/{journal.public_id}/trends/")
    client.post(
        f"/journal/{journal.public_id}/summaries/",
        {"period_start": "2026-01-01", "period_end": "2026-02-01", "concern": "Sleep"},
    )
    kinds = set(AccessEntry.objects.filter(journal=journal).values_list("kind", flat=True))
    assert {"viewed_trends", "prepared_summary"} <= kinds
    page = client_for(owner).get(f"/journal/{journal.public_id}/activity/").content.decode()
    assert "looked at the trends" in page and "prepared a visit summary" in page


def test_a_carer_never_reaches_the_owners_messages_or_settings(
    client_for, owner, journal, carer_for
):
    carer = carer_for(view=True, add=True, summarise=True)
    client = client_for(carer.user)
    assert client.get(f"/journal/{journal.public_id}/settings/").status_code == 404
    assert client.get(f"/journal/{journal.public_id}/carers/").status_code == 404
    assert owner.email not in client.get("/messages/").content.decode()
