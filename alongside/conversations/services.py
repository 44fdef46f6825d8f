"""Every write to updates, pictures, comments and reactions.

An update needs text or at least one picture. Pictures live in another table, so no database
constraint can say so: `update_create` and `update_edit` enforce it (and the form mirrors it).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from alongside.accounts.models import User
from alongside.communities.models import Community
from alongside.conversations import tasks
from alongside.conversations.models import (
    Comment,
    Reaction,
    ReactionKind,
    Update,
    UpdateAudience,
    UpdateDraft,
    UpdatePicture,
)
from alongside.core.images import image_clean
from alongside.core.models import Visibility
from alongside.core.pagecache import page_cache_purge
from alongside.core.tasks import enqueue_on_commit
from alongside.moderation import policy
from alongside.moderation.services import crisis_screen

if TYPE_CHECKING:
    from alongside.questions.models import Answer

MAX_PICTURES = 4
FEED_SIDE = 800


@dataclass(frozen=True)
class CleanPicture:
    """A picture that went through image_clean, with its feed rendition. Only
    `picture_prepare` makes these, so nothing unclean reaches `update_create`."""

    full: ContentFile
    feed: ContentFile
    alt_text: str


def picture_prepare(*, upload: UploadedFile, alt_text: str = "") -> CleanPicture:
    """Clean an upload (raises ValidationError with a member-facing reason) and render it."""
    full = image_clean(upload)
    return CleanPicture(full=full, feed=_rendition(full, FEED_SIDE), alt_text=alt_text.strip())


def _rendition(clean: ContentFile, side: int) -> ContentFile:
    clean.seek(0)
    with Image.open(clean) as image:
        image.thumbnail((side, side))
        out = io.BytesIO()
        kind = "PNG" if (clean.name or "").endswith(".png") else "JPEG"
        image.save(out, format=kind, optimize=True, **({"quality": 82} if kind == "JPEG" else {}))
    clean.seek(0)
    return ContentFile(out.getvalue(), name=clean.name)


def _require_content(body: str, picture_count: int) -> None:
    if not body.strip() and picture_count == 0:
        raise ValidationError(
            _("Write something or add a picture: an update needs at least one of them."),
            code="empty",
        )
    if picture_count > MAX_PICTURES:
        raise ValidationError(
            _("You can add up to %(max)s pictures to one update.") % {"max": MAX_PICTURES},
            code="too_many_pictures",
        )


@transaction.atomic
def update_create(
    *,
    author: User,
    community: Community,
    body: str = "",
    audience: str = UpdateAudience.MEMBERS,
    pictures: Iterable[CleanPicture] = (),
    quote_consent: bool = False,
) -> Update:
    """Post an update; pictures are CleanPicture objects from `picture_prepare`."""
    pictures = list(pictures)
    _require_content(body, len(pictures))
    policy.post_check(user=author, community=community, action="update", text=body)
    update = Update.objects.create(
        community=community,
        author=author,
        body=body.strip(),
        audience=UpdateAudience(audience),
        visibility=policy.initial_visibility_for(user=author, community=community),
        quote_consent_at=timezone.now() if quote_consent else None,
    )
    _pictures_add(update, pictures)
    draft_clear(user=author, community=community)
    update.crisis = crisis_screen(text=body, user=author, community=community, target=update)
    return update


def _quote_source_changed(post: Update | Comment, *, consent_changed: bool = False) -> None:
    """Articles quote consenting posts, read at every view, and visitors' pages are cached:
    a change to a quotable post, or to its consent, purges the cached pages once committed."""
    if post.quote_consent_at is not None or consent_changed:
        transaction.on_commit(page_cache_purge)


def _pictures_add(update: Update, pictures: list[CleanPicture], start: int = 0) -> None:
    for position, picture in enumerate(pictures, start=start):
        if not isinstance(picture, CleanPicture):
            raise TypeError("pictures must come from picture_prepare")
        row = UpdatePicture(update=update, alt_text=picture.alt_text, position=position)
        row.image.save(picture.full.name, picture.full, save=False)
        row.feed_image.save(picture.feed.name, picture.feed, save=False)
        row.save()


@transaction.atomic
def update_edit(
    *,
    update: Update,
    editor: User,
    body: str,
    audience: str,
    remove_picture_ids: Iterable[int] = (),
    pictures: Iterable[CleanPicture] = (),
    quote_consent: bool | None = None,
) -> Update:
    """The author changes text, audience, pictures or quote consent (None leaves it as it is);
    text or a picture must remain."""
    if update.author_id != editor.pk:
        raise ValidationError(_("Only the author can change this update."), code="not_author")
    keep = update.pictures.exclude(pk__in=list(remove_picture_ids))
    pictures = list(pictures)
    _require_content(body, keep.count() + len(pictures))
    policy.links_refuse(user=editor, community=update.community, text=body)
    _pictures_delete(update.pictures.filter(pk__in=list(remove_picture_ids)))
    _pictures_add(update, pictures, start=keep.count() + 1)
    update.body = body.strip()
    update.audience = UpdateAudience(audience)
    update.edited_at = timezone.now()
    if quote_consent is not None:
        _consent_apply(update, quote_consent)
    update.save(update_fields=["body", "audience", "edited_at", "quote_consent_at", "updated_at"])
    _quote_source_changed(update, consent_changed=True)
    return update


def _consent_apply(post, consent: bool) -> None:
    """Keep the first moment of consent while it lasts; taking it back clears it."""
    if not consent:
        post.quote_consent_at = None
    elif post.quote_consent_at is None:
        post.quote_consent_at = timezone.now()


def quote_consent_set(*, post: Update | Comment, member: User, consent: bool) -> None:
    """The author lets editors quote their update or comment anonymously, or takes it back.

    A quote shows the post as it is at each view, so taking consent back removes it from
    the library at once.
    """
    if post.author_id != member.pk:
        raise ValidationError(_("Only the author can decide about quoting."), code="not_author")
    _consent_apply(post, consent)
    post.save(update_fields=["quote_consent_at", "updated_at"])
    _quote_source_changed(post, consent_changed=True)


def _pictures_delete(pictures) -> None:
    for picture in list(pictures):
        picture.image.delete(save=False)
        picture.feed_image.delete(save=False)
        picture.delete()


@transaction.atomic
def update_delete(*, update: Update, by: User) -> None:
    if update.author_id != by.pk:
        raise ValidationError(_("Only the author can delete this update."), code="not_author")
    _update_remove(update)


def _update_remove(update: Update) -> None:
    # Its comments go with it: one of them quoted in an article leaves cached pages too.
    quoted = update.comments.filter(quote_consent_at__isnull=False).exists()
    _pictures_delete(update.pictures.all())
    update.delete()
    _quote_source_changed(update, consent_changed=quoted)


def update_visibility_set(*, update: Update, visibility: str) -> Update:
    """For the moderation queue: publish, hide or reject an update."""
    update.visibility = Visibility(visibility)
    update.save(update_fields=["visibility", "updated_at"])
    _quote_source_changed(update)
    return update


def _counter_field(kind: str) -> str:
    return {ReactionKind.HUG: "hug_count", ReactionKind.LIKE: "like_count"}[ReactionKind(kind)]


@transaction.atomic
def reaction_toggle(
    *, user: User, kind: str, update: Update | None = None, answer: Answer | None = None
) -> bool:
    """Add the member's hug or like to an update or answer, or take it back. True if now on."""
    target: dict[str, Update | Answer]
    if update is not None:
        target, community = {"update": update}, update.community
    elif answer is not None:
        target, community = {"answer": answer}, answer.question.community
    else:
        raise ValueError("react to an update or an answer")
    policy.member_require(user=user, community=community)
    # Adding is the common case: try it first; the unique constraint says when it is there.
    try:
        with transaction.atomic():
            reaction = Reaction.objects.create(user=user, kind=kind, community=community, **target)
    except IntegrityError:
        _reaction_remove(user=user, kind=kind, target=target, update_id=getattr(update, "pk", None))
        return False
    _count(update, kind, +1)
    if kind == ReactionKind.HUG:
        enqueue_on_commit(tasks.notify_hug, reaction.pk)
    return True


