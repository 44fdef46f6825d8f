"""Who a member is looking as: teammates and blocks, kept between requests and read together."""

from unittest import mock

import pytest
from django.core.cache import cache

from alongside.communities.selectors import is_member
from alongside.teams import selectors
from alongside.teams.selectors import Viewing
from alongside.teams.services import block_create, team_link_create

pytestmark = pytest.mark.django_db


def _fresh(user, community):
    """A new object for the same member, as each request has (selectors memoise on it), with
    the membership read as the request's middleware reads it."""
    fresh = type(user).objects.get(pk=user.pk)
    assert is_member(user=fresh, community=community)
    return fresh


def test_a_warm_viewing_takes_one_cache_round_trip_and_no_query(
    community, make_trusted, django_assert_num_queries
):
    viewer, friend, blocked = make_trusted(), make_trusted(), make_trusted()
    team_link_create(community=community, a=viewer, b=friend)
    block_create(blocker=viewer, blocked=blocked, community=community)
    Viewing.of(viewer=_fresh(viewer, community), community=community)  # fills the shared copies

    fresh = _fresh(viewer, community)
    with (
        mock.patch.object(selectors, "cache", wraps=cache) as spy,
        django_assert_num_queries(0),
    ):
        viewing = Viewing.of(viewer=fresh, community=community)

    assert (viewing.teammates, viewing.blocked) == ({friend.pk}, {blocked.pk})
    assert spy.get_many.call_count == 1
    assert spy.get.call_count == 0


def test_a_new_teammate_or_block_is_seen_on_the_next_request(community, make_trusted):
    viewer, friend, other = make_trusted(), make_trusted(), make_trusted()
    assert Viewing.of(viewer=_fresh(viewer, community), community=community).teammates == set()

    team_link_create(community=community, a=viewer, b=friend)
    viewing = Viewing.of(viewer=_fresh(viewer, community), community=community)
    assert viewing.teammates == {friend.pk}

    block_create(blocker=other, blocked=viewer, community=community)
    assert Viewing.of(viewer=_fresh(viewer, community), community=community).blocked == {other.pk}


def test_with_the_cache_empty_each_set_is_read_from_the_database(
    community, make_trusted, django_assert_num_queries
):
    viewer, friend = make_trusted(), make_trusted()
    team_link_create(community=community, a=viewer, b=friend)
    fresh = _fresh(viewer, community)
    cache.clear()
    with django_assert_num_queries(2):  # teammates, blocks
        viewing = Viewing.of(viewer=fresh, community=community)
    assert (viewing.teammates, viewing.blocked) == ({friend.pk}, set())
