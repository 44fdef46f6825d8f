from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from alongside.testing.factories import ProfileFactory
from alongside.treatments.knowledge import seed
from alongside.treatments.models import (
    MemberTreatment,
    ReportedSideEffect,
    Treatment,
    TreatmentReport,
)
from alongside.treatments.services import knowledge_base_load


@pytest.fixture
def medical_reviewer(db):
    user = ProfileFactory(
        display_name="Dr Ada Reviewer", user__email="dr.reviewer@example.org"
    ).user
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    return user


@pytest.fixture
def kb(communities, medical_reviewer):
    """The shipped seed, loaded and approved by a medical reviewer (live)."""
    knowledge_base_load(kb=seed(), reviewer=medical_reviewer)
    return seed()


@pytest.fixture
def entry_for(kb):
    """An entry with an optional report, written directly (no clash check, no task)."""

    def make(
        user,
        community,
        slug,
        *,
        dose=None,
        unit="mg",
        started=None,
        stopped=None,
        reason="",
        titration=(),
        effectiveness=None,
        burden=None,
        effects=(),
        **extra,
    ):
        entry = MemberTreatment.objects.create(
            user=user,
            community=community,
            treatment=Treatment.objects.get(slug=slug),
            dose=Decimal(str(dose)) if dose is not None else None,
            unit=unit if dose is not None else "",
            started_on=started or date(2025, 1, 1),
            stopped_on=stopped,
            stop_reason=reason,
            titration=[{"dose": d, "unit": unit, "from": None} for d in titration],
            **extra,
        )
        if effectiveness or burden or effects:
            report = TreatmentReport.objects.create(
                entry=entry, effectiveness=effectiveness, burden=burden
            )
            for name in effects:
                ReportedSideEffect.objects.create(report=report, name=name, severity="mild")
        return entry

    return make
