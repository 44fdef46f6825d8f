"""The treatment knowledge base loads from YAML and rejects bad data with file:line messages."""

from pathlib import Path
from textwrap import dedent

import pytest
import simple_icd_10_cm as icd
import yaml

from alongside.treatments.knowledge import (
    CONDITIONS_FILE,
    KnowledgeBase,
    KnowledgeBaseError,
    load_knowledge_base,
)

# A tiny but complete data set; each test breaks one thing in it.
VALID_FILES = {
    "conditions.yaml": """\
        - {slug: multiple-sclerosis, code: G35, name: Multiple sclerosis, group: neurological}
        - {slug: liver-failure, code: K72.90, name: Liver failure, group: liver}
        """,
    "data/sources.yaml": """\
        - id: naltrexone-us
          kind: regulator
          region: us
          product: Naltrexone tablets
          title: Naltrexone hydrochloride tablets - Prescribing Information
          holder: A labeler
          dailymed_setid: 74087d2f-468d-4de1-a2fc-a489d0f2abef
          url: https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=74087d2f
        - id: maker-page
          kind: other
          title: A maker's page
          holder: A maker
          url: https://example.com/naltrexone
        """,
    "data/classes.yaml": """\
        - slug: opioid
          name: Opioid painkillers
          description: Strong painkillers.
        - slug: opioid-antagonist
          name: Opioid blocker
          description: Blocks opioid painkillers.
        """,
    "data/treatments/low-dose-naltrexone.yaml": """\
        slug: low-dose-naltrexone
        name: Low-dose naltrexone
        class: opioid-antagonist
        communities: [ms]
        purpose: other
        route: oral
        summary: Naltrexone at a small dose.
        sources: [{source: naltrexone-us}]
        approvals:
          - {condition: multiple-sclerosis, status: off-label, sources: [{source: naltrexone-us}]}
        dosing:
          titration:
            - {dose: 1.5, unit: mg, weeks: 2}
            - {dose: 4.5, unit: mg}
          sources: [{source: naltrexone-us}]
        """,
    "data/treatments/tramadol.yaml": """\
        slug: tramadol
        name: Tramadol
        class: opioid
        communities: [ms]
        purpose: opioid
        route: oral
        summary: An opioid painkiller.
        sources: [{source: naltrexone-us, section: CONTRAINDICATIONS}]
        """,
    "data/interactions.yaml": """\
        - a: low-dose-naltrexone
          b: class:opioid
          severity: contraindicated
          effect: Naltrexone blocks opioids.
          advice: Do not combine them.
          sources: [{source: naltrexone-us, section: CONTRAINDICATIONS}]
        """,
    "data/contraindications.yaml": """\
        - treatment: low-dose-naltrexone
          condition: liver-failure
          severity: moderate
          effect: Older labels warned against it.
          advice: Ask your doctor first.
          sources: [{source: naltrexone-us}, {source: maker-page}]
        """,
}


def _load(tmp_path: Path, **replacements: str) -> KnowledgeBase:
    """Write VALID_FILES with some files replaced (keys use __ for / and drop .yaml)."""
    files = dict(VALID_FILES)
    for key, text in replacements.items():
        files[key.replace("__", "/") + ".yaml"] = text
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text))
    return load_knowledge_base(tmp_path / "data", tmp_path / "conditions.yaml")


def _problems(tmp_path: Path, **replacements: str) -> str:
    with pytest.raises(KnowledgeBaseError) as caught:
        _load(tmp_path, **replacements)
    return str(caught.value)


MS_DISEASE_MODIFYING = {
    "ocrelizumab",
    "ocrelizumab-hyaluronidase",
    "ofatumumab",
    "ublituximab",
    "rituximab",
    "fingolimod",
    "siponimod",
    "ozanimod",
    "ponesimod",
    "dimethyl-fumarate",
    "diroximel-fumarate",
    "monomethyl-fumarate",
    "teriflunomide",
    "cladribine",
    "alemtuzumab",
    "natalizumab",
    "interferon-beta-1a",
    "peginterferon-beta-1a",
    "interferon-beta-1b",
    "glatiramer-acetate",
    "mitoxantrone",
}


def test_it_loads_the_shipped_knowledge_base_with_every_ms_therapy():
    kb = load_knowledge_base()

    ms = {t.slug for t in kb.treatments_for("ms") if t.purpose == "disease-modifying"}
    assert ms == MS_DISEASE_MODIFYING
    purposes = {t.purpose for t in kb.treatments_for("ms")}
    assert {"relapse", "spasticity", "walking", "bladder", "fatigue", "pain", "mood"} <= purposes
    assert {"vaccine", "opioid", "heart", "infection"} <= purposes
    opioids = {t.slug for t in kb.treatments_in_class("opioid")}
    assert {"tramadol", "oxycodone"} <= opioids
    for opioid in ("tramadol", "oxycodone"):
        worst = kb.interactions_between("low-dose-naltrexone", opioid)[0]
        assert worst.severity == "contraindicated"


