"""For bench/run.py: log-in sessions for synthetic members (no log-in form) and page targets.

Prints one JSON object. Sessions are created through the configured session engine exactly
as django.contrib.auth.login stores them, for the busiest trusted members with a team.
"""

import json

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand
from django.db.models import Count
from django.utils.module_loading import import_string

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.demo.generate import SYNTHETIC_DOMAIN


class Command(BaseCommand):
    help = "Print JSON: session keys for synthetic members and the pages the benchmark visits."

    def add_arguments(self, parser):
        parser.add_argument("--sessions", type=int, default=1000)
        parser.add_argument("--community", default="ms")

    def handle(self, *args, sessions, community, **options):
        community = Community.objects.get(slug=community)
        members = _members(community, sessions)
        fixtures = {
            "sessions": [_session_for(user) for user in members],
            "targets": _targets(community, members[0]),
        }
        keeper = _journal_keeper(community)
        if keeper is not None:
            fixtures["journal"] = [_session_for(keeper.owner)]
            fixtures["targets"]["journal"] = str(keeper.public_id)
            fixtures["targets"]["journal_summary"] = keeper.summary_pk
        self.stdout.write(json.dumps(fixtures))


def _members(community, count: int) -> list:
    """Trusted members (their posts go straight out), those with the most teammates first."""
    from alongside.teams.models import TeamLink

    trusted = User.objects.filter(
        email__endswith=f"@{community.slug}.{SYNTHETIC_DOMAIN}",
        memberships__community=community,
        memberships__trust_level__gte=2,
        is_active=True,
    )
    busiest = (
        TeamLink.objects.filter(community=community, user_low__in=trusted)
        .values("user_low")
        .annotate(n=Count("id"))
        .order_by("-n", "user_low")
        .values_list("user_low", flat=True)[:count]
    )
    chosen = list(busiest)
    others = trusted.exclude(pk__in=chosen).order_by("pk")[: max(0, count - len(chosen))]
    users = User.objects.in_bulk(chosen)
    return [users[pk] for pk in chosen] + list(others)


def _session_for(user) -> str:
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _targets(community, viewer) -> dict:
    """One path per page; a page whose app has no data yet is left out (reported not available)."""
    targets = {}
    for name, find in _FINDERS.items():
        try:
            found = find(community, viewer)
        except (ImportError, LookupError):
            found = None
        if found:
            targets[name] = found
    return targets


def _article(community, viewer) -> str | None:
    from alongside.articles.models import ArticlePage

    articles = ArticlePage.objects.live().descendant_of(community.site.root_page)
    article = articles.annotate(n=Count("comments")).order_by("-n", "pk").first()
    return article.get_url_parts()[2] if article else None


def _question(community, viewer) -> int | None:
    """The most answered question: the page the community reads most."""
    from alongside.questions.models import Question

    question = (
        Question.objects.filter(community=community, visibility="published")
        .order_by("-answer_count", "pk")
        .first()
    )
    return question.pk if question else None


def _update(community, viewer) -> int | None:
    """A busy update every member may see, not the viewer's own."""
    from alongside.conversations.models import Update

    update = (
        Update.objects.filter(community=community, visibility="published", audience="members")
        .exclude(author=viewer)
        .order_by("-comment_count", "pk")
        .first()
    )
    return update.pk if update else None


def _profile(community, viewer) -> str | None:
    from alongside.teams.selectors import teammate_ids

    mates = sorted(teammate_ids(user=viewer, community=community))
    other = User.objects.filter(pk__in=mates[:1]).first() or User.objects.exclude(pk=viewer.pk)[0]
    return str(other.public_id)


def _treatment(community, viewer) -> str | None:
    from alongside.treatments.models import TreatmentInsight

    insight = (
        TreatmentInsight.objects.filter(community=community)
        .order_by("-member_count", "pk")
        .select_related("treatment")
        .first()
    )
    return insight.treatment.slug if insight else None


def _checker(community, viewer) -> str | None:
    from alongside.treatments.models import Interaction

    pair = Interaction.objects.exclude(a__startswith="class:").exclude(b__startswith="class:")
    pair = pair.order_by("position", "pk").first()
    return f"treatments={pair.a}&treatments={pair.b}" if pair else None


def _journal_keeper(community):
    """The synthetic journal with the most check-ins (a year of them), with a summary."""
    from django.db.models import Count, Max

    from alongside.journal.models import Journal

    return (
        Journal.objects.filter(community=community, summaries__isnull=False)
        .select_related("owner")
        .annotate(entries=Count("checkins", distinct=True), summary_pk=Max("summaries__pk"))
        .order_by("-entries", "pk")
        .first()
    )


_FINDERS = {
    "article": _article,
    "question": _question,
    "update": _update,
    "profile": _profile,
    "treatment": _treatment,
    "checker": _checker,
}