def _reaction_remove(*, user, kind: str, target: dict, update_id: int | None) -> None:
    """Take one hug or like back, lowering its counter: the one path for a member taking it
    back and for erasure."""
    Reaction.objects.filter(user=user, kind=kind, **target).delete()
    if update_id is not None:
        _counter_add(update_id, _counter_field(kind), -1)


def _count(update: Update | None, kind: str, step: int) -> None:
    if update is not None:
        _counter_add(update.pk, _counter_field(kind), step)


def _counter_add(update_id: int, field: str, step: int) -> None:
    """Counters are kept on write, in the database (no read-modify-write), never below 0."""
    Update.objects.filter(pk=update_id, **{f"{field}__gte": max(0, -step)}).update(
        **{field: F(field) + step}
    )


@transaction.atomic
def comment_create(
    *,
    author: User,
    update: Update | None = None,
    answer: Answer | None = None,
    body: str,
    quote_consent: bool = False,
) -> Comment:
    """Comment on an update or an answer (exactly one). The caller checked the author sees it."""
    if update is not None and answer is None:
        community = update.community
    elif answer is not None and update is None:
        community = answer.question.community
    else:
        raise ValueError("comment on exactly one of update or answer")
    if not body.strip():
        raise ValidationError(_("Write a comment first."), code="empty")
    policy.post_check(user=author, community=community, action="comment", text=body)
    comment = Comment.objects.create(
        community=community,
        author=author,
        update=update,
        answer=answer,
        body=body.strip(),
        visibility=policy.initial_visibility_for(user=author, community=community),
        quote_consent_at=timezone.now() if quote_consent else None,
    )
    if comment.visibility == Visibility.PUBLISHED:
        _comment_published(comment)
    comment.crisis = crisis_screen(text=body, user=author, community=community, target=comment)
    return comment


