import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.core.models import Audience
from alongside.teams.selectors import people_like_you
from alongside.teams.services import block_create, team_link_create
from alongside.testing.factories import MemberConditionFactory

pytestmark = pytest.mark.django_db


def _with_condition(make_trusted, slug="fibromyalgia", **profile):
    user = make_trusted(**profile)
    MemberConditionFactory(user=user, slug=slug)
    return user


def test_it_suggests_members_sharing_a_condition_they_share_with_members(community, make_trusted):
    viewer = _with_condition(make_trusted, region="")
    open_one = _with_condition(make_trusted, display_name="Open", conditions_audience="members")
    _with_condition(make_trusted, display_name="Private", conditions_audience=Audience.ONLY_ME)
    _with_condition(make_trusted, display_name="TeamOnly", conditions_audience=Audience.TEAM)
    names = {p.name: p.reason for p in people_like_you(viewer=viewer, community=community)}
    assert names.get("Open") == "Also lives with Fibromyalgia"
    assert "Fibromyalgia" not in names.get("Private", "") + names.get("TeamOnly", "")
    assert open_one.pk


def test_it_matches_a_region_only_when_members_may_see_it(community, make_trusted):
    viewer = make_trusted(region="Wales", display_name="Me", role="loved_one")
    make_trusted(region="Wales", region_audience="members", display_name="Visible")
    make_trusted(region="Wales", region_audience="team", display_name="Hidden")
    suggestions = people_like_you(viewer=viewer, community=community)
    reasons = {p.name: p.reason for p in suggestions}
    assert reasons["Visible"] == "Also in Wales"
    assert "Wales" not in reasons.get("Hidden", "")


def test_it_leaves_out_teammates_blocked_members_and_itself(community, make_trusted):
    viewer = _with_condition(make_trusted)
    friend = _with_condition(make_trusted, conditions_audience="members")
    blocker = _with_condition(make_trusted, conditions_audience="members")
    team_link_create(community=community, a=viewer, b=friend)
    block_create(blocker=blocker, blocked=viewer, community=community)
    ids = {p.public_id for p in people_like_you(viewer=viewer, community=community)}
    assert not ids & {str(viewer.public_id), str(friend.public_id), str(blocker.public_id)}


def test_suggestions_take_the_same_queries_for_few_and_many_members(community, make_trusted):
    viewer = _with_condition(make_trusted, region="Wales")
    for _ in range(3):
        _with_condition(make_trusted, conditions_audience="members")
    # A fresh viewer object each time, as each request has: selectors memoise per request.
    # Both measured cold (the viewer's teammates and blocks are kept in the cache between
    # requests: teams.selectors._memo).
    fresh = type(viewer).objects.get(pk=viewer.pk)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        people_like_you(viewer=fresh, community=community)
    for _ in range(30):
        _with_condition(make_trusted, conditions_audience="members", region="Wales")
    fresh = type(viewer).objects.get(pk=viewer.pk)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        people_like_you(viewer=fresh, community=community)
    # Seven: conditions, current treatments, role or region each cost one.
    assert len(few) == len(many) <= 7


def test_the_team_page_runs_the_same_queries_for_a_small_and_a_big_team(
    community, make_trusted, client_for
):
    from alongside.teams.services import team_request_send

    viewer = _with_condition(make_trusted, region="Wales")
    client = client_for(viewer)

    def grow(count):
        for _ in range(count):
            friend = _with_condition(make_trusted, conditions_audience="members", region="Wales")
            team_link_create(community=community, a=viewer, b=friend)
            team_request_send(sender=make_trusted(), recipient=viewer, community=community)

    def queries():
        client.get("/team/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/team/").status_code == 200
        return len(captured)

    grow(2)
    few = queries()
    grow(25)
    assert queries() == few <= 12


def _on_treatment(user, community, name="Low-dose naltrexone", *, audience="members", **dates):
    from alongside.treatments.models import MemberTreatment, Treatment, TreatmentClass

    kind = TreatmentClass.objects.get_or_create(slug="test-class", defaults={"name": "Test"})[0]
    treatment = Treatment.objects.get_or_create(
        slug=name.lower().replace(" ", "-"),
        defaults={"name": name, "treatment_class": kind, "summary": "", "live": True},
    )[0]
    return MemberTreatment.objects.create(
        user=user, community=community, treatment=treatment, audience=audience, **dates
    )


def test_it_suggests_members_on_the_same_current_treatment_they_share_with_members(
    community, make_trusted
):
    from datetime import date

    viewer = make_trusted(display_name="Me", region="", role="loved_one")
    _on_treatment(viewer, community, audience=Audience.ONLY_ME)
    open_one = make_trusted(display_name="Open", region="")
    _on_treatment(open_one, community)
    team_only = make_trusted(display_name="TeamOnly", region="")
    _on_treatment(team_only, community, audience=Audience.TEAM)
    past = make_trusted(display_name="Past", region="")
    _on_treatment(past, community, stopped_on=date(2024, 1, 1))
    other = make_trusted(display_name="Other", region="")
    _on_treatment(other, community, name="Ocrelizumab")
    reasons = {p.name: p.reason for p in people_like_you(viewer=viewer, community=community)}
    assert reasons["Open"] == "Also takes Low-dose naltrexone"
    for name in ("TeamOnly", "Past", "Other"):
        assert "naltrexone" not in reasons.get(name, "")


def test_a_team_only_treatment_never_suggests_a_non_teammate_on_the_team_page(
    community, make_trusted, client_for
):
    viewer = make_trusted(display_name="Me", region="", role="loved_one")
    _on_treatment(viewer, community)
    secret = make_trusted(display_name="Secretive", region="")
    _on_treatment(secret, community, audience=Audience.TEAM)
    page = client_for(viewer).get("/team/").content.decode()
    assert "Also takes Low-dose naltrexone" not in page
    _on_treatment(make_trusted(display_name="Sharer", region=""), community)
    assert "Also takes Low-dose naltrexone" in client_for(viewer).get("/team/").content.decode()
