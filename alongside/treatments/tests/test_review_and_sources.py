"""The knowledge base is changed through review: drafts, approval, history, export, audit."""

from io import StringIO

import pytest
import yaml
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from alongside.testing.factories import ProfileFactory
from alongside.treatments.knowledge import load_knowledge_base, seed
from alongside.treatments.models import Contraindication, Interaction, Source, Treatment
from alongside.treatments.services import knowledge_base_load, knowledge_row_approve


def _staff(email: str, group: str):
    user = ProfileFactory(display_name=email.split("@")[0], user__email=email).user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=group))
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # the console requires MFA for staff
    return user


def test_the_loader_creates_drafts_that_members_do_not_see(client, communities):
    out = StringIO()
    call_command("load_treatments", stdout=out)

    assert "wait for a medical reviewer's approval" in out.getvalue()
    assert Treatment.objects.filter(live=True).count() == 0
    assert client.get("/treatments/ldn-does-not-exist/").status_code == 404
    assert client.get("/treatments/low-dose-naltrexone/").status_code == 404
    assert "Low-dose naltrexone" not in client.get("/treatments/").content.decode()


def test_an_approved_treatment_shows_who_reviewed_it_and_its_grouped_sources(client, kb):
    page = client.get("/treatments/low-dose-naltrexone/").content.decode()

    assert "Reviewed by Dr Ada Reviewer on" in page
    assert "Regulator label or SmPC" in page
    assert "Society guideline or patient information" in page
    assert "Peer-reviewed study" in page
    assert "US prescribing information for Naltrexone tablets, section CONTRAINDICATIONS" in page
    assert "DailyMed set id 74087d2f-468d-4de1-a2fc-a489d0f2abef" in page


def test_an_unverified_detail_is_shown_as_such(client, kb):
    page = client.get("/treatments/ofatumumab/").content.decode()

    assert "details not all confirmed" in page
    assert "Not all details confirmed:" in page
    assert "FDA application number not found" in page


def test_a_change_stays_a_draft_until_a_reviewer_approves_it(client, kb, medical_reviewer):
    row = Interaction.objects.get(key="low-dose-naltrexone+class:opioid")
    row.advice = "A changed piece of advice."
    row.save_revision(log_action=True)

    page = client.get("/treatments/low-dose-naltrexone/").content.decode()
    assert "A changed piece of advice." not in page

    knowledge_row_approve(row=row, reviewer=medical_reviewer)
    page = client.get("/treatments/low-dose-naltrexone/").content.decode()
    assert "A changed piece of advice." in page
    history = ModelLogEntry.objects.for_instance(row).values_list("action", flat=True)
    assert {"wagtail.create", "wagtail.publish", "wagtail.edit"} <= set(history)


def test_reloading_an_unchanged_seed_creates_no_drafts(kb, medical_reviewer):
    counts = knowledge_base_load(kb=seed())

    assert counts["drafts"] == 0
    assert not Treatment.objects.filter(has_unpublished_changes=True).exists()


def test_a_clinical_editor_can_edit_but_only_a_reviewer_can_publish(kb):
    editor = _staff("pharmacist@example.org", "Pharmacist / clinical editor")
    reviewer = _staff("neuro@example.org", "Medical reviewers")

    for model in ("treatment", "interaction", "contraindication", "source"):
        assert editor.has_perm(f"treatments.change_{model}")
        assert not editor.has_perm(f"treatments.publish_{model}")
        assert reviewer.has_perm(f"treatments.publish_{model}")


def test_the_staff_console_refuses_members_and_lets_editors_open_a_treatment(
    client_for, kb, make_member
):
    editor = _staff("pharmacist@example.org", "Pharmacist / clinical editor")
    treatment = Treatment.objects.get(slug="fingolimod")
    url = f"/admin/snippets/treatments/treatment/edit/{treatment.pk}/"

    assert client_for(make_member()).get(url).status_code in (302, 403)
    response = client_for(editor).get(url)
    assert response.status_code == 200
    assert "Submit to Treatment knowledge base review" in response.content.decode()


def test_citations_must_name_a_known_source_of_an_accepted_kind(kb):
    row = Contraindication.objects.get(key="fingolimod@heart-block")
    Source.objects.create(
        slug="a-blog",
        kind="other",
        title="A blog",
        holder="Someone",
        url="https://example.com/blog",
    )

    row.citations = [{"source": "a-blog"}]
    with pytest.raises(Exception, match="regulator label, society guidance or peer-reviewed"):
        row.full_clean()
    row.citations = [{"source": "no-such-source"}]
    with pytest.raises(Exception, match="Unknown source: no-such-source"):
        row.full_clean()


def test_the_export_writes_the_live_base_back_in_the_seed_format(kb, tmp_path):
    call_command("export_treatments", to=str(tmp_path), stdout=StringIO())

    exported = load_knowledge_base(tmp_path)
    assert {t.slug for t in exported.treatments} == {t.slug for t in seed().treatments}
    assert {i.key for i in exported.interactions} == {i.key for i in seed().interactions}
    ldn = yaml.safe_load((tmp_path / "treatments" / "low-dose-naltrexone.yaml").read_text())
    assert ldn["dosing"]["typical"] == "4.5 mg once a day at bedtime"


def test_the_source_audit_counts_facts_by_kind_and_passes(kb):
    out = StringIO()
    call_command("audit_sources", stdout=out)

    report = out.getvalue()
    assert "regulator:" in report and "guideline:" in report and "study:" in report
    assert "Facts marked unverified:" in report
    assert "Every fact rests on at least one accepted source." in report


def test_the_source_audit_fails_when_a_fact_rests_only_on_an_unaccepted_source(kb):
    Source.objects.create(
        slug="a-blog",
        kind="other",
        title="A blog",
        holder="Someone",
        url="https://example.com/blog",
    )
    Interaction.objects.filter(key="low-dose-naltrexone+class:opioid").update(
        citations=[{"source": "a-blog"}]
    )

    with pytest.raises(CommandError, match="1 facts rest only on unaccepted sources"):
        call_command("audit_sources", stdout=StringIO())
