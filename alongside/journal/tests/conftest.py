from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.journal import services
from alongside.journal.models import Carer, CarerStatus
from alongside.journal.selectors import Access, local_today
from alongside.teams.services import team_link_create
from alongside.treatments.tests.conftest import medical_reviewer  # noqa: F401


@pytest.fixture
def owner(make_member):
    return make_member(display_name="Rowan")


@pytest.fixture
def journal(owner, community):
    return services.journal_get_or_create(owner=owner, community=community)


@pytest.fixture
def own_access(journal, owner):
    return Access(journal, owner)


@pytest.fixture
def carer_for(journal, make_member):
    """An accepted carer with the given permissions (status ACTIVE unless revoked=True)."""

    def make(*, view=False, add=False, summarise=False, revoked=False, name="Sam", user=None):
        user = user or make_member(display_name=name)
        carer = Carer.objects.create(
            journal=journal,
            email=user.email,
            user=user,
            invite_hash=f"hash-{user.pk}",
            can_view=view,
            can_add=add,
            can_summarise=summarise,
            status=CarerStatus.REVOKED if revoked else CarerStatus.ACTIVE,
            accepted_at=timezone.now(),
        )
        return carer

    return make


@pytest.fixture
def filled(journal, own_access, owner):
    """A journal with a check-in today, a relapse, a question and a summary."""
    today = local_today(owner)
    services.checkin_save(access=own_access, day=today, scores={"fatigue": 3}, note="Tired")
    relapse = services.relapse_save(
        access=own_access,
        values={
            "started_on": today - timedelta(days=20),
            "what_changed": "Blurred vision in my left eye",
            "over_24_hours": "yes",
        },
    )
    question = services.question_save(journal=journal, text="Should I change my dose?")
    summary = services.summary_save(
        access=own_access,
        period_start=today - timedelta(days=90),
        period_end=today,
        concern="My walking is worse",
    )
    return {"relapse": relapse, "question": question, "summary": summary, "today": today}


@pytest.fixture
def people(owner, journal, make_member, other_community, community, carer_for):
    stranger = make_member(display_name="Stranger")
    teammate = make_member(display_name="Teammate")
    team_link_create(community=community, a=owner, b=teammate)
    return {
        "owner": owner,
        "stranger": stranger,
        "teammate": teammate,
        "outsider": make_member(other_community),
        "carer_view": carer_for(view=True, name="Viewer").user,
        "carer_add": carer_for(add=True, name="Adder").user,
        "carer_summarise": carer_for(summarise=True, name="Summariser").user,
        "carer_revoked": carer_for(
            view=True, add=True, summarise=True, revoked=True, name="Former"
        ).user,
    }


@pytest.fixture
def kb(communities, medical_reviewer):  # noqa: F811
    """The shipped knowledge base, approved by a medical reviewer (live)."""
    from alongside.treatments.knowledge import seed
    from alongside.treatments.services import knowledge_base_load

    knowledge_base_load(kb=seed(), reviewer=medical_reviewer)
    return seed()


@pytest.fixture
def entry_for(kb):
    """A treatment entry written directly (no clash check), with dose steps dated a month
    apart from `started`."""
    from datetime import date
    from decimal import Decimal

    from alongside.treatments.models import MemberTreatment, Treatment

    def make(user, community, slug, *, dose=None, started=None, titration=(), **extra):
        started = started or date.today() - timedelta(days=120)
        steps = [
            {"dose": d, "unit": "mg", "from": (started + timedelta(days=30 * n)).isoformat()}
            for n, d in enumerate(titration)
        ]
        return MemberTreatment.objects.create(
            user=user,
            community=community,
            treatment=Treatment.objects.get(slug=slug),
            dose=Decimal(str(dose)) if dose is not None else None,
            unit="mg" if dose is not None else "",
            started_on=started,
            titration=steps,
            **extra,
        )

    return make
