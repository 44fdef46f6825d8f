"""The two demo communities, their sites, home pages and information pages."""

from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from alongside.accounts.conditions import conditions_by_slug
from alongside.communities.models import Community, ConditionType, HomePage, InfoPage
from alongside.communities.services import community_save


@dataclass(frozen=True)
class CommunitySpec:
    slug: str
    name: str
    short_name: str
    hostname: str
    condition_code: str
    condition_slug: str
    tagline: str
    colour: str
    colour_dark: str
    is_default: bool


SPECS = (
    CommunitySpec(
        slug="ms",
        name="Alongside MS",
        short_name="MS",
        hostname="localhost",
        condition_code="G35",
        condition_slug="multiple-sclerosis",
        tagline="Living with multiple sclerosis is easier with people who get it.",
        colour="#2f6f8f",
        colour_dark="#7cc4e0",
        is_default=True,
    ),
    CommunitySpec(
        slug="ra",
        name="Alongside RA",
        short_name="RA",
        hostname="ra.localhost",
        condition_code="M06.9",
        condition_slug="rheumatoid-arthritis",
        tagline="For everyone whose days are shaped by rheumatoid arthritis.",
        colour="#8a3b6b",
        colour_dark="#e7a3cb",
        is_default=False,
    ),
)

CRISIS_TEXT = (
    "If you are thinking about ending your life or are in danger now, call your local "
    "emergency number. In the US call or text 988 (Suicide and Crisis Lifeline); in the UK "
    "and Ireland call Samaritans on 116 123. You are not alone."
)


# The types a member can say they have (slug, name, explanation). MS: the clinical courses of
# Lublin et al., Neurology 2014 (doi:10.1212/WNL.0000000000000560). RA: seropositive or
# seronegative, as in the 2010 ACR/EULAR classification criteria (doi:10.1002/art.27584).
CONDITION_TYPES = {
    "ms": [
        ("rrms", "Relapsing-remitting MS", "Attacks (relapses) followed by recovery."),
        ("spms", "Secondary progressive MS", "Relapsing at first, then steadily worse."),
        ("ppms", "Primary progressive MS", "Steadily worse from the start, few relapses."),
        ("cis", "Clinically isolated syndrome (CIS)", "One first episode so far."),
        ("not-sure", "Not sure yet", ""),
    ],
    "ra": [
        ("seropositive", "Seropositive RA", "Blood tests found rheumatoid factor or anti-CCP."),
        ("seronegative", "Seronegative RA", "Those blood tests were negative."),
        ("not-sure", "Not sure yet", ""),
    ],
}


def communities_ensure() -> list[Community]:
    _retire_wagtail_welcome_page()
    return [_community_ensure(spec) for spec in SPECS]


def _community_ensure(spec: CommunitySpec) -> Community:
    community = Community.objects.filter(slug=spec.slug).select_related("site").first()
    if community is None:
        site = _site_ensure(spec)
        community = Community(slug=spec.slug, site=site)
    for field in ("name", "short_name", "condition_code", "condition_slug", "tagline"):
        setattr(community, field, getattr(spec, field))
    community.colour, community.colour_dark = spec.colour, spec.colour_dark
    community.crisis_resources = CRISIS_TEXT
    community_save(community=community)
    _condition_types_ensure(community)
    _info_pages_ensure(community)
    return community


def _condition_types_ensure(community: Community) -> None:
    for position, (slug, name, help_text) in enumerate(CONDITION_TYPES.get(community.slug, [])):
        ConditionType.objects.update_or_create(
            community=community,
            slug=slug,
            defaults={"name": name, "help_text": help_text, "position": position},
        )


def _site_ensure(spec: CommunitySpec) -> Site:
    site = Site.objects.filter(hostname=spec.hostname).first()
    if site is not None:
        return site
    root = _tree_root()
    home = root.add_child(
        instance=HomePage(
            title=spec.name,
            slug=f"{spec.slug}-home",
            intro="<p>Read articles reviewed by physicians, ask questions, and share the "
            "everyday with members who understand.</p>",
        )
    )
    if spec.is_default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    return Site.objects.create(
        hostname=spec.hostname,
        port=80,
        root_page=home,
        site_name=spec.name,
        is_default_site=spec.is_default,
    )


def _tree_root() -> Page:
    """Wagtail's root page; recreated when a test flushed the database that held it."""
    Locale.objects.get_or_create(language_code="en")
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


def _retire_wagtail_welcome_page() -> None:
    """Wagtail's migrations create a placeholder site and page; the demo replaces them."""
    placeholder = Page.objects.filter(depth=2, content_type__app_label="wagtailcore")
    Site.objects.filter(root_page__in=placeholder).delete()
    for page in placeholder:
        page.delete()


_INFO = {
    "about": (
        "About {name}",
        "Who we are and how this community works.",
        "<p>{name} is a community for people living with {condition} and the people who "
        "love and care for them. It runs on Alongside, open-source software that a patient "
        "organisation can host itself.</p><h2>What you will find here</h2><ul>"
        "<li>Articles written in plain language and reviewed by a physician.</li>"
        "<li>A members-only space to share updates, ask questions and build a team.</li>"
        "<li>Treatment pages that combine sourced facts with what members report.</li></ul>"
        "<h2>What we will never do</h2><p>Show ads, use trackers or sell your data.</p>",
    ),
    "privacy": (
        "Privacy policy",
        "What we collect, why, and the choices you have.",
        "<p>This is health information, so we treat it with care.</p><h2>What we hold</h2>"
        "<p>Your email address, your profile (each part with the audience you choose), "
        "what you post, and the treatments you record.</p><h2>Who sees it</h2><p>What you "
        "write is for signed-in members of this community unless you choose a smaller "
        "audience. On public pages you always appear as an anonymous member. Community figures "
        "count you only if you agree, and only when at least 10 members stand behind a "
        "figure.</p><h2>Your rights</h2><p>You can download everything we hold about you, "
        "and erase your account, from Settings, Your data.</p><p>We use no advertising or "
        "analytics trackers and never sell data.</p>",
    ),
    "terms": (
        "Terms of use",
        "The few rules that keep this community kind and safe.",
        "<h2>Be kind</h2><p>Members are living with a lot. Disagree gently.</p>"
        "<h2>Not medical advice</h2><p>Articles are reviewed by physicians, and members share "
        "experience, but nothing here replaces advice from your own care team.</p>"
        "<h2>Keep it private</h2><p>Do not share what members post outside the community.</p>"
        "<h2>Moderation</h2><p>Moderators may hide posts and suspend accounts that break these "
        "rules. You will always be told why.</p>",
    ),
}


def _info_pages_ensure(community: Community) -> None:
    home = community.site.root_page.specific
    condition = conditions_by_slug()[community.condition_slug].name.lower()
    for slug, (title, summary, body) in _INFO.items():
        if home.get_children().filter(slug=slug).exists():
            continue
        text = body.format(name=community.name, condition=condition)
        home.add_child(
            instance=InfoPage(
                title=title.format(name=community.name), slug=slug, summary=summary, body=text
            )
        )
