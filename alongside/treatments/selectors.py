"""Reads for the treatments app. Public pages read only knowledge-base rows and insight
summaries: a fixed number of queries whatever the number of reports."""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from alongside.accounts.conditions import all_conditions, conditions_by_slug
from alongside.accounts.models import User
from alongside.accounts.selectors import (
    PREVIEWS,
    counted_in_figures,
    member_condition_slugs,
    relation_between,
)
from alongside.communities.models import Community
from alongside.core.audiences import ANY_MEMBER, Relation, audiences_seen_by
from alongside.core.prepared import Int, Prepared, Uuid
from alongside.questions.selectors import questions_public_for_topics
from alongside.treatments.citations import (
    CitationView,
    citations_view,
    slugs_in,
)
from alongside.treatments.clashes import (
    Clash,
    LiveKnowledge,
    clashes_adding,
    clashes_for,
    clashes_with_conditions,
    live_knowledge,
    live_knowledge_version,
)
from alongside.treatments.models import (
    ACCEPTED_SOURCE_KINDS,
    PURPOSE_ORDER,
    Contraindication,
    Interaction,
    MemberTreatment,
    Purpose,
    SideEffect,
    Source,
    SourceKind,
    StopReason,
    Treatment,
    TreatmentInsight,
)
from alongside.treatments.presentation import InsightView, insight_view

SEARCH_LIMIT = 8
_SEARCH_CUTOFF = 0.6


def _min_members() -> int:
    return settings.COMMUNITY_FIGURE_MIN_MEMBERS


# Public knowledge ----------------------------------------------------------------------------


@dataclass
class PurposeGroup:
    purpose: str
    label: str
    treatments: list[Treatment]


def treatment_list_for(*, community: Community) -> list[PurposeGroup]:
    """The community's live treatments grouped by what they are for, then by name. One query,
    of the columns a list shows (the facts' JSON columns decoded for 60 rows were a third of
    the checker's time)."""
    rows = (
        Treatment.objects.filter(live=True)
        .select_related("treatment_class")
        .only(
            "slug",
            "name",
            "abbreviation",
            "brand_names",
            "communities",
            "purpose",
            "treatment_class__name",
        )
    )
    return _grouped([t for t in rows if community.slug in t.communities])


def _grouped(treatments: list[Treatment]) -> list[PurposeGroup]:
    labels = dict(Purpose.choices)
    groups: dict[str, list[Treatment]] = {}
    for treatment in sorted(treatments, key=lambda t: t.name.casefold()):
        groups.setdefault(treatment.purpose, []).append(treatment)
    return [
        PurposeGroup(purpose, str(labels.get(purpose, purpose)), groups[purpose])
        for purpose in sorted(groups, key=_purpose_rank)
    ]


def _purpose_rank(purpose: str) -> int:
    return PURPOSE_ORDER.index(purpose) if purpose in PURPOSE_ORDER else len(PURPOSE_ORDER)


@dataclass(frozen=True)
class FactView:
    """A fact row with its citations in words."""

    row: object
    citations: list[CitationView]


@dataclass(frozen=True)
class SourceGroup:
    kind: str
    label: str
    sources: list[Source]


@dataclass
class TreatmentPage:
    treatment: Treatment
    interactions: list[FactView]
    contraindications: list[FactView]
    insight: InsightView
    side_effects: list[FactView] = field(default_factory=list)
    approvals: list[dict] = field(default_factory=list)
    dosing: dict | None = None
    monitoring: list[dict] = field(default_factory=list)
    summary_citations: list[CitationView] = field(default_factory=list)
    sources: list[SourceGroup] = field(default_factory=list)
    review: tuple | None = None  # (reviewer's name, when)
    questions: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    topic_slugs: list[str] = field(default_factory=list)


