"""Public treatment pages: sourced facts, figures from summaries, bounded queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.treatments.models import (
    MemberTreatment,
    ReportedSideEffect,
    Treatment,
    TreatmentReport,
)
from alongside.treatments.services import insight_refresh

pytestmark = pytest.mark.django_db
LDN_URL = "/treatments/low-dose-naltrexone/"


def _reports(community, users, count: int) -> None:
    """`count` entries with reports and a side effect each, spread over `users` (bulk)."""
    ldn = Treatment.objects.get(slug="low-dose-naltrexone")
    entries = MemberTreatment.objects.bulk_create(
        MemberTreatment(
            user=users[n % len(users)],
            community=community,
            treatment=ldn,
            dose=Decimal("4.5") if n % 3 else Decimal("3"),
            unit="mg",
            started_on=date(2024, 1, 1) + timedelta(days=n % 300),
        )
        for n in range(count)
    )
    reports = TreatmentReport.objects.bulk_create(
        TreatmentReport(entry=e, effectiveness=1 + n % 5, burden=1) for n, e in enumerate(entries)
    )
    ReportedSideEffect.objects.bulk_create(
        ReportedSideEffect(report=r, name="Vivid dreams", severity="mild") for r in reports
    )
    insight_refresh(community=community, treatment=ldn)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_runs_the_same_queries_with_10_and_10000_reports(
    client_for, community, kb, make_member
):
    users = [make_member(count_in_figures=True) for _ in range(12)]
    client = client_for()
    _reports(community, users, 10)
    client.get(LDN_URL)  # warm the per-process caches (host lookup, site root paths)
    small = _queries(client, LDN_URL)
    _reports(community, users, 9_990)
    assert MemberTreatment.objects.count() == 10_000
    large = _queries(client, LDN_URL)
    assert small == large <= 12
    print(f"treatment page queries: {small}")


def test_a_signed_in_member_reads_the_page_within_twelve_queries(client_for, kb, make_member):
    client = client_for(make_member())
    client.get(LDN_URL)  # warms the caches: the live knowledge base, the site's paths
    assert _queries(client, LDN_URL) <= 12


def test_the_page_shows_the_facts_with_their_sources(client_for, kb):
    html = client_for().get(LDN_URL).content.decode()
    assert "<h1>Low-dose naltrexone (LDN)</h1>" in html
    assert "off-label" in html
    assert "Vivid dreams" in html  # a label side effect
    assert "Tramadol" in html or "Opioid" in html  # interaction
    assert "Liver failure" in html  # contraindication
    assert html.count("Source:") >= 10
    assert "National MS Society: Low-Dose Naltrexone" in html
    assert "US prescribing information for Naltrexone tablets, section CONTRAINDICATIONS" in html


def test_an_unverified_fact_is_flagged(client_for, kb):
    from alongside.treatments.models import Contraindication

    fact = Contraindication.objects.filter(unverified=True).select_related("treatment").first()
    assert fact is not None and "ms" in fact.treatment.communities
    html = client_for().get(fact.treatment.get_absolute_url()).content.decode()
    assert "Not yet verified" in html


def test_the_page_shows_member_figures_with_counts_and_intervals(
    client_for, community, kb, make_member
):
    users = [make_member(count_in_figures=True) for _ in range(12)]
    _reports(community, users, 12)
    html = client_for().get(LDN_URL).content.decode()
    assert "12 members report taking it" in html
    assert "4.5 mg: 67% of members" in html
    assert "100% (12)" in html  # everyone reported vivid dreams
    assert "76\u2013100%" in html  # its Wilson interval
    assert "<table" in html and "<svg" in html and "style=" not in html


def test_the_list_shows_only_the_communitys_treatments(client_for, kb):
    ms = client_for().get("/treatments/").content.decode()
    ra = client_for(host="ra.localhost").get("/treatments/").content.decode()
    assert "Ocrelizumab" in ms and "Ocrelizumab" not in ra
    assert "Methotrexate" in ra and "Methotrexate" not in ms
    assert client_for(host="ra.localhost").get("/treatments/ocrelizumab/").status_code == 404


def test_related_questions_are_listed_by_topic(client_for, community, kb, make_member):
    from alongside.core.models import Visibility
    from alongside.core.services import topics_ensure
    from alongside.questions.services import question_create

    question = question_create(
        author=make_member(), community=community, title="Does LDN help with fatigue?"
    )
    question.topics.set(topics_ensure(slugs_or_names=["low-dose-naltrexone"]))
    type(question).objects.filter(pk=question.pk).update(visibility=Visibility.PUBLISHED)
    html = client_for().get(LDN_URL).content.decode()
    assert "Does LDN help with fatigue?" in html


def test_the_checker_works_as_a_plain_get_form(client_for, kb):
    response = client_for().get(
        "/treatments/check/",
        {"treatments": ["low-dose-naltrexone", "oxycodone"], "conditions": ["acute-hepatitis"]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oxycodone" in html and "Acute hepatitis" in html
    assert "Talk to your doctor or pharmacist" in html and "Source:" in html


def test_the_checker_ticks_each_visitors_own_choices(client_for, kb):
    """The lists are rendered once and shared; the ticks are each request's own."""
    import re

    def ticked(query) -> set[str]:
        html = client_for().get("/treatments/check/", query).content.decode()
        boxes = re.findall(r'<input type="checkbox" name="(\w+)" value="([^"]+)"([^>]*)>', html)
        assert len(boxes) > 20
        return {(name, value) for name, value, rest in boxes if "checked" in rest}

    first = {"treatments": ["low-dose-naltrexone", "oxycodone"], "conditions": ["acute-hepatitis"]}
    assert ticked(first) == {
        ("treatments", "low-dose-naltrexone"),
        ("treatments", "oxycodone"),
        ("conditions", "acute-hepatitis"),
    }
    assert ticked({"treatments": ["baclofen"]}) == {("treatments", "baclofen")}
    assert ticked({}) == set()


