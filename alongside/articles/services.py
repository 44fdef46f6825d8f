from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Revision, TaskState, Workflow, WorkflowPage, WorkflowTask

from alongside.accounts.models import User
from alongside.articles.models import (
    ArticleComment,
    ArticlePage,
    Guest,
    MedicalReviewTask,
    ResourcesPage,
)
from alongside.articles.roles import REVIEWERS, staff_roles_apply
from alongside.articles.selectors import review_approval_for, reviewer_person_for
from alongside.communities.models import Community
from alongside.core import ratelimits
from alongside.core.addresses import base_url_for
from alongside.core.links import signed_link_load
from alongside.core.mail import window_key
from alongside.core.models import Visibility
from alongside.core.moderation import GuestIdentity
from alongside.core.pagecache import page_cache_purge
from alongside.core.tasks import enqueue_on_commit
from alongside.moderation import policy
from alongside.moderation.services import crisis_screen

GUEST_LINK_SALT = "articles.guest-confirm"
GUEST_LINK_MAX_AGE = 2 * 24 * 3600
PUBLISH_THROUGH_REVIEW = gettext_lazy(
    "Articles go live when a medical reviewer approves them. Submit it for review."
)
REVIEW_TASK_NAME, WORKFLOW_NAME = "Medical review", "Medical review"


class ReviewRequired(PermissionDenied):
    """An article revision without a medical reviewer's approval cannot go live."""


def review_stamp(*, revision: Revision) -> None:
    """Write the approval recorded for this very revision (its reviewer's people page and
    the date) into it before it goes live. Raises ReviewRequired when there is none.

    Nothing an editor or an autosave writes counts: the fields are set from the TaskState.
    """
    approval = review_approval_for(revision=revision)
    page = revision.as_object()
    person = reviewer_person_for(user=approval.finished_by, page=page) if approval else None
    if approval is None or person is None:
        raise ReviewRequired(PUBLISH_THROUGH_REVIEW)
    content = revision.content
    content["reviewer"] = person.pk
    content["last_reviewed_at"] = approval.finished_at.isoformat()
    content["reviewed_revision"] = revision.pk
    if content.get("significant_update") or not content.get("last_significant_update"):
        content["last_significant_update"] = timezone.localdate(approval.finished_at).isoformat()
    content["significant_update"] = False
    revision.save(update_fields=["content"])


def review_approval_prepare(*, task_state: TaskState, reviewer: User) -> None:
    """Before an approval is recorded: a reviewer who corrected the draft while reviewing
    approves their own corrected version; anyone else's later edit waits for its own review."""
    latest = task_state.revision.content_object.get_latest_revision()
    own_correction = (
        latest is not None
        and latest.pk != task_state.revision_id
        and latest.user_id == reviewer.pk
        and latest.created_at >= task_state.started_at
    )
    if own_correction:
        task_state.revision = latest
        task_state.save(update_fields=["revision"])


def page_published(**kwargs: Any) -> None:
    """Wagtail's publish hook: cached anonymous pages are out of date."""
    page_cache_purge()


