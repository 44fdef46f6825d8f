"""Loads the demo library from alongside/demo/content/ (YAML written for the demo). Idempotent."""

import datetime
import io
import re
from pathlib import Path

import nh3
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images.models import Image
from wagtail.models import Collection, TaskState, WorkflowState

from alongside.articles.models import (
    ArticleComment,
    ArticlePage,
    MemberQuote,
    PersonPage,
    ResourcesPage,
)
from alongside.articles.services import review_workflow_ensure
from alongside.conversations.models import Update
from alongside.conversations.services import update_create, update_visibility_set
from alongside.core.models import Visibility
from alongside.core.services import topics_ensure
from alongside.demo.accounts import reviewer_accounts_ensure
from alongside.questions.models import Question
from alongside.questions.services import answer_create, question_create

CONTENT = Path(settings.BASE_DIR) / "alongside" / "demo" / "content"
_ALLOWED_TAGS = {"b", "i", "a", "p", "sup"}
_LINK = re.compile(r"\[([^\]^][^\]]*)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def demo_articles_step(*, communities, stdout, content: Path = CONTENT) -> None:
    _root_collection_ensure()
    libraries = [library_ensure(community) for community in communities]
    workflow = review_workflow_ensure(libraries=libraries)
    reviewers = reviewer_accounts_ensure()
    people = _load(content / "people.yaml") or []
    for community, library in zip(communities, libraries, strict=True):
        persons = {spec["slug"]: person_ensure(library, spec, reviewers) for spec in people}
        folder = content / "articles" / community.slug
        files = sorted(folder.glob("*.yaml")) if folder.exists() else []
        for path in files:
            article_ensure(library, community, _load(path), persons, workflow)
        stdout.write(f"{community.name}: {len(files)} articles, {len(persons)} people")
    questions_ensure(communities, _load(content / "questions.yaml") or [])
    comments_ensure(communities, _load(content / "comments.yaml") or [])


def _load(path: Path):
    return yaml.safe_load(path.read_text()) if path.exists() else None


def library_ensure(community) -> ResourcesPage:
    home = community.site.root_page.specific
    library = ResourcesPage.objects.child_of(home).first()
    if library is None:
        library = home.add_child(
            instance=ResourcesPage(
                title="Resources",
                slug="library",
                intro="<p>Articles written in plain language and checked by a physician.</p>",
            )
        )
    return library


def person_ensure(library: ResourcesPage, spec: dict, reviewers: dict) -> PersonPage:
    person = PersonPage.objects.child_of(library).filter(slug=spec["slug"]).first()
    if person is None:
        person = library.add_child(
            instance=PersonPage(
                title=spec["name"],
                slug=spec["slug"],
                credentials=spec.get("credentials", ""),
                role=spec.get("role", "writer"),
                bio=spec.get("bio", ""),
            )
        )
    account = reviewers.get(spec["slug"])
    if account is not None and person.user_id is None:
        person.user = account
        person.save_revision().publish()
    return person


def article_ensure(library, community, spec: dict, persons: dict, workflow) -> ArticlePage:
    existing = ArticlePage.objects.child_of(library).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    sources = spec.get("sources") or []
    article = ArticlePage(
        title=spec["title"],
        slug=spec["slug"],
        intro=" ".join(spec.get("intro", "").split()),
        category=spec.get("category", "living-with"),
        writer=persons.get(spec.get("writer")),
        hero_image=hero_image(spec["title"], spec.get("hero_colour", "#2f6f8f"), spec["hero_alt"]),
        body=_body(spec.get("body", []), community),
        sources=[("source", _source(source)) for source in sources],
        first_published_at=_when(spec.get("published")),
        last_significant_update=spec.get("updated") or spec.get("published"),
        live=False,
    )
    library.add_child(instance=article)
    article.topics.set(topics_ensure(slugs_or_names=spec.get("topics", [])))
    revision = article.save_revision()
    reviewer = persons[spec["reviewer"]].user
    when = _when(spec.get("updated") or spec.get("published")) or timezone.now()
    _past_approval_record(workflow, article, revision, reviewer=reviewer, when=when)
    revision.publish()
    return article


def _past_approval_record(workflow, article, revision, *, reviewer, when) -> None:
    """The demo's articles were reviewed before the demo existed: record each review in
    Wagtail's own workflow tables, by the reviewer named in the YAML, so publishing reads
    the reviewer and date from there as it does for every article."""
    state = WorkflowState.objects.create(
        workflow=workflow,
        content_type=article.get_content_type(),
        base_content_type=article.get_base_content_type(),
        object_id=str(article.pk),
        status=WorkflowState.STATUS_APPROVED,
    )
    task = workflow.tasks.first()
    TaskState.objects.filter(
        pk=TaskState.objects.create(
            workflow_state=state,
            revision=revision,
            task=task,
            status=TaskState.STATUS_APPROVED,
            finished_by=reviewer,
        ).pk
    ).update(started_at=when, finished_at=when)


def _when(value) -> datetime.datetime | None:
    if not value:
        return None
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(9)))


def _source(source: dict) -> dict:
    return {key: source.get(key, "") for key in ("key", "title", "publisher", "url")}


def inline_html(text: str) -> str:
    """Markdown-ish **bold** and [links](url) to safe HTML; [^key] markers stay for rendering."""
    text = " ".join(str(text).split())
    text = _BOLD.sub(r"<b>\1</b>", text)
    text = _LINK.sub(r'<a href="\2">\1</a>', text)
    return nh3.clean(text, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel=None)


