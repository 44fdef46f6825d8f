import pytest
from django.core.exceptions import ValidationError

from alongside.notifications.models import Notification
from alongside.teams.models import RequestStatus, TeamRequest
from alongside.teams.selectors import are_teammates, teammate_ids
from alongside.teams.services import (
    block_create,
    team_member_remove,
    team_request_accept,
    team_request_decline,
    team_request_send,
    team_request_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(make_trusted):
    return make_trusted(display_name="Ana"), make_trusted(display_name="Ben")


def test_a_request_accepted_makes_two_teammates_and_notifies_both(
    community, pair, django_capture_on_commit_callbacks
):
    ana, ben = pair
    with django_capture_on_commit_callbacks(execute=True):
        request = team_request_send(sender=ana, recipient=ben, community=community)
    assert "Ana would like you in their team." in Notification.objects.get(recipient=ben).text
    with django_capture_on_commit_callbacks(execute=True):
        team_request_accept(team_request=request, by=ben)
    assert are_teammates(a=ana, b=ben, community=community)
    assert teammate_ids(user=ben, community=community) == {ana.pk}
    assert "Ben is now in your team." in Notification.objects.get(recipient=ana).text


def test_only_the_recipient_accepts(community, pair):
    ana, ben = pair
    request = team_request_send(sender=ana, recipient=ben, community=community)
    with pytest.raises(ValidationError):
        team_request_accept(team_request=request, by=ana)
    assert not are_teammates(a=ana, b=ben, community=community)


def test_a_request_is_declined_or_withdrawn(community, pair):
    ana, ben = pair
    first = team_request_send(sender=ana, recipient=ben, community=community)
    team_request_decline(team_request=first, by=ben)
    second = team_request_send(sender=ana, recipient=ben, community=community)
    team_request_withdraw(team_request=second, by=ana)
    statuses = set(TeamRequest.objects.values_list("status", flat=True))
    assert statuses == {RequestStatus.DECLINED, RequestStatus.WITHDRAWN}
    assert not are_teammates(a=ana, b=ben, community=community)


def test_sending_twice_keeps_one_pending_request_and_crossing_requests_accept(community, pair):
    ana, ben = pair
    first = team_request_send(sender=ana, recipient=ben, community=community)
    assert team_request_send(sender=ana, recipient=ben, community=community).pk == first.pk
    team_request_send(sender=ben, recipient=ana, community=community)
    assert are_teammates(a=ana, b=ben, community=community)


def test_a_member_is_removed_from_the_team(community, pair):
    ana, ben = pair
    team_request_accept(
        team_request=team_request_send(sender=ana, recipient=ben, community=community), by=ben
    )
    team_member_remove(user=ben, other=ana, community=community)
    assert not are_teammates(a=ana, b=ben, community=community)


def test_a_blocked_member_cannot_request_and_blocking_ends_the_team(community, pair):
    ana, ben = pair
    team_request_accept(
        team_request=team_request_send(sender=ana, recipient=ben, community=community), by=ben
    )
    block_create(blocker=ana, blocked=ben, community=community)
    assert not are_teammates(a=ana, b=ben, community=community)
    with pytest.raises(ValidationError):
        team_request_send(sender=ben, recipient=ana, community=community)


def test_it_refuses_a_member_of_another_community(community, other_community, make_trusted):
    with pytest.raises(ValidationError):
        team_request_send(
            sender=make_trusted(), recipient=make_trusted(other_community), community=community
        )


def test_the_team_page_journey_without_javascript(community, pair, client_for):
    ana, ben = pair
    client_for(ana).post(f"/team/add/{ben.public_id}/")
    page = client_for(ben).get("/team/").content.decode()
    assert "Requests for you" in page and "Accept Ana" in page
    request = TeamRequest.objects.get()
    client_for(ben).post(f"/team/requests/{request.pk}/accept/")
    assert "Remove Ana" in client_for(ben).get("/team/").content.decode()


def test_the_profile_shows_add_to_my_team_and_block(community, pair, client_for):
    ana, ben = pair
    html = client_for(ana).get(f"/members/{ben.public_id}/").content.decode()
    assert "Add to my team" in html and "Block" in html
    assert (
        "Add to my team" not in client_for(ana).get(f"/members/{ana.public_id}/").content.decode()
    )
