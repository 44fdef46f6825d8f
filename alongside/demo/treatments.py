"""Demo treatment histories: seeded, bulk-inserted, and safe to run twice.

Synthetic members get histories that give the LDN, ocrelizumab, baclofen and gabapentin pages
(and methotrexate, hydroxychloroquine, adalimumab for RA) real figures; the demo `member`
takes tramadol and LDN together, so their treatment list shows the clash warning.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.demo.generate import SYNTHETIC_DOMAIN
from alongside.treatments.knowledge import seed
from alongside.treatments.models import (
    EffectSeverity,
    MemberTreatment,
    ReportedSideEffect,
    Schedule,
    StopReason,
    Treatment,
    TreatmentReport,
)
from alongside.treatments.services import insight_refresh, knowledge_base_load

SEED = 5
DEMO_MEMBER = "member@demo.alongside.localhost"
DEMO_REVIEWER = "reviewer@demo.alongside.localhost"


@dataclass(frozen=True)
class Plan:
    rate: float  # share of members with a history of this treatment
    doses: tuple[tuple[str, str, int], ...]  # (dose, unit, weight)
    schedule: str
    titration: tuple[str, ...] = ()
    effectiveness: tuple[int, ...] = (10, 15, 30, 30, 15)  # weights for 1..5
    burden: tuple[int, ...] = (30, 30, 20, 15, 5)
    stop_rate: float = 0.25


PLANS = {
    "ms": {
        "low-dose-naltrexone": Plan(
            0.3,
            (("4.5", "mg", 71), ("3", "mg", 14), ("1.5", "mg", 6), ("6", "mg", 9)),
            Schedule.DAILY,
            ("1.5", "3", "4.5"),
            effectiveness=(15, 20, 30, 25, 10),
            burden=(55, 30, 10, 4, 1),
        ),
        "ocrelizumab": Plan(
            0.3, (("600", "mg", 95), ("300", "mg", 5)), Schedule.SIX_MONTHLY, ("300", "600")
        ),
        "baclofen": Plan(
            0.3,
            (("10", "mg", 35), ("20", "mg", 30), ("5", "mg", 20), ("25", "mg", 15)),
            Schedule.THREE_TIMES_DAILY,
            ("5", "10", "20"),
            burden=(20, 30, 25, 15, 10),
            stop_rate=0.35,
        ),
        "gabapentin": Plan(
            0.28,
            (("300", "mg", 40), ("600", "mg", 30), ("900", "mg", 20), ("1200", "mg", 10)),
            Schedule.THREE_TIMES_DAILY,
            ("300", "600", "900"),
            stop_rate=0.35,
        ),
        "dimethyl-fumarate": Plan(0.08, (("240", "mg", 1),), Schedule.TWICE_DAILY, ("120", "240")),
        "fingolimod": Plan(0.05, (("0.5", "mg", 1),), Schedule.DAILY),
        "modafinil": Plan(0.06, (("100", "mg", 1), ("200", "mg", 1)), Schedule.DAILY),
    },
    "ra": {
        "methotrexate": Plan(
            0.5, (("15", "mg", 40), ("20", "mg", 35), ("10", "mg", 25)), Schedule.WEEKLY
        ),
        "hydroxychloroquine": Plan(0.3, (("200", "mg", 50), ("400", "mg", 50)), Schedule.DAILY),
        "adalimumab": Plan(0.25, (("40", "mg", 1),), Schedule.OTHER),
    },
}
_STOP_REASONS = (
    (StopReason.SIDE_EFFECTS, 35),
    (StopReason.NOT_WORKING, 30),
    (StopReason.SWITCHED, 12),
    (StopReason.COST, 8),
    (StopReason.DOCTOR, 7),
    (StopReason.HARD_TO_TAKE, 5),
    (StopReason.PREGNANCY, 3),
)
_SEVERITIES = (
    (EffectSeverity.MILD, 60),
    (EffectSeverity.MODERATE, 30),
    (EffectSeverity.SEVERE, 10),
)


def treatments_demo(*, communities, stdout) -> None:
    # The demo's medical reviewer approves the seed so the site shows a live knowledge base.
    reviewer = User.objects.filter(email=DEMO_REVIEWER).first()
    counts = knowledge_base_load(kb=seed(), reviewer=reviewer)
    stdout.write(
        "Treatments: {treatments} treatments, {interactions} interactions, "
        "{contraindications} contraindications, {sources} sources loaded; "
        "{drafts} changes approved by the demo reviewer.".format(**counts)
    )
    for community in communities:
        created = _histories_ensure(community)
        stdout.write(f"{community.name}: {created} treatment entries added.")
    _demo_member_ensure(communities[0])
    for community in communities:
        for treatment in Treatment.objects.filter(slug__in=PLANS.get(community.slug, {})):
            insight_refresh(community=community, treatment=treatment)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


@transaction.atomic
def _histories_ensure(community) -> int:
    """Each synthetic member's history comes from a generator seeded by their email, so a
    second run recreates exactly nothing for members it already handled."""
    plans = PLANS.get(community.slug, {})
    treatments = Treatment.objects.filter(slug__in=plans).prefetch_related("side_effects")
    treatments = {t.slug: t for t in treatments}
    today = timezone.localdate()
    pending = []
    for user_id, email in _synthetic_members_without_entries(community):
        rng = random.Random(f"{SEED}:{email}")
        for slug, plan in plans.items():
            if rng.random() < plan.rate:
                pending.append(_history(rng, plan, user_id, community, treatments[slug], today))
    entries = MemberTreatment.objects.bulk_create([entry for entry, _ in pending], batch_size=500)
    _reports_create([(entry, report) for entry, (_, report) in zip(entries, pending, strict=True)])
    return len(entries)


def _synthetic_members_without_entries(community) -> list[tuple[int, str]]:
    return list(
        User.objects.filter(
            email__endswith=f"@{community.slug}.{SYNTHETIC_DOMAIN}",
            memberships__community=community,
        )
        .exclude(treatment_entries__community=community)
        .order_by("pk")
        .values_list("pk", "email")
    )


def _history(rng, plan: Plan, user_id, community, treatment, today: date):
    dose, unit = _weighted(rng, [((d, u), w) for d, u, w in plan.doses])
    started = today - timedelta(days=rng.randint(20, 2400))
    entry = MemberTreatment(
        user_id=user_id,
        community=community,
        treatment=treatment,
        dose=Decimal(dose),
        unit=unit,
        schedule=plan.schedule,
        started_on=started,
        titration=_titration(rng, plan, unit, started),
    )
    if rng.random() < plan.stop_rate:
        days = rng.randint(14, max(15, (today - started).days))
        entry.stopped_on = started + timedelta(days=days)
        entry.stop_reason = _weighted(rng, _STOP_REASONS)
    names = [effect.name for effect in treatment.side_effects.all()]
    return entry, _report_spec(rng, plan, names)


def _titration(rng, plan: Plan, unit: str, started: date) -> list[dict]:
    if not plan.titration or rng.random() > 0.7:
        return []
    step_days = rng.choice((7, 14, 14, 21))
    return [
        {"dose": dose, "unit": unit, "from": (started + timedelta(days=n * step_days)).isoformat()}
        for n, dose in enumerate(plan.titration)
    ]


def _report_spec(rng, plan: Plan, names: list[str]) -> dict | None:
    if rng.random() > 0.9:
        return None
    return {
        "effectiveness": _weighted(rng, enumerate(plan.effectiveness, start=1)),
        "burden": _weighted(rng, enumerate(plan.burden, start=1)),
        "effects": {
            name: _weighted(rng, _SEVERITIES)
            for n, name in enumerate(names)
            if rng.random() < 0.45 / (n + 1) + 0.05
        },
    }


def _reports_create(pairs) -> None:
    reported = [(entry, spec) for entry, spec in pairs if spec is not None]
    reports = TreatmentReport.objects.bulk_create(
        [
            TreatmentReport(entry=entry, effectiveness=spec["effectiveness"], burden=spec["burden"])
            for entry, spec in reported
        ],
        batch_size=500,
    )
    effects = [
        ReportedSideEffect(report=report, name=name, severity=severity)
        for report, (_, spec) in zip(reports, reported, strict=True)
        for name, severity in spec["effects"].items()
    ]
    ReportedSideEffect.objects.bulk_create(effects, batch_size=1000)


def _demo_member_ensure(community) -> None:
    """The demo member takes tramadol and then LDN: their list shows the clash."""
    user = User.objects.filter(email=DEMO_MEMBER).first()
    if user is None or MemberTreatment.objects.filter(user=user, community=community).exists():
        return
    today = timezone.localdate()
    tramadol, ldn = (
        Treatment.objects.get(slug="tramadol"),
        Treatment.objects.get(slug="low-dose-naltrexone"),
    )
    MemberTreatment.objects.create(
        user=user,
        community=community,
        treatment=tramadol,
        dose=Decimal("50"),
        unit="mg",
        schedule=Schedule.AS_NEEDED,
        started_on=today - timedelta(days=200),
    )
    ldn_entry = MemberTreatment.objects.create(
        user=user,
        community=community,
        treatment=ldn,
        dose=Decimal("4.5"),
        unit="mg",
        schedule=Schedule.DAILY,
        started_on=today - timedelta(days=40),
        clash_acknowledged=True,
        titration=[
            {"dose": "1.5", "unit": "mg", "from": (today - timedelta(days=40)).isoformat()},
            {"dose": "3", "unit": "mg", "from": (today - timedelta(days=26)).isoformat()},
            {"dose": "4.5", "unit": "mg", "from": (today - timedelta(days=12)).isoformat()},
        ],
    )
    report = TreatmentReport.objects.create(entry=ldn_entry, effectiveness=3, burden=1)
    ReportedSideEffect.objects.create(report=report, name="Vivid dreams", severity="mild")