def _body(blocks: list[dict], community) -> list[tuple[str, object]]:
    """The article's blocks; a member quote is left out when no demo member can have said it."""
    built = [_block(block, community) for block in blocks]
    return [block for block in built if block is not None]


def _block(block: dict, community) -> tuple[str, object] | None:
    kind = block["type"]
    if kind == "heading":
        return "heading", block["text"]
    if kind == "paragraph":
        return "paragraph", f"<p>{inline_html(block['text'])}</p>"
    if kind == "list":
        items = [inline_html(item) for item in block.get("items", [])]
        return "list", {"style": block.get("style", "bullet"), "items": items}
    if kind == "callout":
        text = f"<p>{inline_html(block['text'])}</p>"
        return "callout", {
            "tone": block.get("tone", "info"),
            "title": block.get("title", ""),
            "text": text,
        }
    if kind == "table":
        return "table", {key: block.get(key, default) for key, default in _TABLE.items()}
    if kind == "member_quote":
        quote = _quote(block, community)
        return ("member_quote", {"quote": quote}) if quote else None
    if kind == "community_figure":
        return "community_figure", {k: block.get(k, "") for k in ("kind", "subject", "text")}
    return "cta", {"text": block.get("text", "")}


_TABLE = {"caption": "", "header": [], "rows": [], "source": ""}


def _quote(block: dict, community) -> MemberQuote | None:
    """A quote of a real update, posted by a demo member who agreed to be quoted."""
    text = " ".join(block.get("fallback", "").split())
    update = Update.objects.filter(community=community, body=text).first()
    if update is None:
        update = _quoted_update_create(community, text)
    if update is None:
        return None
    quote = MemberQuote.objects.filter(update=update).first()
    return quote or MemberQuote.objects.create(community=community, update=update)


# Demo members 5, 6, ... each say one quoted thing (1-4 post in the network demo).
_FIRST_QUOTING_MEMBER = 5


def _quoted_update_create(community, text: str) -> Update | None:
    number = _FIRST_QUOTING_MEMBER + MemberQuote.objects.filter(community=community).count()
    author = _demo_member(community, number)
    if author is None:
        return None
    update = update_create(author=author, community=community, body=text, quote_consent=True)
    return update_visibility_set(update=update, visibility=Visibility.PUBLISHED)


def hero_image(title: str, colour: str, alt: str) -> Image:
    """A calm abstract gradient in the article's colour, stored as a Wagtail image."""
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    _root_collection_ensure()
    out = io.BytesIO()
    _gradient(colour).save(out, format="JPEG", quality=82)
    image = Image(title=title, description=alt)
    image.file = ImageFile(out, name=f"hero-{abs(hash(title)) % 10**8}.jpg")
    image.save()
    return image


def _root_collection_ensure() -> None:
    """Wagtail's migration makes the root collection; a flushed test database has none."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")


def _gradient(colour: str, size=(1200, 600)) -> PillowImage.Image:
    base = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    light = tuple(min(255, c + (255 - c) * 3 // 4) for c in base)
    picture = PillowImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    width, height = size
    for x in range(width):
        share = x / width
        draw.line([(x, 0), (x, height)], fill=_mix(light, base, share * 0.8))
    for i, (cx, cy, r) in enumerate(((0.25, 0.7, 260), (0.7, 0.3, 200), (0.85, 0.8, 150))):
        tone = _mix(base, (255, 255, 255), 0.35 + 0.15 * i)
        box = (cx * width - r, cy * height - r, cx * width + r, cy * height + r)
        draw.ellipse(box, fill=tone)
    return picture.filter(ImageFilter.GaussianBlur(60))


def _mix(a, b, share: float) -> tuple:
    return tuple(int(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def _demo_member(community, number: int):
    email = f"member{number}@{community.slug}.members.demo.alongside.localhost"
    return get_user_model().objects.filter(email=email).first()


def questions_ensure(communities, specs: list[dict]) -> None:
    by_slug = {community.slug: community for community in communities}
    for index, spec in enumerate(specs):
        community = by_slug.get(spec.get("community", "ms"))
        if (
            community is None
            or Question.objects.filter(community=community, title=spec["title"]).exists()
        ):
            continue
        question = question_create(
            author=_demo_member(community, 10 + index),
            community=community,
            title=spec["title"],
            body=spec.get("body", ""),
            topics=spec.get("topics", []),
        )
        for number, answer in enumerate(spec.get("answers", [])):
            answer_create(
                author=_demo_member(community, 40 + number), question=question, body=answer["body"]
            )
        ago = timezone.now() - datetime.timedelta(days=spec.get("days_ago", 1))
        Question.objects.filter(pk=question.pk).update(created_at=ago)


def comments_ensure(communities, specs: list[dict]) -> None:
    for index, spec in enumerate(specs):
        article = ArticlePage.objects.filter(slug=spec["article"]).first()
        text = " ".join(spec.get("body", "").split())
        if article is None or ArticleComment.objects.filter(article=article, text=text).exists():
            continue
        community = next(c for c in communities if article.path.startswith(c.site.root_page.path))
        comment = ArticleComment.objects.create(
            article=article,
            community=community,
            author=_demo_member(community, 80 + index),
            text=text,
            visibility=Visibility.PUBLISHED,
        )
        ago = timezone.now() - datetime.timedelta(days=spec.get("days_ago", 1))
        ArticleComment.objects.filter(pk=comment.pk).update(created_at=ago)