def _comment_published(comment: Comment) -> None:
    """A comment others can now see: count it on its update and tell the parent's author
    (once: the notification's dedupe key is the comment's)."""
    _comment_count(comment, +1)
    enqueue_on_commit(tasks.notify_comment, comment.pk)


def _comment_count(comment: Comment, step: int) -> None:
    """comment_count counts published comments only."""
    if comment.update_id:
        _counter_add(comment.update_id, "comment_count", step)


@transaction.atomic
def comment_delete(*, comment: Comment, by: User) -> None:
    if comment.author_id != by.pk:
        raise ValidationError(_("Only the author can delete this comment."), code="not_author")
    _comment_remove(comment)


def _comment_remove(comment: Comment) -> None:
    if comment.visibility == Visibility.PUBLISHED:
        _comment_count(comment, -1)
    comment.delete()
    _quote_source_changed(comment)


@transaction.atomic
def comment_visibility_set(*, comment: Comment, visibility: str) -> Comment:
    """For the moderation queue: publish (approve, restore), hide or reject a comment,
    keeping the update's count of published comments right."""
    was_published = comment.visibility == Visibility.PUBLISHED
    comment.visibility = Visibility(visibility)
    comment.save(update_fields=["visibility", "updated_at"])
    _quote_source_changed(comment)
    now_published = comment.visibility == Visibility.PUBLISHED
    if now_published and not was_published:
        _comment_published(comment)
    elif was_published and not now_published:
        _comment_count(comment, -1)
    return comment


def draft_save(*, user: User, community: Community, body: str) -> UpdateDraft:
    """Keep what the member is typing, so a lost connection or a tired hand loses nothing."""
    policy.member_require(user=user, community=community)
    draft, _created = UpdateDraft.objects.update_or_create(
        user=user, community=community, defaults={"body": body[:5000]}
    )
    return draft


def draft_clear(*, user: User, community: Community) -> None:
    UpdateDraft.objects.filter(user=user, community=community).delete()


@transaction.atomic
def member_content_erase(*, user: User, keep_posts: bool) -> None:
    """Erasure (core.privacy): the member's hugs and likes are taken back, and their updates
    and comments anonymised (consent to be quoted withdrawn) or deleted, each through the
    paths that keep every counter right."""
    for reaction in Reaction.objects.filter(user=user):
        target = {"update_id": reaction.update_id, "answer_id": reaction.answer_id}
        _reaction_remove(user=user, kind=reaction.kind, target=target, update_id=reaction.update_id)
    updates = Update.objects.filter(author=user)
    comments = Comment.objects.filter(author=user)
    if keep_posts:
        quoted = updates.filter(quote_consent_at__isnull=False).exists()
        quoted |= comments.filter(quote_consent_at__isnull=False).exists()
        updates.update(author=None, quote_consent_at=None)
        comments.update(author=None, quote_consent_at=None)
        if quoted:
            transaction.on_commit(page_cache_purge)
        return
    for comment in comments:
        _comment_remove(comment)
    for update in updates:
        _update_remove(update)