def test_the_checker_says_when_nothing_clashes(client_for, kb):
    html = client_for().get("/treatments/check/", {"treatments": ["baclofen"]}).content.decode()
    assert "No clashes are recorded between these" in html


def test_the_treatment_figure_provider_counts_consenting_members(
    community, kb, make_member, entry_for
):
    from alongside.articles.figures import figure_for

    for n in range(14):
        entry_for(make_member(count_in_figures=n < 11), community, "baclofen")
    figure = figure_for(community=community, kind="treatment", subject="baclofen")
    assert figure is not None and figure.count == 10  # 11 rounded down
    assert figure_for(community=community, kind="treatment", subject="gabapentin") is None


def test_a_treatment_page_lists_the_checks_with_their_sources_in_words(client_for, kb):
    html = client_for().get("/treatments/cladribine/").content.decode()

    assert "Checks you will be asked to have" in html
    assert "A brain MRI scan before starting, usually within the 3 months before." in html
    assert "Study: Cladribine tablets review, Neurol Ther 2021, section Table 1" in html
    assert 'href="https://doi.org/10.1007/s40120-021-00243-6"' in html

    html = client_for().get("/treatments/ozanimod/").content.decode()
    assert "Blood pressure checks during treatment." in html
    assert "US prescribing information for Zeposia, section Highlights, 5.1 Infections" in html
    assert "Not yet verified in this document" in html  # the eye check read only in part


# The page body is shared between members for a minute (views.treatment_detail): what it shows
# must change at once whenever what decides it changes.


def test_a_second_member_gets_the_shared_page_with_fewer_queries(client_for, kb, make_member):
    first, second = client_for(make_member()), client_for(make_member())
    first.get(LDN_URL)
    cold = _queries(client_for(make_member()), "/treatments/baclofen/")
    warm = _queries(second, LDN_URL)
    assert warm < cold
    page = second.get(LDN_URL).content.decode()
    assert "Side effects listed by the label" in page
    assert "Save as a question for my neurologist" in page


def test_a_publish_in_the_knowledge_base_shows_at_once(
    client_for, kb, make_member, medical_reviewer
):
    from alongside.treatments.models import Interaction
    from alongside.treatments.services import knowledge_row_approve

    client = client_for(make_member())
    assert "Ask about this pairing in plain words" not in client.get(LDN_URL).content.decode()
    interaction = Interaction.objects.filter(live=True, a="low-dose-naltrexone").first() or (
        Interaction.objects.filter(live=True, b="low-dose-naltrexone").first()
    )
    interaction.advice = "Ask about this pairing in plain words."
    interaction.save_revision(user=medical_reviewer)
    knowledge_row_approve(row=interaction, reviewer=medical_reviewer)
    assert "Ask about this pairing in plain words" in client.get(LDN_URL).content.decode()


def test_a_hidden_question_leaves_the_page_at_once(client_for, community, kb, make_member):
    from alongside.core.models import Visibility
    from alongside.questions.services import question_create, question_visibility_set

    topics = [
        topic.slug for topic in Treatment.objects.get(slug="low-dose-naltrexone").topics.all()
    ]
    question = question_create(
        author=make_member(),
        community=community,
        title="Vivid dreams on a low dose?",
        topics=topics,
    )
    client = client_for(make_member())
    assert "Vivid dreams on a low dose?" in client.get(LDN_URL).content.decode()
    question_visibility_set(question=question, visibility=Visibility.HIDDEN)
    assert "Vivid dreams on a low dose?" not in client.get(LDN_URL).content.decode()


def test_the_shared_copy_keeps_each_viewer_s_own_token_and_membership(
    client_for, kb, make_member, other_community
):
    import re

    from django.test import Client

    client_for(make_member()).get(LDN_URL)  # another member's visit fills the shared copy
    outsider = client_for(make_member(other_community))  # signed in, not a member here
    page = outsider.get(LDN_URL).content.decode()
    assert "Side effects listed by the label" in page
    assert "Save as a question for my neurologist" not in page
    strict = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    strict.force_login(make_member())
    html = strict.get(LDN_URL).content.decode()
    form = html[html.index('class="save-question"') - 200 :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    action = re.search(r'action="([^"]+)"', form).group(1)
    saved = strict.post(
        action,
        {"csrfmiddlewaretoken": token, "text": "About LDN: dose?", "next": LDN_URL},
    )
    assert saved.status_code in (200, 302)  # the viewer's own token passes the CSRF check
