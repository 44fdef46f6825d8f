"""A member's account and membership are read together, ahead of Django's sign-in check
(accounts/middleware.py: SignedInReadAheadMiddleware). The check must still refuse what it
always refused, and nothing read ahead may outlive its request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _reads(client, path: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    return status, [query["sql"] for query in captured]


def _account_reads(sqls: list[str]) -> list[str]:
    return [sql for sql in sqls if '"accounts_user"."password"' in sql]


def _membership_reads(sqls: list[str]) -> list[str]:
    return [sql for sql in sqls if 'FROM "communities_membership"' in sql]


def test_a_members_page_reads_their_account_and_membership_in_one_query(
    community, make_member, client_for
):
    client = client_for(make_member())
    client.get("/notifications/")  # the session and the community, cached
    status, sqls = _reads(client, "/notifications/")
    assert status == 200
    assert len(_account_reads(sqls)) == 1 and len(_membership_reads(sqls)) == 1
    assert _account_reads(sqls) == _membership_reads(sqls)


def test_someone_signed_in_who_is_not_a_member_here_is_read_once_each(
    community, other_community, make_member, client_for
):
    client = client_for(make_member(other_community))
    client.get("/questions/")
    status, sqls = _reads(client, "/questions/")
    assert status == 200
    # The joined read finds no membership; the account is read alone; nothing asks again.
    assert len(_membership_reads(sqls)) == 1 and len(_account_reads(sqls)) == 2
    assert "Log out" in client.get("/questions/").text
    assert 'href="/feed/"' not in client.get("/questions/").text.split("</header>")[0]


def _deactivate(member) -> None:
    type(member).objects.filter(pk=member.pk).update(is_active=False)


def _change_password(member) -> None:
    member.set_password("a-new-long-passphrase-2026")
    member.save(update_fields=["password"])


@pytest.mark.parametrize(
    "change", [_deactivate, _change_password], ids=["deactivated", "password changed"]
)
def test_the_sign_in_check_still_signs_out_as_before(community, make_member, client_for, change):
    """A deactivated account, and other sessions of one whose password changed."""
    member = make_member()
    client = client_for(member)
    assert client.get("/feed/").status_code == 200
    change(member)
    response = client.get("/feed/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_who_left_is_no_member_on_their_next_page(community, make_member, client_for):
    from alongside.communities.models import Membership
    from alongside.communities.services import membership_delete

    member = make_member()
    client = client_for(member)
    assert client.get("/feed/").status_code == 200
    membership_delete(membership=Membership.objects.get(user=member, community=community))
    assert client.get("/feed/").status_code in (302, 403, 404)


def test_a_later_read_of_the_same_account_in_the_request_is_a_fresh_one(community, make_member, rf):
    from alongside.accounts.models import User, read_ahead, read_ahead_end

    member = make_member()
    stale = User.objects.get(pk=member.pk)
    stale.email = "stale@example.org"
    token = read_ahead(stale)
    try:
        assert User.objects.get(pk=member.pk).email == "stale@example.org"  # the check's read
        assert User.objects.get(pk=member.pk).email == member.email  # any later one
    finally:
        read_ahead_end(token)