def test_the_liver_caution_for_ldn_follows_the_current_label_and_names_the_older_one():
    kb = load_knowledge_base()

    liver = {c.condition: c for c in kb.contraindications_for("low-dose-naltrexone")}
    for slug in ("liver-failure", "acute-hepatitis"):
        assert liver[slug].severity == "moderate"
        assert "current label no longer lists it" in liver[slug].note
        assert "Older naltrexone labels" in liver[slug].note
        assert [c.source for c in liver[slug].sources] == [
            "naltrexone-us",
            "naltrexone-older-label",
        ]


def test_every_shipped_fact_rests_on_an_accepted_primary_source():
    kb = load_knowledge_base()
    sources = {source.id: source for source in kb.sources}

    facts = [fact for t in kb.treatments for fact in (*t.approvals, *t.side_effects, *t.monitoring)]
    facts += [t.dosing for t in kb.treatments if t.dosing]
    facts += [*kb.interactions, *kb.contraindications]
    resting_on = [{sources[c.source].kind for c in fact.sources} for fact in facts]
    assert len(facts) > 150
    assert all(kinds & {"regulator", "guideline", "study"} for kinds in resting_on)


def test_no_shipped_source_is_an_aggregator_test_server_insurer_or_marketing_site():
    kb = load_knowledge_base()
    refused = (
        "drugs.com",
        "mimsdev",
        "azurewebsites",
        "rxreasoner",
        "blackboxrx",
        "goodrx",
        "sideeffects.com",
        "optumrx",
        "bcbsnd",
        "cohenandmalad",
        "ocrevus.com",
    )

    links = [s.url for s in kb.sources if s.kind != "other"]
    assert not [url for url in links if any(name in url for name in refused)]


def test_it_loads_a_small_valid_data_set(tmp_path):
    kb = _load(tmp_path)

    assert kb.treatment("low-dose-naltrexone").dosing.titration[0].weeks == 2
    assert kb.interactions_between("tramadol", "low-dose-naltrexone")[0].severity == (
        "contraindicated"
    )
    assert kb.interactions_between("tramadol", "tramadol") == ()


def test_it_rejects_an_unknown_treatment_in_an_interaction(tmp_path):
    problems = _problems(
        tmp_path,
        data__interactions="""\
            - a: low-dose-naltrexone
              b: tramadl
              severity: contraindicated
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
              sources: [{source: naltrexone-us}]
            """,
    )

    assert "interactions.yaml:2: unknown treatment 'tramadl'" in problems


def test_it_rejects_an_unknown_class_in_an_interaction(tmp_path):
    problems = _problems(
        tmp_path,
        data__interactions="""\
            - a: low-dose-naltrexone
              b: class:opiod
              severity: contraindicated
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
              sources: [{source: naltrexone-us}]
            """,
    )

    assert "interactions.yaml:2: unknown class 'opiod'" in problems


def test_it_rejects_a_fact_without_sources(tmp_path):
    problems = _problems(
        tmp_path,
        data__interactions="""\
            - a: low-dose-naltrexone
              b: class:opioid
              severity: contraindicated
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
            """,
    )

    assert "interactions.yaml:1: missing required field 'sources'" in problems


def test_it_rejects_a_fact_resting_only_on_a_source_of_an_unaccepted_kind(tmp_path):
    problems = _problems(
        tmp_path,
        data__contraindications="""\
            - treatment: low-dose-naltrexone
              condition: liver-failure
              severity: major
              effect: Older labels warned against it.
              advice: Ask your doctor first.
              sources: [{source: maker-page}]
            """,
    )

    assert "contraindications.yaml:6: rests only on sources of kinds that are not accepted" in (
        problems
    )


def test_it_rejects_an_aggregator_passed_off_as_a_regulator_label(tmp_path):
    sources = VALID_FILES["data/sources.yaml"].replace(
        "https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=74087d2f",
        "https://www.drugs.com/pro/naltrexone.html",
    )
    problems = _problems(tmp_path, data__sources=sources)

    assert "sources.yaml:8: a regulator source must link to its publisher, not 'drugs.com'" in (
        problems
    )


