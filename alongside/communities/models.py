from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from alongside.core.models import Audience

_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour such as #2f6f8f."))

# Languages a community can speak and screen for crisis language. Phrase lists exist for some
# (alongside/moderation/data/crisis_phrases.yaml); the others are screened in English.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("pt", _("Portuguese")),
]


class Community(ClusterableModel):
    """One condition site. Accounts are platform-wide; content belongs to one community."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=20, help_text=_("As in 'An Alongside MS member'."))
    condition_code = models.CharField(max_length=10, help_text=_("ICD-10-CM, e.g. G35."))
    condition_slug = models.SlugField(help_text=_("The condition in the conditions list."))
    site = models.OneToOneField("wagtailcore.Site", on_delete=models.PROTECT)
    tagline = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    colour = models.CharField(max_length=7, validators=[_colour], default="#2f6f8f")
    colour_dark = models.CharField(max_length=7, validators=[_colour], default="#7cc4e0")
    default_language = models.CharField(
        _("main language"),
        max_length=8,
        choices=LANGUAGES,
        default="en",
        help_text=_("Always screened for crisis language; its resources are the fallback."),
    )
    crisis_resources = models.TextField(
        blank=True,
        help_text=_(
            "Shown at once to a member whose post suggests a crisis, when nothing is set "
            "below for their language."
        ),
    )
    member_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel(name) for name in ("name", "short_name", "slug", "site", "tagline")],
            heading=_("Community"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("condition_code"),
                FieldPanel("condition_slug"),
                InlinePanel("condition_types", label=_("Type of the condition")),
            ],
            heading=_("Condition"),
            help_text=_(
                "The types members can choose from when they join (for MS: relapsing-remitting, "
                "secondary progressive...). Leave empty if the condition has none."
            ),
        ),
        MultiFieldPanel([FieldPanel("colour"), FieldPanel("colour_dark")], heading=_("Colours")),
        MultiFieldPanel(
            [
                FieldPanel("default_language"),
                FieldPanel("crisis_resources"),
                InlinePanel("crisis_languages", label=_("Screened language")),
            ],
            heading=_("Crisis language"),
            help_text=_(
                "Posts and messages are screened in the main language and in every language "
                "listed here; the author sees the resources for their language."
            ),
        ),
    ]

    class Meta:
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        return self.name

    @property
    def anonymous_member_name(self) -> str:
        return _("An Alongside %(short_name)s member") % {"short_name": self.short_name}


class CrisisLanguage(models.Model):
    """A language a community screens for crisis language, and the help it shows in it."""

    community = ParentalKey(Community, on_delete=models.CASCADE, related_name="crisis_languages")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    resources = models.TextField(
        _("crisis resources"),
        blank=True,
        help_text=_("Helplines in this language; empty uses the community's main resources."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "language"], name="one_crisis_entry_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.community_id}: {self.language}"


class ConditionType(models.Model):
    """One type of the community's condition a member can say they have (e.g. primary
    progressive MS); each community lists its own, in order."""

    community = ParentalKey(Community, on_delete=models.CASCADE, related_name="condition_types")
    slug = models.SlugField(_("code"), max_length=40, help_text=_("Never shown, e.g. 'rrms'."))
    name = models.CharField(_("name"), max_length=120)
    help_text = models.CharField(_("explanation"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "slug"], name="one_condition_type_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """How the condition touches the member: what they say about themselves, on their profile."""

    LIVING_WITH = "living_with", _("I live with the condition")
    LOVED_ONE = "loved_one", _("I care for or love someone who does")


class StaffRole(models.TextChoices):
    """The member's job in the community, given by a community admin: never a profile field."""

    NONE = "", _("None")
    MODERATOR = "moderator", _("Moderator")
    ADMIN = "admin", _("Community admin")


# Staff roles that open the moderation desk.
DESK_ROLES = (StaffRole.MODERATOR, StaffRole.ADMIN)


class Membership(models.Model):
    # Not stored: set by moderation.selectors for the team page.
    name: str
    removable: bool

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LIVING_WITH)
    # Set on the moderators' team page (moderation), never by the member themself.
    staff_role = models.CharField(
        _("staff role"), max_length=20, choices=StaffRole.choices, blank=True, default=""
    )
    role_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    diagnosis_year = models.PositiveSmallIntegerField(null=True, blank=True)
    diagnosis_year_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.ONLY_ME
    )
    condition_type = models.SlugField(_("type"), max_length=40, blank=True)
    condition_type_audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.ONLY_ME
    )
    trust_level = models.PositiveSmallIntegerField(default=0)
    joined_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The member's latest request here, written at most every few minutes (SEEN_EVERY).
    last_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the member's previous visit ended: "what is new" on their home counts from here.
    previous_visit_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "community"], name="one_membership_per_user"),
            models.CheckConstraint(
                condition=~models.Q(role_audience="public")
                & ~models.Q(diagnosis_year_audience="public")
                & ~models.Q(condition_type_audience="public"),
                name="membership_fields_never_public",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "joined_at"]),
            # The few staff among many members: the team page, alerts, the desk's communities.
            models.Index(
                fields=["community", "staff_role"],
                condition=~models.Q(staff_role=""),
                name="membership_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.community_id} ({self.role})"

    @property
    def is_moderator(self) -> bool:
        return self.staff_role in DESK_ROLES

    @property
    def is_community_admin(self) -> bool:
        return self.staff_role == StaffRole.ADMIN


class HomePage(Page):
    """The root page of a community's site: what it is, and the way in."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    why_join = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("why_join")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "communities/home_page.html"

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Visitors' home page comes from the page cache (core.pagecache); the member count on
        # it may lag by up to an hour, or until the next publish.
        response.cache_anonymous = True
        return response

    def get_context(self, request, *args, **kwargs):
        from alongside.communities.selectors import home_context_for

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context_for(viewer=request.user, community=request.community))
        return context


class InfoPage(Page):
    """About, privacy policy, terms: plain pages the organisation edits."""

    summary = models.CharField(max_length=300, blank=True)
    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["communities.HomePage"]
    subpage_types = []
    template = "communities/info_page.html"

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.cache_anonymous = True
        return response
