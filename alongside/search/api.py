from django.urls import reverse
from ninja import Router, Schema

from alongside.core.schemas import example
from alongside.search.selectors import search_for

router = Router(tags=["search"])


class Hit(Schema):
    model_config = example(
        {"kind": "question", "title": "How do you pace a walk?", "url": "/questions/96/"}
    )

    kind: str
    title: str
    url: str


@router.get("", response=list[Hit], auth=None)
def search(request, q: str = ""):
    """Articles, question titles and treatments for anyone; updates only for members, and
    only those their audience allows."""
    found = search_for(viewer=request.user, community=request.community, query=q)
    hits = [Hit(kind="article", title=a.title, url=a.url) for a in found.articles]
    hits += [Hit(kind="question", title=q.title, url=q.get_absolute_url()) for q in found.questions]
    hits += [
        Hit(kind="treatment", title=t.name, url=reverse("treatments:detail", args=[t.slug]))
        for t in found.treatments
    ]
    hits += [
        Hit(kind="update", title=u.body[:120], url=reverse("conversations:update", args=[u.pk]))
        for u in found.updates
    ]
    return hits
