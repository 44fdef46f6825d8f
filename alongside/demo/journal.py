"""The demo member's journal: six months of plausible daily check-ins (a few days missed),
two relapses, two questionnaires, a saved question and a visit summary; the demo carer helps
with it. Seeded and safe to run twice (nothing is added to a journal that has check-ins)."""

import math
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.journal import services
from alongside.journal.instruments import instrument, score
from alongside.journal.models import (
    Carer,
    CarerStatus,
    CheckIn,
    JournalWording,
    QuestionnaireResponse,
)
from alongside.journal.selectors import Access, token_hash

DEMO_MEMBER = "member@demo.alongside.localhost"
DEMO_CARER = "carer@demo.alongside.localhost"
DAYS = 182
SEED = 15
TRACKED = ["fatigue", "pain", "walking", "sleep", "mood", "heat"]
# (days ago, days it lasted) of the two relapses; symptoms rise around them.
RELAPSES = ((130, 24), (38, 16))
RELAPSE_PROMPT = (
    "If you think you are having a relapse, call your MS nurse or neurology team on the "
    "number in your clinic letter. Out of hours, call 111 (NHS) for advice."
)


def journal_demo(*, communities, stdout) -> None:
    ms = communities[0]
    JournalWording.objects.get_or_create(community=ms, defaults={"relapse_prompt": RELAPSE_PROMPT})
    member = User.objects.filter(email=DEMO_MEMBER).first()
    if member is None:
        return
    created = _journal_fill(member, ms)
    _carer_ensure(member, ms)
    stdout.write(f"{ms.name}: demo journal {'filled' if created else 'already there'}.")


@transaction.atomic
def _journal_fill(member, community) -> bool:
    journal = services.journal_get_or_create(owner=member, community=community)
    if journal.checkins.exists():
        return False
    journal.symptoms = TRACKED
    journal.questionnaires = ["phq9", "gad7"]
    journal.save()
    today = timezone.localdate()
    rng = random.Random(SEED)
    CheckIn.objects.bulk_create(
        _checkin(journal, member, today - timedelta(days=ago), ago, rng)
        for ago in range(DAYS, 0, -1)
        if rng.random() > 0.12  # a bad day or a busy one: not every day is filled in
    )
    access = Access(journal, member)
    _relapses(access, today)
    _questionnaires(journal, today)
    services.question_save(
        journal=journal, text="Is the LDN helping my pain, or is it the warmer weather ending?"
    )
    services.question_save(
        journal=journal, text="Should I see the physio again about my walking after the relapse?"
    )
    services.summary_save(
        access=access,
        period_start=today - timedelta(days=DAYS),
        period_end=today,
        concern="My walking has not fully come back since the relapse in October.",
    )
    return True


def _checkin(journal, member, day, ago: int, rng: random.Random) -> CheckIn:
    flare = sum(
        max(0.0, 1.6 - abs(ago - (start - length / 2)) / (length / 2)) for start, length in RELAPSES
    )
    season = 0.6 * math.sin(ago / 29)  # slow ups and downs
    on_ldn = ago < 40  # the demo member started LDN 40 days ago (treatments demo)
    base = {
        "fatigue": 2.2,
        "pain": 2.0 - (0.8 if on_ldn else 0.0),
        "walking": 1.5,
        "sleep": 1.6,
        "mood": 1.2,
        "heat": 1.0 + (0.8 if 90 < ago < 150 else 0.0),
    }
    scores = {
        key: max(0, min(4, round(level + season + flare + rng.uniform(-0.7, 0.7))))
        for key, level in base.items()
    }
    note = rng.choice(NOTES) if rng.random() < 0.15 else ""
    return CheckIn(
        journal=journal, day=day, scores=scores, note=note, created_by=member, updated_by=member
    )


NOTES = (
    "Short walk to the allotment, rested after.",
    "Bad night, legs jumpy.",
    "Hot day, stayed in with the fan on.",
    "Good day! Did the shopping myself.",
    "Brain fog in the afternoon.",
    "Physio exercises done.",
)


def _relapses(access, today) -> None:
    services.relapse_save(
        access=access,
        values={
            "started_on": today - timedelta(days=RELAPSES[0][0]),
            "what_changed": "Numbness spreading up my left leg and dragging that foot",
            "over_24_hours": "yes",
            "fever": "no",
            "infection": "no",
            "heat": "no",
            "team_told": "yes",
            "steroids": "yes",
            "recovery": "mostly",
        },
    )
    services.relapse_save(
        access=access,
        values={
            "started_on": today - timedelta(days=RELAPSES[1][0]),
            "what_changed": "Blurred vision in my right eye, worse in the heat",
            "over_24_hours": "yes",
            "fever": "no",
            "infection": "unsure",
            "heat": "yes",
            "team_told": "yes",
            "steroids": "no",
            "recovery": "partly",
        },
    )


def _questionnaires(journal, today) -> None:
    for code, values, ago in (
        ("phq9", [1, 1, 1, 2, 0, 1, 1, 0, 0], 95),
        ("gad7", [1, 1, 2, 1, 0, 1, 0], 10),
    ):
        keys = [key for key, _text in instrument(code).items]
        answers = dict(zip(keys, values, strict=True))
        result = score(code, answers)
        QuestionnaireResponse.objects.create(
            journal=journal,
            instrument=code,
            version=instrument(code).version,
            answers=answers,
            score=result.total,
            band=result.band,
            safety_flag=result.safety_flag,
            completed_at=timezone.now() - timedelta(days=ago),
        )


def _carer_ensure(member, community) -> None:
    carer = User.objects.filter(email=DEMO_CARER).first()
    journal = member.journals.filter(community=community).first()
    if carer is None or journal is None:
        return
    Carer.objects.get_or_create(
        journal=journal,
        user=carer,
        defaults={
            "email": carer.email,
            "invite_hash": token_hash(f"demo-carer-{journal.public_id}"),
            "can_view": True,
            "can_add": True,
            "can_summarise": True,
            "status": CarerStatus.ACTIVE,
            "accepted_at": timezone.now(),
        },
    )
