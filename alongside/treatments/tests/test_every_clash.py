"""Every interaction and contraindication in the knowledge base is raised, once, by the checker
and on a member's list: no pair can be silently missed."""

from alongside.accounts.services import member_conditions_set
from alongside.treatments.knowledge import CLASS_PREFIX
from alongside.treatments.selectors import check, my_treatments_for


def _one_treatment_for(kb, party: str, other: str | None = None) -> str:
    if party.startswith(CLASS_PREFIX):
        members = kb.treatments_in_class(party.removeprefix(CLASS_PREFIX))
        return next(t.slug for t in members if t.slug != other)
    return party


def test_every_interaction_is_raised_by_the_checker_and_on_a_members_list(
    kb, make_member, entry_for, community
):
    missed = []
    for interaction in kb.interactions:
        a = _one_treatment_for(kb, interaction.a)
        b = _one_treatment_for(kb, interaction.b, other=a)
        member = make_member()
        entry_for(member, community, a)
        entry_for(member, community, b)
        checked = [
            c
            for c in check(treatments=[a, b], conditions=[])
            if {c.first_slug, c.second_slug} == {a, b}
        ]
        listed = my_treatments_for(user=member, community=community).clashes
        if len(checked) != 1 or len(listed) != 1 or checked[0].severity != listed[0].severity:
            missed.append(interaction.key)
    assert missed == []


def test_every_contraindication_is_raised_by_the_checker_and_on_a_members_list(
    kb, make_member, entry_for, community
):
    missed = []
    for contra in kb.contraindications:
        member = make_member()
        member_conditions_set(user=member, slugs=[contra.condition])
        entry_for(member, community, contra.treatment)
        checked = check(treatments=[contra.treatment], conditions=[contra.condition])
        listed = my_treatments_for(user=member, community=community).clashes
        if len(checked) != 1 or len(listed) != 1:
            missed.append(contra.key)
    assert missed == []


def test_a_clash_stated_in_both_directions_and_by_several_documents_is_one_warning(kb):
    found = check(treatments=["tramadol", "low-dose-naltrexone"], conditions=[])

    assert len(found) == 1
    assert found[0].severity == "contraindicated"
    labels = [c.label for c in found[0].citations]
    assert "US prescribing information for Naltrexone tablets, section CONTRAINDICATIONS" in labels
    assert "National MS Society: Low-Dose Naltrexone" in labels


def test_a_pair_named_directly_and_through_its_class_folds_under_the_worst_grade(kb):
    found = check(treatments=["tizanidine", "fluvoxamine"], conditions=[])

    assert [c.severity for c in found] == ["contraindicated"]
    sections = [c.label.rsplit("section ", 1)[-1] for c in found[0].citations]
    assert sections == ["4 Contraindications", "7.1 CYP1A2 inhibitors"]


def test_a_sleeping_tablet_with_an_opioid_is_one_warning_from_the_opioid_boxed_warning(kb):
    found = check(treatments=["zolpidem", "tramadol"], conditions=[])

    assert [c.severity for c in found] == ["major"]
    labels = [c.label for c in found[0].citations]
    tramadol = (
        "US prescribing information for Tramadol hydrochloride tablets, section Boxed warning"
    )
    assert tramadol in labels
