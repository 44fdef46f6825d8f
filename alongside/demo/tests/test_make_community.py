import json
import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Q
from django.http import HttpResponse
from django.test import RequestFactory

from alongside.core.middleware import QueryCountHeaderMiddleware
from alongside.core.views import bench_ceiling
from alongside.demo.scale.skew import distinct_picks, heavy_count, zipf_index

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="make_community writes with PostgreSQL COPY"
)


def test_skewed_picks_are_distinct_in_range_and_favour_the_busiest():
    rng = random.Random(1)
    pool = list(range(1000))
    picks = [distinct_picks(rng, pool, 20, exclude=0) for _ in range(200)]
    assert all(len(set(p)) == 20 and 0 not in p for p in picks)
    head = sum(value < 100 for p in picks for value in p)
    assert head > 0.4 * 20 * 200  # the first tenth of members gets most of the activity
    assert all(0 <= zipf_index(rng, 7) < 7 for _ in range(500))
    assert max(heavy_count(rng, 1.2, 50) for _ in range(5000)) == 50


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the refusal elsewhere")
def test_it_refuses_a_database_that_is_not_postgresql():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("make_community", members=10)


@on_postgresql
def test_it_fills_a_community_whose_counters_match_their_rows_and_does_not_repeat():
    from alongside.conversations.models import Update
    from alongside.questions.models import Question

    call_command("load_demo", members=10, ra_members=2, quiet=True, stdout=StringIO())
    call_command("make_community", members=300, stdout=StringIO(), stderr=StringIO())
    updates = Update.objects.annotate(
        hugs=Count("reactions", filter=Q(reactions__kind="hug"), distinct=True),
        notes=Count("comments", filter=Q(comments__visibility="published"), distinct=True),
    )
    assert updates.count() > 600
    assert not updates.exclude(hug_count=F("hugs")).exists()
    assert not updates.exclude(comment_count=F("notes")).exists()
    answered = Question.objects.annotate(
        n=Count("answers", filter=Q(answers__visibility="published"))
    )
    assert not answered.exclude(answer_count=F("n")).exists()
    total = Update.objects.count()
    call_command("make_community", members=300, stdout=StringIO(), stderr=StringIO())
    assert Update.objects.count() == total


def test_the_ceiling_view_is_a_small_page_with_no_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = bench_ceiling(RequestFactory().get("/bench/ceiling/"))
    assert response.status_code == 200
    assert b"<h1>Ceiling</h1>" in response.content


def test_the_signed_in_ceiling_loads_the_session_the_member_and_the_membership_only(
    community, make_member, django_assert_num_queries
):
    from alongside.ops.views import bench_ceiling_member

    request = RequestFactory().get("/bench/ceiling/member/")
    request.user, request.community = make_member(), community
    with django_assert_num_queries(1):  # the membership; the session and user come before
        response = bench_ceiling_member(request)
    assert response.status_code == 200 and b"<h1>Ceiling</h1>" in response.content


def test_the_signed_in_layout_is_the_page_frame_around_nothing(community, make_member):
    from alongside.ops.views import bench_layout_member

    member = make_member()
    request = RequestFactory().get("/bench/layout/member/")
    request.user, request.community = member, community
    html = bench_layout_member(request).content.decode()
    assert f'href="/members/{member.public_id}/">My profile' in html
    assert 'class="site-footer"' in html and "<h1>" not in html


def test_the_query_count_header_counts_the_statements_a_request_runs():
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = QueryCountHeaderMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Query-Count"] == "2"
    assert float(response["X-Service-Ms"]) >= 0


def test_bench_sessions_log_a_synthetic_member_in_without_the_form(client):
    call_command("load_demo", members=30, ra_members=2, quiet=True, stdout=StringIO())
    out = StringIO()
    call_command("bench_fixtures", sessions=2, stdout=out)
    fixtures = json.loads(out.getvalue())
    assert len(fixtures["sessions"]) == 2
    client.cookies["sessionid"] = fixtures["sessions"][0]
    response = client.get("/settings/profile/")
    assert response.status_code == 200
    assert response.wsgi_request.user.email.endswith("members.demo.alongside.localhost")