def treatment_page_for(*, community: Community, slug: str) -> TreatmentPage:
    """Facts, sources, figures and related reading for one live treatment. Raises Http404."""
    treatment = treatment_public_get(community=community, slug=slug)
    topic_slugs = [topic.slug for topic in treatment.topics.all()]
    # The facts about other treatments and conditions come from the cached live knowledge base
    # (clashes.live_knowledge), as the clash check reads them: no query once it is warm.
    live = live_knowledge()
    parties = {treatment.slug, *(f"class:{slug}" for slug in treatment.class_slugs)}
    interactions = [i for i in live.interactions if i.a in parties or i.b in parties]
    contras = _contraindications_of(live, treatment.slug)
    effects = list(treatment.side_effects.all())
    cited = _citations_of(treatment, effects, interactions, contras)
    sources = {slug: live.sources[slug] for slug in slugs_in(cited) if slug in live.sources}
    return TreatmentPage(
        treatment=treatment,
        interactions=[FactView(i, citations_view(i.citations, sources)) for i in interactions],
        contraindications=[FactView(c, citations_view(c.citations, sources)) for c in contras],
        side_effects=[FactView(e, citations_view(e.citations, sources)) for e in effects],
        approvals=[_cited_dict(a, sources) for a in treatment.approvals],
        dosing=_cited_dict(treatment.dosing, sources) if treatment.dosing else None,
        monitoring=[_cited_dict(m, sources) for m in treatment.monitoring],
        summary_citations=citations_view(treatment.citations, sources),
        sources=_source_groups(sources.values()),
        review=treatment.last_review(),
        insight=insight_view(_figures(community, treatment), k=_min_members()),
        topic_slugs=topic_slugs,
        **treatment_reading_for(community=community, topic_slugs=topic_slugs),
    )


def treatment_reading_for(*, community: Community, topic_slugs: list[str]) -> dict[str, list]:
    """Questions members asked and articles on a treatment's topics: read on every request, never
    from a shared copy, so a moderator's hide or an unpublished article is gone at once."""
    return {
        "questions": questions_public_for_topics(
            community=community, topic_slugs=topic_slugs, limit=5
        ),
        "articles": _related_articles(community, topic_slugs),
    }


def _citations_of(treatment, effects, interactions, contras) -> list[list[dict]]:
    cited = [treatment.citations, *(e.citations for e in effects)]
    cited += [a.get("citations", []) for a in treatment.approvals + treatment.monitoring]
    cited += [(treatment.dosing or {}).get("citations", [])]
    return cited + [f.citations for f in interactions + contras]


def _cited_dict(item: dict, sources) -> dict:
    return {**item, "citations": citations_view(item.get("citations", []), sources)}


def _source_groups(sources) -> list[SourceGroup]:
    labels = dict(SourceKind.choices)
    by_kind: dict[str, list[Source]] = {}
    for source in sorted(sources, key=lambda s: s.title.casefold()):
        by_kind.setdefault(source.kind, []).append(source)
    order = [kind.value for kind in SourceKind]
    return [
        SourceGroup(kind, str(labels[kind]), by_kind[kind])
        for kind in sorted(by_kind, key=order.index)
    ]


def treatment_public_get(*, community: Community, slug: str) -> Treatment:
    treatment = (
        Treatment.objects.select_related("treatment_class")
        .prefetch_related("side_effects", "topics")
        .filter(slug=slug, live=True)
        .first()
    )
    if treatment is None or community.slug not in treatment.communities:
        raise Http404
    return treatment


def _contraindications_of(live: LiveKnowledge, slug: str) -> list[Contraindication]:
    rows = [row for (of, _), found in live.contraindications.items() if of == slug for row in found]
    return sorted(rows, key=lambda row: row.position)


def _figures(community, treatment) -> dict:
    insight = TreatmentInsight.objects.filter(community=community, treatment=treatment).first()
    return insight.figures if insight else {}


def _related_articles(community, topic_slugs: list[str]) -> list[dict]:
    """Live articles of this community's site sharing a topic, newest first. One query."""
    if not topic_slugs:
        return []
    rows = _RELATED_ARTICLES.rows(root=community.site.root_page_id, slugs=tuple(topic_slugs))
    return [{"title": row.title, "url": _site_relative(row.url_path)} for row in rows]


def _related_articles_query(*, root: int, slugs: tuple):
    from wagtail.models import Page

    from alongside.articles.models import ArticlePage

    path = Page.objects.filter(pk=root).values("path")[:1]
    return (
        ArticlePage.objects.live()
        .filter(path__startswith=Subquery(path), topics__slug__in=list(slugs))
        .distinct()
        .order_by("-first_published_at")
        .only("title", "url_path", "intro")[:5]
    )


# A treatment's few topic slugs are part of the shape (one per treatment page).
_RELATED_ARTICLES = Prepared(_related_articles_query, root=Int)


def _site_relative(url_path: str) -> str:
    """'/ms-home/resources/heat/' -> '/resources/heat/': drop the site root's own segment."""
    return "/" + "/".join(url_path.strip("/").split("/")[1:]) + "/"


def treatment_member_count(*, community: Community, treatment_slug: str) -> int:
    """Members of the community who take or took the treatment and agreed to be counted."""
    return (
        MemberTreatment.objects.filter(
            counted_in_figures(community=community),
            community=community,
            treatment__slug=treatment_slug,
        )
        .values("user_id")
        .distinct()
        .count()
    )