@transaction.atomic
def review_workflow_ensure(*, libraries: list[ResourcesPage]) -> Workflow:
    """The Medical review workflow on every library, approvable only by Medical reviewers,
    and the staff roles' rights on each library (alongside.articles.roles)."""
    reviewers = Group.objects.get_or_create(name=REVIEWERS)[0]
    task = MedicalReviewTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.set([reviewers])
    workflow = Workflow.objects.get_or_create(name=WORKFLOW_NAME)[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for library in libraries:
        WorkflowPage.objects.update_or_create(page=library, defaults={"workflow": workflow})
    staff_roles_apply(django_apps)
    return workflow


def guest_start(
    *, name: str, email: str, ip: str, article: ArticlePage, community: Community
) -> Guest:
    """Remember the guest and email them a link that confirms the address (expires in 2 days);
    the link uses the address the guest is reading the site at. ValidationError (code
    "guest_blocked") when a moderator blocked this email or connection here."""
    from alongside.articles.tasks import guest_confirmation_send

    policy.guest_block_check(community=community, email=email, ip=ip)
    guest, _created = Guest.objects.update_or_create(
        email=email.strip().lower(), defaults={"name": name.strip()}
    )
    key = window_key("guest-confirm", guest.pk, article.pk, seconds=60)
    enqueue_on_commit(
        guest_confirmation_send, guest.pk, article.pk, community.pk, base_url_for(community), key
    )
    return guest


def guest_link_token(*, guest: Guest, article_id: int) -> str:
    return signing.dumps({"g": guest.pk, "a": article_id}, salt=GUEST_LINK_SALT)


def guest_confirm(*, token: str, community: Community, ip: str) -> tuple[Guest, int]:
    """The guest a link confirms, and the article it came from; ValidationError if stale or
    if a moderator blocked this guest here."""
    data = signed_link_load(
        token=token,
        salt=GUEST_LINK_SALT,
        max_age=GUEST_LINK_MAX_AGE,
        expired_message=_(
            "This confirmation link has expired. Enter your name and email again for a new one."
        ),
    )
    guest = Guest.objects.filter(pk=data["g"]).first()
    if guest is None:
        raise ValidationError(_("This confirmation link is not valid."), code="bad")
    policy.guest_block_check(community=community, email=guest.email, ip=ip)
    if guest.verified_at is None:
        guest.verified_at = timezone.now()
        guest.save(update_fields=["verified_at", "updated_at"])
    return guest, data["a"]


def _needs_moderation(*, author, guest, community) -> bool:
    if guest is not None:
        return True
    return policy.initial_visibility_for(user=author, community=community) == Visibility.PENDING


def comment_create(
    *,
    article: ArticlePage,
    community: Community,
    text: str,
    ip: str,
    picture: ContentFile | None = None,
    author: User | None = None,
    guest: Guest | None = None,
) -> ArticleComment:
    """A comment by a member (author) or a confirmed guest; guests and new members wait.
    Crisis language puts it at the top of the moderators' queue (`comment.crisis` is then
    True: show the author the crisis resources).

    The posting policy applies: members through `post_check`, guests through the link rule;
    both through the per-address limits (ValidationError code "rate_limited")."""
    comment_policy_check(community=community, text=text, ip=ip, author=author, guest=guest)
    pending = _needs_moderation(author=author, guest=guest, community=community)
    comment = ArticleComment(
        article=article,
        community=community,
        author=author,
        guest=guest,
        text=text.strip(),
        visibility=Visibility.PENDING if pending else Visibility.PUBLISHED,
        guest_address_digest=ratelimits.address_digest(ip) if guest is not None else "",
    )
    if picture is not None:
        comment.picture.save(picture.name, picture, save=False)
    comment.save()
    if not pending:
        transaction.on_commit(page_cache_purge)
    comment.crisis = crisis_screen(
        text=comment.text, user=author, community=community, target=comment
    )
    return comment


def comment_policy_check(
    *,
    community: Community,
    text: str,
    ip: str,
    author: User | None = None,
    guest: Guest | None = None,
) -> None:
    """Raise ValidationError unless this member or guest may comment now (moderation.policy)."""
    if not policy.article_comment_allowed(ip=ip, author=author, guest=guest):
        raise ValidationError(policy.too_many_comments_message(), code="rate_limited")
    if author is not None:
        policy.post_check(user=author, community=community, action="article_comment", text=text)
        return
    if guest is None:
        raise ValueError("a comment has a member or a confirmed guest as its author")
    policy.guest_block_check(community=community, email=guest.email, ip=ip)
    policy.links_refuse(user=None, community=community, text=text)


def comment_guest_of(comment: ArticleComment) -> GuestIdentity | None:
    """Who wrote a guest's comment, for a moderator's block (core.moderation)."""
    if comment.guest is None:
        return None
    return GuestIdentity(
        name=comment.guest.name,
        email=comment.guest.email,
        address_digest=comment.guest_address_digest,
    )


def comment_approve(comment: ArticleComment, *, moderator: User) -> None:
    comment.visibility = Visibility.PUBLISHED
    comment.save(update_fields=["visibility", "updated_at"])
    transaction.on_commit(page_cache_purge)


def comment_reject(comment: ArticleComment, *, moderator: User, note: str = "") -> None:
    comment.visibility = Visibility.REJECTED
    comment.moderation_note = note[:300]
    comment.save(update_fields=["visibility", "moderation_note", "updated_at"])
    transaction.on_commit(page_cache_purge)


def comments_export(user: User) -> dict:
    comments = ArticleComment.objects.filter(author=user).select_related("article")
    return {
        "article_comments": [
            {"article": c.article.title, "text": c.text, "created_at": c.created_at.isoformat()}
            for c in comments
        ],
        "files": [c.picture for c in comments if c.picture],
    }


def comments_erase(user: User, *, keep_posts: bool) -> None:
    comments = ArticleComment.objects.filter(author=user)
    if keep_posts:
        comments.update(author=None)
    else:
        comments.delete()
    page_cache_purge()
