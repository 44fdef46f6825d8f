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
        kind: symptom
        route: oral
        summary: Naltrexone at a small dose.
        summary_source: https://example.org/ldn
        approvals:
          - {condition: multiple-sclerosis, status: off-label, source: "https://example.org/ldn"}
        dosing:
          titration:
            - {dose: 1.5, unit: mg, weeks: 2}
            - {dose: 4.5, unit: mg}
          source: https://example.org/ldn
        """,
    "data/treatments/tramadol.yaml": """\
        slug: tramadol
        name: Tramadol
        class: opioid
        communities: [ms]
        kind: opioid
        route: oral
        summary: An opioid painkiller.
        summary_source: https://example.org/tramadol
        """,
    "data/interactions.yaml": """\
        - a: low-dose-naltrexone
          b: class:opioid
          severity: contraindicated
          scheme: label
          effect: Naltrexone blocks opioids.
          advice: Do not combine them.
          source: https://example.org/ldn
        """,
    "data/contraindications.yaml": """\
        - treatment: low-dose-naltrexone
          condition: liver-failure
          severity: major
          effect: Older labels warned against it.
          advice: Ask your doctor first.
          source: https://example.org/ldn
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


def test_it_loads_the_shipped_knowledge_base():
    kb = load_knowledge_base()

    ms = [t for t in kb.treatments_for("ms") if t.kind != "other"]
    ra = [t for t in kb.treatments_for("ra") if t.kind in ("dmt", "symptom")]
    assert len(ms) >= 27
    assert len(ra) >= 6
    opioids = {t.slug for t in kb.treatments_in_class("opioid")}
    assert {"tramadol", "oxycodone"} <= opioids
    for opioid in ("tramadol", "oxycodone"):
        worst = kb.interactions_between("low-dose-naltrexone", opioid)[0]
        assert worst.severity == "contraindicated"
    liver = {c.condition: c for c in kb.contraindications_for("low-dose-naltrexone")}
    assert {"liver-failure", "acute-hepatitis"} <= liver.keys()
    assert all(liver[slug].severity == "major" for slug in ("liver-failure", "acute-hepatitis"))
    assert "current label" in liver["liver-failure"].note


def test_every_shipped_fact_has_a_web_source():
    kb = load_knowledge_base()

    sources = [t.summary_source for t in kb.treatments]
    sources += [fact.source for t in kb.treatments for fact in (*t.approvals, *t.side_effects)]
    sources += [t.dosing.source for t in kb.treatments if t.dosing]
    sources += [fact.source for fact in (*kb.interactions, *kb.contraindications)]
    assert all(source.startswith(("https://", "http://")) for source in sources)


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
              scheme: label
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
              source: https://example.org/ldn
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
              scheme: label
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
              source: https://example.org/ldn
            """,
    )

    assert "interactions.yaml:2: unknown class 'opiod'" in problems


def test_it_rejects_a_missing_source(tmp_path):
    problems = _problems(
        tmp_path,
        data__interactions="""\
            - a: low-dose-naltrexone
              b: class:opioid
              severity: contraindicated
              scheme: label
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
            """,
    )

    assert "interactions.yaml:1: missing required field 'source'" in problems


def test_it_rejects_a_source_that_is_not_a_web_address(tmp_path):
    problems = _problems(
        tmp_path,
        data__contraindications="""\
            - treatment: low-dose-naltrexone
              condition: liver-failure
              severity: major
              effect: Older labels warned against it.
              advice: Ask your doctor first.
              source: the old label
            """,
    )

    assert "contraindications.yaml:6: 'source' must be an http(s) URL" in problems


def test_it_rejects_a_bad_severity(tmp_path):
    problems = _problems(
        tmp_path,
        data__interactions="""\
            - a: low-dose-naltrexone
              b: class:opioid
              severity: serious
              scheme: label
              effect: Naltrexone blocks opioids.
              advice: Do not combine them.
              source: https://example.org/ldn
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
              source: https://example.org/ldn
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
