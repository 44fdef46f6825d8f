"""Synthetic members at any scale: deterministic (seeded), batched bulk inserts, a progress bar.

Every synthetic member has an email under SYNTHETIC_DOMAIN and a number, so running again
creates only the members that are missing.
"""

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from faker import Faker

from alongside.accounts.conditions import conditions_by_slug
from alongside.accounts.models import MemberCondition, Profile, User
from alongside.communities.models import Community, Membership, Role
from alongside.communities.services import member_count_refresh
from alongside.core.models import Audience

SYNTHETIC_DOMAIN = "members.demo.alongside.localhost"
BATCH = 2000
# How often members of an MS community report each other condition (share of members).
CONDITION_RATES = {
    "depression": 0.24,
    "anxiety": 0.22,
    "fibromyalgia": 0.06,
    "migraine": 0.12,
    "irritable-bowel-syndrome": 0.09,
    "high-blood-pressure": 0.15,
    "hypothyroidism": 0.06,
    "sleep-apnoea": 0.05,
    "chronic-pain": 0.18,
    "vitamin-d-deficiency": 0.1,
    "type-2-diabetes": 0.05,
    "diabetic-neuropathy": 0.01,
    "rheumatoid-arthritis": 0.02,
    "psoriasis": 0.02,
    "epilepsy": 0.01,
    "glaucoma": 0.01,
    "osteoporosis": 0.04,
}
REGIONS = (
    "North West England",
    "Scotland",
    "Wales",
    "London",
    "Yorkshire",
    "Ontario",
    "Texas",
    "California",
    "New South Wales",
    "Bavaria",
    "Dublin",
    "Midwest USA",
    "Pacific Northwest",
)


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def members_generate(
    *, community: Community, count: int, seed: int = 216, progress: Callable | None = None
) -> Report:
    """Ensure `count` synthetic members exist in `community`; returns rows created."""
    started = time.monotonic()
    report = Report()
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    password = make_password(None)  # unusable: synthetic members cannot log in
    existing = _existing_numbers(community)
    missing = [n for n in range(1, count + 1) if n not in existing]
    for start in range(0, len(missing), BATCH):
        numbers = missing[start : start + BATCH]
        _insert_batch(community, numbers, faker, rng, password, report)
        if progress:
            progress(start + len(numbers), len(missing))
    member_count_refresh(community=community)
    report.seconds = time.monotonic() - started
    return report


def _existing_numbers(community: Community) -> set[int]:
    emails = User.objects.filter(
        email__endswith=f"@{community.slug}.{SYNTHETIC_DOMAIN}"
    ).values_list("email", flat=True)
    return {int(email.split("@")[0].removeprefix("member")) for email in emails}


@transaction.atomic
def _insert_batch(community, numbers, faker, rng, password, report: Report) -> None:
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                email=f"member{n}@{community.slug}.{SYNTHETIC_DOMAIN}",
                password=password,
                date_joined=now - _joined_ago(rng),
            )
            for n in numbers
        ]
    )
    Profile.objects.bulk_create([_profile(user, faker, rng, now) for user in users])
    Membership.objects.bulk_create([_membership(user, community, rng) for user in users])
    conditions = [row for user in users for row in _conditions(user, community, rng)]
    MemberCondition.objects.bulk_create(conditions)
    for name, added in (("members", len(users)), ("conditions", len(conditions))):
        report.created[name] = report.created.get(name, 0) + added


def _joined_ago(rng: random.Random):
    return timezone.timedelta(days=int(rng.expovariate(1 / 500)), seconds=rng.randrange(86400))


def _profile(user: User, faker: Faker, rng: random.Random, now) -> Profile:
    audiences = [Audience.MEMBERS, Audience.MEMBERS, Audience.TEAM, Audience.ONLY_ME]
    return Profile(
        user=user,
        display_name=faker.first_name() if rng.random() < 0.8 else faker.user_name()[:30],
        display_name_audience=rng.choice([Audience.MEMBERS, Audience.MEMBERS, Audience.PUBLIC]),
        about=faker.sentence(nb_words=12) if rng.random() < 0.4 else "",
        about_audience=rng.choice(audiences[:3]),
        region=rng.choice(REGIONS) if rng.random() < 0.7 else "",
        region_audience=rng.choice(audiences[:3]),
        conditions_audience=rng.choice(audiences),
        count_in_figures=rng.random() < 0.85,
        onboarding_step=6,
        onboarded_at=now,
    )


# Synthetic shares of each type among members who live with the condition (demo data only).
_TYPE_WEIGHTS = {
    "ms": {"rrms": 60, "spms": 15, "ppms": 12, "cis": 5, "not-sure": 8},
    "ra": {"seropositive": 65, "seronegative": 25, "not-sure": 10},
}


def _membership(user: User, community: Community, rng: random.Random) -> Membership:
    role = Role.LOVED_ONE if rng.random() < 0.18 else Role.LIVING_WITH
    return Membership(
        user=user,
        community=community,
        role=role,
        diagnosis_year=rng.randint(1985, 2026) if role == Role.LIVING_WITH else None,
        diagnosis_year_audience=rng.choice([Audience.MEMBERS, Audience.TEAM, Audience.ONLY_ME]),
        trust_level=rng.choice([0, 1, 1, 2, 2, 3]),
        condition_type=_condition_type(user, community) if role == Role.LIVING_WITH else "",
    )


def _condition_type(user: User, community: Community) -> str:
    """Drawn from its own generator (seeded by the address), so the rest of the synthetic
    community stays exactly as it was."""
    weights = _TYPE_WEIGHTS.get(community.slug)
    if not weights:
        return ""
    return random.Random(user.email).choices(list(weights), weights=list(weights.values()))[0]


def _conditions(user: User, community: Community, rng: random.Random) -> list[MemberCondition]:
    known = conditions_by_slug()
    return [
        MemberCondition(user=user, slug=slug, code=known[slug].code)
        for slug, rate in CONDITION_RATES.items()
        if slug != community.condition_slug and rng.random() < rate
    ]


def condition_counts(community: Community) -> dict[str, int]:
    rows = (
        MemberCondition.objects.filter(user__memberships__community=community)
        .values("slug")
        .annotate(n=Count("id"))
    )
    return {row["slug"]: row["n"] for row in rows}


def progress_bar(stream=sys.stderr) -> Callable[[int, int], None]:
    """A one-line text progress bar for management commands."""
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0
        bar = "#" * filled + "-" * (width - filled)
        stream.write(f"\r[{bar}] {done:,}/{total:,} members  {rate:,.0f}/s ")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show
