"""Citations as members read them: "US prescribing information for Gilenya, section 4".

Facts keep their citations as ``[{"source": <slug>, "section": <text>}]``; this module turns them
into words and links from the live Source rows, in one query per page or check.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from alongside.treatments.models import Source, SourceKind


@dataclass(frozen=True)
class CitationView:
    label: str  # the document in words, with the section
    url: str
    kind: str
    unverified: bool  # the document's identity or revision could not all be confirmed


def slugs_in(citation_lists: Iterable[list[dict]]) -> set[str]:
    return {c.get("source", "") for citations in citation_lists for c in citations or []}


def sources_by_slug(slugs: Iterable[str]) -> dict[str, Source]:
    """The live sources among these slugs (a draft source is not shown to members)."""
    return {s.slug: s for s in Source.objects.filter(live=True, slug__in=set(slugs))}


def citations_view(citations: list[dict], sources: dict[str, Source]) -> list[CitationView]:
    views = []
    for citation in citations or []:
        source = sources.get(citation.get("source", ""))
        if source is not None:
            views.append(_view(source, citation.get("section", "")))
    return views


def _view(source: Source, section: str) -> CitationView:
    label = document_label(source)
    if section:
        label = _("%(document)s, section %(section)s") % {"document": label, "section": section}
    return CitationView(label, source.url, source.kind, source.unverified)


def document_label(source: Source) -> str:
    """The document in words, without the section."""
    if source.kind == SourceKind.REGULATOR:
        return _regulator_label(source)
    if source.kind == SourceKind.STUDY:
        return _("Study: %(name)s") % {"name": source.product or source.title}
    if source.kind == SourceKind.GUIDELINE:
        return _("%(holder)s: %(title)s") % {
            "holder": source.product or source.holder,
            "title": source.title,
        }
    return source.title


def _regulator_label(source: Source) -> str:
    names = {
        "us": _("US prescribing information"),
        "eu": _("EU summary of product characteristics"),
        "uk": _("UK summary of product characteristics"),
    }
    if source.region not in names or "communication" in source.product.lower():
        return f"{source.product}: {source.title}" if source.product else source.title
    return _("%(document)s for %(product)s") % {
        "document": names[source.region],
        "product": source.product,
    }
