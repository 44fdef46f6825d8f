from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from alongside.articles.blocks import ArticleBodyBlock, SourceBlock
from alongside.articles.panels import ReviewNotesPanel
from alongside.core.models import TimeStampedModel, Visibility
from alongside.core.storage import private_storage


class Category(models.TextChoices):
    TREATMENTS = "treatments", _("Treatments")
    SYMPTOMS = "symptoms", _("Symptoms")
    LIVING = "living-with", _("Living with the condition")
    CAREGIVING = "caregiving", _("Caregiving")
    RESEARCH = "research", _("Research")


class PersonPage(Page):
    """A writer or medical reviewer: who stands behind the articles."""

    credentials = models.CharField(max_length=60, blank=True, help_text=_("e.g. MD, PhD"))
    role = models.CharField(
        max_length=10, choices=[("writer", _("Writer")), ("reviewer", _("Medical reviewer"))]
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(max_length=2000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person_pages",
        help_text=_("The staff account that approves medical reviews as this person."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("bio")]
    parent_page_types = ["articles.ResourcesPage"]
    subpage_types = []
    template = "articles/person_page.html"

    @property
    def name_with_credentials(self) -> str:
        return f"{self.title}, {self.credentials}" if self.credentials else self.title

    def get_context(self, request, *args, **kwargs):
        from alongside.articles.selectors import person_context

        context = super().get_context(request, *args, **kwargs)
        context.update(person_context(person=self))
        return context


class ResourcesPage(Page):
    """The library of one community: articles by category, newest first."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["communities.HomePage"]
    subpage_types = ["articles.ArticlePage", "articles.PersonPage"]
    max_count_per_parent = 1
    template = "articles/resources_page.html"

    def get_context(self, request, *args, **kwargs):
        from alongside.articles.selectors import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(library=self, params=request.GET))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.cache_anonymous = True
        return response

    def route(self, request, path_components):
        """Find an article in one query, with its people and picture, before other children."""
        if len(path_components) == 1:
            article = (
                ArticlePage.objects.child_of(self)
                .select_related("writer", "reviewer", "hero_image")
                .filter(slug=path_components[0])
                .first()
            )
            if article is not None:
                return article.route(request, [])
        return super().route(request, path_components)


class ArticleForm(WagtailAdminPageForm):
    """The writer is chosen among this library's writers: each library has its own people
    pages, so the same writer would otherwise be listed once per community."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page if self.parent_page is not None else self.instance.get_parent()
        if "writer" in self.fields and parent is not None:
            self.fields["writer"].queryset = PersonPage.objects.child_of(parent).filter(
                role="writer"
            )


class ArticlePage(Page):
    """A medically reviewed article. Reviewer and review date come from the approved review."""

    intro = models.TextField(max_length=600)
    category = models.CharField(max_length=20, choices=Category.choices, db_index=True)
    topics = ParentalManyToManyField("core.Topic", blank=True, related_name="articles")
    writer = models.ForeignKey(
        PersonPage, null=True, on_delete=models.SET_NULL, related_name="articles_written"
    )
    reviewer = models.ForeignKey(
        PersonPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_reviewed",
        editable=False,
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The revision the shown approval was recorded for: a copy or any other way of going live
    # without a review leaves it pointing elsewhere, and the page then shows no reviewer.
    reviewed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_significant_update = models.DateField(null=True, blank=True, editable=False)
    significant_update = models.BooleanField(
        _("This is a significant update"),
        default=False,
        help_text=_("Tick to show today's date as 'Updated on' once the review is approved."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ArticleBodyBlock())
    sources = StreamField([("source", SourceBlock())], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("writer", widget=forms.Select),
            ],
            heading=_("About this article"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("sources"),
        MultiFieldPanel(
            [
                ReviewNotesPanel(),
                FieldPanel("significant_update"),
            ],
            heading=_("Review"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("first_published_at"),
    ]
    parent_page_types = ["articles.ResourcesPage"]
    subpage_types = []
    template = "articles/article_page.html"
    base_form_class = ArticleForm

    @property
    def is_reviewed(self) -> bool:
        """Whether the live version is the one a medical reviewer approved."""
        return self.reviewed_revision_id is not None and (
            self.reviewed_revision_id == self.live_revision_id
        )

    def publish(self, revision, *args, **kwargs):
        """Every way to go live (the editor, the workflow, bulk actions, scheduled publishing,
        a revert) passes here: only a revision a medical reviewer approved is published, with
        that approval's reviewer and date."""
        from alongside.articles.services import review_stamp

        review_stamp(revision=revision)
        return super().publish(revision, *args, **kwargs)

    @property
    def updated_on(self):
        if self.last_significant_update:
            return self.last_significant_update
        published = self.first_published_at
        return published.date() if published else None

    def get_context(self, request, *args, **kwargs):
        from alongside.articles.forms import CommentForm, GuestForm
        from alongside.articles.selectors import article_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            article_context(
                article=self, viewer=request.user, community=request.community, request=request
            )
        )
        context["comment_form"] = CommentForm(with_captcha=context["guest"] is not None)
        context["guest_form"] = GuestForm()
        return context

    def get_template(self, request, *args, **kwargs):
        """htmx asks for older comments only: the next page of the list."""
        if getattr(request, "htmx", False) and request.GET.get("before"):
            return "articles/includes/comment_page.html"
        return super().get_template(request, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        if not self.is_reviewed and not getattr(request, "is_preview", False):
            raise Http404  # live without an approval (e.g. a copy): not for readers
        response = super().serve(request, *args, **kwargs)
        response.cache_anonymous = True
        patch_vary_headers(response, ["HX-Request"])
        return response


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a medical reviewer. The approval (who, when, which revision) stays in
    Wagtail's own TaskState and is read from there when the revision is published."""

    def get_actions(self, obj, user):
        """Only a reviewer with a people page in this library may approve: readers see that
        person's name. Superusers who are not reviewers may not approve."""
        from alongside.articles.selectors import reviewer_person_for

        if not self._user_in_groups(user):
            return []
        actions = [("reject", _("Send back with changes"), True)]
        if reviewer_person_for(user=user, page=obj) is not None:
            # Wagtail adds "and publish" to these labels (our catalogue lowers its "Publish").
            actions += [
                ("approve", _("Approve"), False),
                ("approve", _("Approve with a note"), True),
            ]
        return actions

    def user_can_access_editor(self, obj, user):
        return self._user_in_groups(user)

    def locked_for_user(self, obj, user):
        return not self._user_in_groups(user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from alongside.articles.services import review_approval_prepare

            review_approval_prepare(task_state=task_state, reviewer=user)
        super().on_action(task_state, user, action_name, **kwargs)
        # The dashboard's action view goes where this points: a page that says what happened.
        return reverse("articles_review_done", args=[task_state.pk])

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status="in_progress")
        return self.task_states.none()

    @classmethod
    def get_description(cls):
        return _("Members of the Medical reviewers group check the article and approve it")

    class Meta:
        verbose_name = _("medical review")
        verbose_name_plural = _("medical reviews")


class MemberQuoteForm(WagtailAdminModelForm):
    """Editors choose among posts whose authors agreed to be quoted and that members can see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from alongside.articles.selectors import quotable_comments, quotable_updates

        community_id = self.instance.community_id
        for name, rows in (("update", quotable_updates()), ("comment", quotable_comments())):
            # One community's posts only once the quote has one; until then, grouped by it.
            rows = rows.filter(community_id=community_id) if community_id else rows
            self.fields[name].queryset = rows.order_by("community__name", "-created_at")
            self.fields[name].label_from_instance = _post_label
            self.fields[name].error_messages["invalid_choice"] = _NOT_QUOTABLE


def _post_label(post) -> str:
    when = post.created_at.strftime("%d %b %Y")
    return f"{post.community.name}, {when}: {Truncator(post.body).chars(90)}"


_NOT_QUOTABLE = _(
    "Choose a post whose author agreed to be quoted and that members can see. "
    "This one cannot be quoted."
)


def _exactly_one_source() -> Q:
    return Q(update__isnull=False, comment__isnull=True) | Q(
        update__isnull=True, comment__isnull=False
    )


@register_snippet
class MemberQuote(TimeStampedModel):
    """A member's update or comment quoted on an article, anonymised, with the author's consent.

    The words are read from the post at every view: when the author takes consent back, or the
    post is deleted or hidden, the quote is no longer shown.
    """

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    update = models.ForeignKey(
        "conversations.Update",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quotes",
        help_text=_("A member update, or choose a comment below."),
    )
    comment = models.ForeignKey(
        "conversations.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quotes",
        help_text=_("A member comment, or choose an update above."),
    )
    excerpt = models.TextField(
        blank=True,
        default="",
        max_length=1200,
        help_text=_(
            "Optional: a part of the post, copied exactly (a quote is never reworded). "
            "Empty quotes the whole post."
        ),
    )

    panels = [
        FieldPanel("community"),
        FieldPanel("update"),
        FieldPanel("comment"),
        FieldPanel("excerpt"),
    ]
    base_form_class = MemberQuoteForm

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_exactly_one_source(), name="member_quote_one_source")
        ]

    def __str__(self) -> str:
        post = self.post
        return Truncator(self.excerpt or (post.body if post else "")).chars(60)

    @property
    def post(self):
        return self.update if self.update_id else self.comment

    def clean(self):
        if (self.update_id is None) == (self.comment_id is None):
            raise ValidationError(_("Choose either a member update or a member comment."))
        from alongside.articles.selectors import is_quotable

        post = self.post
        if not is_quotable(post):
            raise ValidationError({_source_field(self): _NOT_QUOTABLE})
        if self.community_id and post.community_id != self.community_id:
            raise ValidationError(
                {_source_field(self): _("Choose a post from the same community as the quote.")}
            )
        self.excerpt = self.excerpt.strip()
        if self.excerpt and _flat(self.excerpt) not in _flat(post.body):
            raise ValidationError(
                {"excerpt": _("The excerpt must be copied exactly from the post, in one piece.")}
            )

    def text_for(self, community) -> str:
        """The words to show on an article of `community`; empty when they may not be shown."""
        from alongside.articles.selectors import is_quotable

        post = self.post
        if community is None or self.community_id != community.pk or not is_quotable(post):
            return ""
        if not self.excerpt:
            return post.body
        return self.excerpt if _flat(self.excerpt) in _flat(post.body) else ""


def _flat(text: str) -> str:
    return " ".join(text.split())


def _source_field(quote: MemberQuote) -> str:
    return "update" if quote.update_id else "comment"


class Guest(TimeStampedModel):
    """A visitor who is not a member and confirmed an email address to read and post comments."""

    name = models.CharField(_("your name"), max_length=60)
    email = models.EmailField(_("email address"), unique=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


def _comment_picture_path(instance, filename: str) -> str:
    return f"article-comments/{filename}"


class ArticleComment(TimeStampedModel):
    # Not stored: set by comment_create.
    crisis: bool

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="comments")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="article_comments",
    )
    guest = models.ForeignKey(
        Guest, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(blank=True, max_length=5000)
    # Private: served only by articles.views.comment_picture, which checks the viewer.
    picture = models.ImageField(
        upload_to=_comment_picture_path, storage=private_storage, blank=True
    )
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLISHED, db_index=True
    )
    moderation_note = models.CharField(max_length=300, blank=True)
    # A guest's comment: a keyed digest of the client address it came from, which a
    # moderator's block records (moderation.GuestBlock); never the address itself.
    guest_address_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(picture=""), name="article_comment_text_or_picture"
            )
        ]
        indexes = [models.Index(fields=["article", "visibility", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.article_id}"