def test_it_rejects_a_study_without_a_doi_or_pmid(tmp_path):
    sources = (
        VALID_FILES["data/sources.yaml"].rstrip(" ")
        + """\
        - id: a-trial
          kind: study
          title: A trial
          holder: Someone et al.
          url: https://doi.org/10.1000/xyz
        """
    )
    problems = _problems(tmp_path, data__sources=sources)

    assert "sources.yaml:14: a study needs its DOI or PMID" in problems


def test_it_rejects_a_citation_of_an_unknown_source(tmp_path):
    problems = _problems(
        tmp_path,
        data__contraindications="""\
            - treatment: low-dose-naltrexone
              condition: liver-failure
              severity: major
              effect: Older labels warned against it.
              advice: Ask your doctor first.
              sources: [{source: naltrexone-uk}]
            """,
    )

    assert "contraindications.yaml:6: unknown source 'naltrexone-uk'" in problems


def test_it_rejects_a_bad_severity(tmp_path):
    problems = _problems(
        tmp_path,
        data__interactions="""\
            - a: low-dose-naltrexone
              b: class:opioid
              severity: serious
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
              sources: [{source: naltrexone-us}]
            """,
    )

    assert "interactions.yaml:3: bad severity 'serious'" in problems


def test_it_rejects_an_unknown_condition(tmp_path):
    problems = _problems(
        tmp_path,
        data__contraindications="""\
            - treatment: low-dose-naltrexone
              condition: liver-falure
              severity: major
              effect: Older labels warned against it.
              advice: Ask your doctor first.
              sources: [{source: naltrexone-us}]
            """,
    )

    assert "contraindications.yaml:2: unknown condition 'liver-falure'" in problems


def test_it_rejects_a_slug_that_differs_from_its_file_name(tmp_path):
    problems = _problems(
        tmp_path,
        data__treatments__tramadol=VALID_FILES["data/treatments/tramadol.yaml"].replace(
            "slug: tramadol", "slug: tramadole"
        ),
    )

    assert (
        "treatments/tramadol.yaml:1: slug 'tramadole' differs from its file name 'tramadol.yaml'"
        in problems
    )


def test_it_rejects_an_unknown_key(tmp_path):
    problems = _problems(
        tmp_path,
        data__treatments__tramadol=VALID_FILES["data/treatments/tramadol.yaml"].replace(
            "summary:", "sumary:"
        ),
    )

    assert "treatments/tramadol.yaml:7: unknown key 'sumary'" in problems
    assert "treatments/tramadol.yaml:1: missing required field 'summary'" in problems


def test_it_rejects_a_duplicate_class_slug(tmp_path):
    problems = _problems(
        tmp_path,
        data__classes=VALID_FILES["data/classes.yaml"].replace(
            "slug: opioid-antagonist", "slug: opioid"
        ),
    )

    assert "classes.yaml:4: duplicate class slug 'opioid' (first at classes.yaml:1)" in problems


def test_it_lists_every_problem_at_once(tmp_path):
    with pytest.raises(KnowledgeBaseError) as caught:
        _load(
            tmp_path,
            data__interactions=VALID_FILES["data/interactions.yaml"].replace(
                "severity: contraindicated", "severity: serious"
            ),
            data__contraindications=VALID_FILES["data/contraindications.yaml"].replace(
                "condition: liver-failure", "condition: liver-falure"
            ),
        )

    assert caught.value.problems == (
        "interactions.yaml:3: bad severity 'serious' "
        "(expected one of: contraindicated, major, moderate, minor)",
        "contraindications.yaml:2: unknown condition 'liver-falure'",
    )


def test_every_condition_code_is_a_valid_icd_10_cm_code():
    conditions = yaml.safe_load(CONDITIONS_FILE.read_text())

    invalid = [c["code"] for c in conditions if not icd.is_valid_item(c["code"])]
    assert conditions
    assert invalid == []


def test_every_approved_ms_disease_modifying_therapy_lists_its_checks_but_the_known_gaps():
    """Members are told which tests to expect. The one left out, monomethyl fumarate, had no
    acceptable document with its monitoring text in this pass (only drug-information aggregators
    carried its label's text); this test fails when it gets its checks, to update the list."""
    kb = load_knowledge_base()
    sources = {source.id: source for source in kb.sources}

    dmts = [
        t
        for t in kb.treatments_for("ms")
        if t.purpose == "disease-modifying" and any(a.status == "approved" for a in t.approvals)
    ]
    without_checks = {t.slug for t in dmts if not t.monitoring}
    assert without_checks == {"monomethyl-fumarate"}
    for treatment in dmts:
        for check in treatment.monitoring:
            assert {sources[c.source].kind for c in check.sources} & {"regulator", "study"}
            assert all(c.section for c in check.sources), (treatment.slug, check.what)
