"""Export and erasure of treatment histories; the demo's treatment step."""

import io

import pytest
from django.core.management import call_command

from alongside.core import privacy
from alongside.treatments.models import MemberTreatment, TreatmentInsight

pytestmark = pytest.mark.django_db


def _contributor():
    return next(c for c in privacy.contributors() if c.name == "treatments")


def test_a_member_exports_their_treatment_history(community, make_member, entry_for):
    user = make_member()
    entry_for(user, community, "baclofen", dose=10, effectiveness=4, effects=("Drowsiness",))
    exported = _contributor().export(user)["treatment_entries"]
    assert exported[0]["treatment"] == "baclofen" and exported[0]["dose"] == "10 mg"
    assert exported[0]["effectiveness"] == 4


@pytest.mark.parametrize("keep_posts", [True, False])
def test_erasing_a_member_deletes_their_health_records(
    community, make_member, entry_for, keep_posts
):
    user, other = make_member(), make_member()
    entry_for(user, community, "baclofen", dose=10, effectiveness=4)
    entry_for(other, community, "baclofen", dose=10)
    _contributor().erase(user=user, keep_posts=keep_posts)
    assert not MemberTreatment.objects.filter(user=user).exists()
    assert MemberTreatment.objects.filter(user=other).exists()


def test_the_load_command_reports_the_knowledge_base_and_can_run_twice(communities):
    from alongside.treatments.knowledge import seed
    from alongside.treatments.models import Interaction, Treatment

    first, second = io.StringIO(), io.StringIO()
    call_command("load_treatments", stdout=first)
    call_command("load_treatments", stdout=second)
    kb = seed()
    counts = f"{len(kb.treatments)} treatments, {len(kb.interactions)} interactions"
    assert counts in first.getvalue()
    assert "0 new or changed rows" in second.getvalue()
    assert Treatment.objects.count() == len(kb.treatments)
    assert Interaction.objects.count() == len(kb.interactions)


def test_the_demo_gives_the_four_ms_pages_real_figures_and_the_member_a_clash(client_for):
    call_command("load_demo", members=120, ra_members=30, quiet=True, stdout=io.StringIO())
    entries = MemberTreatment.objects.count()
    call_command("load_demo", members=120, ra_members=30, quiet=True, stdout=io.StringIO())
    assert MemberTreatment.objects.count() == entries  # a second run adds nothing
    for slug in ("low-dose-naltrexone", "ocrelizumab", "baclofen", "gabapentin"):
        insight = TreatmentInsight.objects.get(community__slug="ms", treatment__slug=slug)
        assert insight.member_count >= 20, slug
        assert insight.figures["side_effects"]["base"] >= 10, slug
    from alongside.accounts.models import User

    member = User.objects.get(email="member@demo.alongside.localhost")
    html = client_for(member).get("/treatments/mine/").content.decode()
    assert "Tramadol" in html and "Talk to your doctor or pharmacist" in html