# Search and checks ---------------------------------------------------------------------------


# What the search matches (the names) and what a result shows.
_SEARCHED = ("slug", "name", "abbreviation", "brand_names", "aliases", "communities")


# This process's copy of the live treatments' names and of the latest searches' results, for
# one version of the live knowledge base: a publish or unpublish makes a new version
# (clashes.live_knowledge_forget), and the next search reads the names again.
_searched: dict = {}
_SEARCHES_KEPT = 256


def treatment_search(*, query: str, limit: int = SEARCH_LIMIT) -> list[Treatment]:
    """Treatments whose generic name, brand, abbreviation or alias matches, typos tolerated.

    The results are shared by every caller of this process for as long as the knowledge
    base's version holds: read them, never change them."""
    query = query.strip().lower()
    if len(query) < 2:
        return []
    version = live_knowledge_version()
    if _searched.get("version") != version:
        _searched.clear()
        _searched.update(version=version, rows=_searchable(), found={})
    found = _searched["found"]
    if (query, limit) not in found:
        if len(found) >= _SEARCHES_KEPT:
            found.clear()
        found[(query, limit)] = _ranked(query, _searched["rows"], limit)
    return list(found[(query, limit)])


def _searchable() -> list[Treatment]:
    """The names and what a result shows, in one query: the facts' JSON columns are most of
    each row and no result shows them."""
    return list(
        Treatment.objects.filter(live=True)
        .select_related("treatment_class")
        .only(*_SEARCHED, "treatment_class__name")
        .order_by("name")
    )


def _ranked(query: str, rows: list[Treatment], limit: int) -> list[Treatment]:
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(query)  # difflib indexes the second sequence once for every name
    scored = [(_score(matcher, query, t), t.name, t) for t in rows]
    return [t for score, _, t in sorted(scored, key=lambda s: (-s[0], s[1])) if score][:limit]


def _names(treatment: Treatment) -> list[str]:
    names = [treatment.name, treatment.abbreviation, *treatment.brand_names, *treatment.aliases]
    return [name.lower() for name in names if name]


def _score(matcher: difflib.SequenceMatcher, query: str, treatment: Treatment) -> float:
    best = 0.0
    for name in _names(treatment):
        if name.startswith(query) or any(w.startswith(query) for w in name.split()):
            return 2.0
        if query in name:
            best = max(best, 1.5)
        best = max(best, _similarity(matcher, name[: len(query) + 1]), _similarity(matcher, name))
    return best


def _similarity(matcher: difflib.SequenceMatcher, name: str) -> float:
    """difflib's ratio when it reaches the cutoff, else 0; the cheap upper bounds first, as
    difflib.get_close_matches does."""
    matcher.set_seq1(name)
    if matcher.real_quick_ratio() < _SEARCH_CUTOFF or matcher.quick_ratio() < _SEARCH_CUTOFF:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _SEARCH_CUTOFF else 0.0


def checker_choices(*, community: Community) -> tuple[list, list[tuple[str, str]]]:
    """(treatments, conditions) a visitor can check: the community's own treatments and common
    co-medications, as choice groups by purpose, then by name."""
    groups = treatment_list_for(community=community)
    treatments = [(g.label, [(t.slug, t.name) for t in g.treatments]) for g in groups]
    conditions = [(c.slug, c.name) for c in all_conditions()]
    return treatments, conditions


def check(*, treatments: list[str], conditions: list[str]) -> list[Clash]:
    return clashes_for(treatments=treatments, conditions=conditions)


# Members' own entries ------------------------------------------------------------------------


@dataclass
class EntryView:
    entry: MemberTreatment
    clashes: list[Clash] = field(default_factory=list)


@dataclass
class MyTreatments:
    entries: list[EntryView]
    clashes: list[Clash]  # each clash once, whichever entries it involves


def my_treatments_for(*, user: User, community: Community) -> MyTreatments:
    """The member's own entries, current first, with the clashes among the current ones."""
    entries = list(
        MemberTreatment.objects.filter(user=user, community=community)
        .select_related("treatment", "report")
        .prefetch_related("report__side_effects")
        .order_by("stopped_on", "-started_on", "-id")
    )
    current = [e.treatment.slug for e in entries if e.is_current]
    clashes = clashes_for(treatments=current, conditions=member_condition_slugs(user=user))
    views = [
        EntryView(e, [c for c in clashes if e.treatment.slug in (c.first_slug, c.second_slug)])
        if e.is_current
        else EntryView(e)
        for e in entries
    ]
    return MyTreatments(views, clashes)


