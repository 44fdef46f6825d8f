"""A prepared query returns what the plain queryset returns, for every value, in one query
and without building its SQL again."""

import datetime
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from alongside.core.prepared import Day, Ids, Int, Moment, Prepared, Text, Uuid
from alongside.testing.factories import member

DAY = datetime.timedelta(days=1)


@pytest.fixture
def members(community, other_community):
    """Five members of the MS community who joined a day apart, and one of the RA community."""
    people = [member(community, display_name=f"Member {n}") for n in range(5)]
    memberships = [person.memberships.get() for person in people]
    start = timezone.now() - 10 * DAY
    for n, membership in enumerate(memberships):
        membership.joined_at = start + n * DAY
        membership.save(update_fields=["joined_at"])
    member(other_community, display_name="Elsewhere")
    return memberships


def _query(*, community: int, since, people: list, role: str, newest_first: bool):
    rows = (
        _model.objects.filter(community_id=community, joined_at__gt=since, role=role)
        .exclude(user_id__in=people)
        .select_related("user__profile", "community")
    )
    return rows.order_by("-joined_at" if newest_first else "joined_at")


_model = None
_MEMBERSHIPS = Prepared(_query, community=Int, since=Moment, people=Ids, role=Text)


@pytest.fixture(autouse=True)
def _model_of(members):
    global _model
    _model = type(members[0])


def _plain(**arguments):
    return list(_query(**arguments))


def _cases(members):
    community = members[0].community_id
    start = members[0].joined_at
    users = [m.user_id for m in members]
    for since in (start - DAY, start + DAY / 2, start + 3 * DAY):
        for people in ([], users[:1], users[1:3], [users[4], users[4], None]):
            for newest_first in (True, False):
                yield {
                    "community": community,
                    "since": since,
                    "people": people,
                    "role": "living_with",
                    "newest_first": newest_first,
                }


def test_it_returns_what_the_plain_queryset_returns_for_every_value(members):
    for arguments in _cases(members):
        prepared = _MEMBERSHIPS.rows(**arguments)
        assert [m.pk for m in prepared] == [m.pk for m in _plain(**arguments)], arguments


def test_a_later_call_runs_one_query_with_its_own_values(
    members, django_assert_num_queries, django_capture_on_commit_callbacks
):
    arguments = next(_cases(members))
    _MEMBERSHIPS.rows(**arguments)  # the shape is built here
    later = {**arguments, "since": members[2].joined_at - DAY / 2}
    with django_assert_num_queries(1):
        rows = _MEMBERSHIPS.rows(**later)
        names = [row.user.profile.display_name for row in rows]  # select_related: no query
    assert names == ["Member 4", "Member 3", "Member 2"]


def test_it_reads_another_community_with_the_same_shape(members, other_community):
    arguments = next(_cases(members))
    _MEMBERSHIPS.rows(**arguments)
    elsewhere = _MEMBERSHIPS.rows(**{**arguments, "community": other_community.pk})
    assert [row.user.profile.display_name for row in elsewhere] == ["Elsewhere"]


def test_a_query_that_can_match_nothing_runs_none(members, django_assert_num_queries):
    empty = Prepared(
        lambda *, people: _model.objects.filter(user_id__in=people).order_by("pk"), people=Ids
    )
    with django_assert_num_queries(0):
        assert empty.rows(people=[]) == []
    assert [m.pk for m in empty.rows(people=[members[1].user_id])] == [members[1].pk]


def test_values_lists_come_back_as_values(members):
    flat = Prepared(
        lambda *, community: (
            _model.objects.filter(community_id=community)
            .order_by("joined_at")
            .values_list("user_id", flat=True)
        ),
        community=Int,
    )
    assert flat.rows(community=members[0].community_id) == [m.user_id for m in members]


def test_a_value_the_lookup_rewrites_is_refused_at_once(members):
    contains = Prepared(lambda *, text: _model.objects.filter(Q(role__icontains=text)), text=Text)
    with pytest.raises(ImproperlyConfigured, match="'text' is not a plain SQL parameter"):
        contains.rows(text="living")


def test_a_day_is_a_value_for_a_date_lookup(members):
    joined_since = Prepared(
        lambda *, community, since: _model.objects.filter(
            community_id=community, joined_at__date__gte=since
        ).order_by("joined_at"),
        community=Int,
        since=Day,
    )
    community = members[0].community_id
    for member_ in members:
        since = timezone.localdate(member_.joined_at)
        plain = _model.objects.filter(community_id=community, joined_at__date__gte=since)
        expected = [m.pk for m in plain.order_by("joined_at")]
        assert [m.pk for m in joined_since.rows(community=community, since=since)] == expected
    assert expected == [members[-1].pk]  # a day apart: the last day holds the newest alone


def test_a_public_id_is_a_value_as_a_uuid_or_its_text(members):
    by_public_id = Prepared(
        lambda *, person: _model.objects.filter(user__public_id=person).order_by("pk"),
        person=Uuid,
    )
    wanted = members[3].user.public_id
    assert [m.pk for m in by_public_id.rows(person=wanted)] == [members[3].pk]
    assert [m.pk for m in by_public_id.rows(person=str(wanted))] == [members[3].pk]
    assert by_public_id.rows(person=uuid.uuid4()) == []


def test_an_id_no_column_holds_matches_nothing_as_in_django(members):
    by_pk = Prepared(lambda *, pk: _model.objects.filter(pk=pk).order_by("pk"), pk=Int)
    assert [m.pk for m in by_pk.rows(pk=members[0].pk)] == [members[0].pk]
    for hostile in ("9" * 19, "9" * 30):
        assert by_pk.rows(pk=int(hostile)) == []