def entry_get_for(*, viewer: User, pk: int, community: Community) -> MemberTreatment:
    """The viewer's own entry in this community, else Http404."""
    entry = (
        MemberTreatment.objects.select_related("treatment", "report")
        .prefetch_related("report__side_effects")
        .filter(pk=pk, user_id=getattr(viewer, "pk", None) or 0, community=community)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def profile_treatments_for(
    *,
    viewer: User | AnonymousUser,
    owner_public_id: UUID | str,
    community: Community,
    preview: str | None = None,
) -> list[MemberTreatment] | None:
    """The owner's entries this viewer may see; None when the owner is not a member here."""
    owner = _ACTIVE_MEMBER.first(public_id=owner_public_id, community=community.pk)
    if owner is None:
        return None
    relation = relation_between(viewer=viewer, owner=owner, community=community)
    if relation.is_owner and preview in PREVIEWS:
        relation = Relation(False, is_member=preview != "visitor", is_teammate=preview == "team")
    audiences = tuple(audiences_seen_by(relation))  # a handful of lists: each its own shape
    return _PROFILE_ENTRIES.rows(user=owner.pk, community=community.pk, audiences=audiences)


# A profile reads both on every view: their SQL is built once per process (core/prepared.py).
_ACTIVE_MEMBER = Prepared(
    lambda *, public_id, community: User.objects.filter(
        public_id=public_id, is_active=True, memberships__community_id=community
    ).order_by("pk")[:1],
    public_id=Uuid,
    community=Int,
)
_PROFILE_ENTRIES = Prepared(
    lambda *, user, community, audiences: (
        MemberTreatment.objects.filter(user_id=user, community_id=community, audience__in=audiences)
        .select_related("treatment")
        .order_by("stopped_on", "-started_on", "-id")
    ),
    user=Int,
    community=Int,
)


def stop_reason_label(code: str) -> str:
    return str(StopReason(code).label) if code in StopReason.values else code


def condition_name(slug: str) -> str:
    known = conditions_by_slug()
    return known[slug].name if slug in known else slug


def treatment_any_get(*, slug: str) -> Treatment:
    """Any treatment in the knowledge base (a member may take one from another community)."""
    treatment = (
        Treatment.objects.prefetch_related("side_effects").filter(slug=slug, live=True).first()
    )
    if treatment is None:
        raise Http404
    return treatment


def people_on_your_treatments(viewer: User, community: Community, excluded: Q, limit: int) -> dict:
    """For "people like you" (teams.suggestions): members currently on a treatment the viewer
    is on, from entries shared with members (team entries stay out: teammates are never
    suggested, so no one else may see them)."""
    current = MemberTreatment.objects.filter(stopped_on__isnull=True, community=community)
    mine = current.filter(user=viewer).values("treatment_id")
    rows = (
        current.filter(
            treatment_id__in=mine,
            audience__in=audiences_seen_by(ANY_MEMBER),
            user__is_active=True,
            user__memberships__community=community,
        )
        .exclude(excluded)
        .select_related("user__profile", "treatment")
        .order_by("-started_on", "-id")[: limit * 2]
    )
    return {
        row.user_id: (row.user, _("Also takes %(treatment)s") % {"treatment": row.treatment.name})
        for row in rows
    }


def warnings_before_adding(
    *, user: User, community: Community, treatment: str = "", conditions: Sequence[str] = ()
) -> list[Clash]:
    """What the member would be warned about on adding this treatment and these conditions to
    their current list here, before saving anything (the API's pre-check)."""
    current = MemberTreatment.objects.filter(user=user, community=community, stopped_on=None)
    slugs = list(current.values_list("treatment__slug", flat=True))
    have = member_condition_slugs(user=user)
    found = []
    if treatment and treatment not in slugs:
        found += clashes_adding(treatment=treatment, current=slugs, conditions=have)
    added = [slug for slug in dict.fromkeys(conditions) if slug not in have]
    return found + clashes_with_conditions(treatments=slugs, added=added)


def condition_clashes_for(*, user: User, community: Community, added: list[str]) -> list[Clash]:
    """Clashes the member's current treatments here would have with conditions being added."""
    current = MemberTreatment.objects.filter(user=user, community=community, stopped_on=None)
    slugs = list(current.values_list("treatment__slug", flat=True))
    return clashes_with_conditions(treatments=slugs, added=added)


# Source audit ------------------------------------------------------------------------------


@dataclass
class SourceAudit:
    facts: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    unverified_facts: int = 0
    unverified_sources: int = 0
    sources: int = 0
    sources_unverified: int = 0
    unaccepted: list[str] = field(default_factory=list)


def source_audit() -> SourceAudit:
    """Every live fact (side effect, interaction, contraindication, dose, approval, monitoring)
    by the kinds of source it cites; a fact with no accepted source is listed."""
    sources = {s.slug: s for s in Source.objects.filter(live=True)}
    audit = SourceAudit(
        by_kind={kind.value: 0 for kind in SourceKind},
        sources=len(sources),
        sources_unverified=sum(s.unverified for s in sources.values()),
    )
    for name, citations, unverified in _live_facts():
        cited = [sources[c["source"]] for c in citations if c.get("source") in sources]
        audit.facts += 1
        for kind in {source.kind for source in cited}:
            audit.by_kind[kind] += 1
        audit.unverified_facts += bool(unverified)
        audit.unverified_sources += any(source.unverified for source in cited)
        if not any(source.kind in ACCEPTED_SOURCE_KINDS for source in cited):
            audit.unaccepted.append(name)
    return audit


def _live_facts():
    """(name, citations, unverified) for every fact of the live knowledge base."""
    treatments = Treatment.objects.filter(live=True)
    for t in treatments:
        for item in t.approvals:
            yield f"{t.name}: approval", item.get("citations", []), item.get("unverified")
        for item in t.monitoring:
            yield f"{t.name}: monitoring", item.get("citations", []), item.get("unverified")
        if t.dosing:
            yield f"{t.name}: dosing", t.dosing.get("citations", []), t.dosing.get("unverified")
    effects = SideEffect.objects.filter(treatment__live=True).select_related("treatment")
    for e in effects:
        yield f"{e.treatment.name}: side effect {e.name}", e.citations, e.unverified
    for i in Interaction.objects.filter(live=True):
        yield f"interaction {i.a_name} + {i.b_name}", i.citations, i.unverified
    contras = Contraindication.objects.filter(live=True).select_related("treatment")
    for c in contras:
        name = f"contraindication {c.treatment.name} with {c.condition_name}"
        yield name, c.citations, c.unverified


# A member's home -----------------------------------------------------------------------------


@dataclass
class TreatmentNews:
    """What changed around the member's current treatments: figures refreshed since their
    last visit (only those resting on at least k members) and the clashes among them."""

    figures: list[Treatment]
    clashes: list[Clash]
    has_treatments: bool


def topics_of_member(*, user: int, community: int) -> QuerySet[Any, Any]:
    """The topics of the member's current treatments (user and community ids), as a
    subquery of topic ids."""
    return Treatment.topics.through.objects.filter(
        treatment__entries__user_id=user,
        treatment__entries__community_id=community,
        treatment__entries__stopped_on=None,
    ).values("topic_id")


def _current_entries_query(*, user: int, community: int):
    insights = TreatmentInsight.objects.filter(
        community_id=community, treatment=OuterRef("treatment")
    )
    return (
        MemberTreatment.objects.filter(user_id=user, community_id=community, stopped_on=None)
        .select_related("treatment")
        # The home names each treatment and links to it: not its facts' JSON columns.
        .only("treatment", "treatment__slug", "treatment__name")
        .annotate(
            insight_at=Subquery(insights.values("computed_at")[:1]),
            insight_members=Subquery(insights.values("member_count")[:1]),
        )
        .order_by("treatment__name")
    )


_CURRENT_ENTRIES = Prepared(_current_entries_query, user=Int, community=Int)


def treatment_news_for(*, viewer: User, community: Community, since: datetime) -> TreatmentNews:
    """Two queries: the member's current entries (with their insight's date and size) and
    their conditions; the clash check runs on the in-memory knowledge base."""
    entries = _CURRENT_ENTRIES.rows(user=viewer.pk, community=community.pk)
    figures = [
        entry.treatment
        for entry in entries
        if entry.insight_at
        and entry.insight_at > since
        and (entry.insight_members or 0) >= _min_members()
    ]
    conditions = member_condition_slugs(user=viewer) if entries else []
    clashes = check(treatments=[e.treatment.slug for e in entries], conditions=conditions)
    return TreatmentNews(
        figures=figures, clashes=_worst_per_pair(clashes), has_treatments=bool(entries)
    )


def _worst_per_pair(clashes: list[Clash]) -> list[Clash]:
    """One line per pair (sources may list a pair twice); `clashes` comes worst first."""
    seen: dict[tuple[str, str], Clash] = {}
    for clash in clashes:
        seen.setdefault((clash.first_slug, clash.second_slug), clash)
    return list(seen.values())
