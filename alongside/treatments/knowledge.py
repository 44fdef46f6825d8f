"""The treatment knowledge base's seed and export format: YAML under ``data/``, read and checked
in pure Python.

Every fact cites at least one primary document listed in ``sources.yaml`` (a regulator's label
or SmPC, a society's guidance or patient information, a peer-reviewed study), with the section.
The check is an allowlist: a source's kind must be accepted and its link must sit on a
publisher accepted for that kind, so an aggregator cannot pass as a label. Loading checks every
file and reports all problems at once, one per line as ``file:line: message``. No Django here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

DATA_DIR = Path(__file__).parent / "data"
CONDITIONS_FILE = Path(__file__).parents[1] / "accounts" / "data" / "conditions.yaml"

SEVERITIES = ("contraindicated", "major", "moderate", "minor")  # worst first
SCHEMES = ("label",)
APPROVAL_STATUSES = ("approved", "off-label", "withdrawn")
COMMUNITIES = ("ms", "ra")
PURPOSES = (
    "disease-modifying",
    "relapse",
    "spasticity",
    "walking",
    "bladder",
    "fatigue",
    "pain",
    "mood",
    "sleep",
    "dmard",
    "biologic",
    "steroid",
    "nsaid",
    "opioid",
    "vaccine",
    "infection",
    "heart",
    "other",
)
SOURCE_KINDS = ("regulator", "guideline", "study", "other")
ACCEPTED_KINDS = ("regulator", "guideline", "study")
REGIONS = ("us", "eu", "uk", "intl")
# Where a source of each accepted kind may link to: the regulator, the society, the journal's
# DOI or PubMed. Copies read elsewhere go in `read_url`, never here.
PUBLISHERS = {
    "regulator": (
        "fda.gov",
        "dailymed.nlm.nih.gov",
        "ema.europa.eu",
        "ec.europa.eu",
        "mhra.gov.uk",
        "canada.ca",
        "medicines.org.uk",  # the UK's electronic medicines compendium of authorised SmPCs
    ),
    "guideline": (
        "nationalmssociety.org",
        "mssociety.org.uk",
        "nhs.uk",
        "nice.org.uk",
        "aan.com",
        "rheumatology.org",
        "rheumatology.org.uk",
        "versusarthritis.org",
        "arthritisresearchuk.org",
        "rheumatology.org.au",
        "cdc.gov",
    ),
    "study": ("doi.org", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"),
}
ROUTES = ("oral", "injection", "infusion", "other")
CLASS_PREFIX = "class:"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class KnowledgeBaseError(ValueError):
    """The data files are invalid; ``problems`` holds one ``file:line: message`` per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class TreatmentClass:
    slug: str
    name: str
    description: str
    members: tuple[str, ...] = ()  # treatments whose primary class is another one


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    holder: str
    url: str
    region: str = ""
    product: str = ""
    doi: str = ""
    pmid: str = ""
    fda_application: str = ""
    dailymed_setid: str = ""
    ema_product: str = ""
    revision: str = ""
    read_url: str = ""
    read_on: str = ""
    unverified: bool = False
    note: str = ""

    @property
    def accepted(self) -> bool:
        return self.kind in ACCEPTED_KINDS


@dataclass(frozen=True)
class Citation:
    source: str  # a Source id
    section: str = ""


@dataclass(frozen=True)
class Approval:
    condition: str
    status: str
    sources: tuple[Citation, ...]
    note: str = ""
    unverified: bool = False


@dataclass(frozen=True)
class SideEffect:
    name: str
    sources: tuple[Citation, ...]
    frequency: str = ""
    unverified: bool = False


@dataclass(frozen=True)
class Monitoring:
    """A check members are asked to have: blood tests, first-dose monitoring, MRI..."""

    what: str
    sources: tuple[Citation, ...]
    unverified: bool = False


@dataclass(frozen=True)
class TitrationStep:
    dose: float
    unit: str
    weeks: int | None = None  # None: the source does not say how long this step lasts


@dataclass(frozen=True)
class Dosing:
    sources: tuple[Citation, ...]
    typical: str = ""
    titration: tuple[TitrationStep, ...] = ()
    note: str = ""
    unverified: bool = False


@dataclass(frozen=True)
class Treatment:
    slug: str
    name: str
    class_slug: str
    communities: tuple[str, ...]
    purpose: str
    route: str
    summary: str
    sources: tuple[Citation, ...]
    abbreviation: str = ""
    brand_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    approvals: tuple[Approval, ...] = ()
    side_effects: tuple[SideEffect, ...] = ()
    dosing: Dosing | None = None
    monitoring: tuple[Monitoring, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Interaction:
    """``a`` and ``b`` are each a treatment slug or ``class:<class slug>``."""

    a: str
    b: str
    severity: str
    scheme: str
    effect: str
    advice: str
    sources: tuple[Citation, ...]
    unverified: bool = False
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.a}+{self.b}"


@dataclass(frozen=True)
class Contraindication:
    treatment: str
    condition: str
    severity: str
    effect: str
    advice: str
    sources: tuple[Citation, ...]
    scheme: str = "label"
    unverified: bool = False
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.treatment}@{self.condition}"


@dataclass(frozen=True)
class KnowledgeBase:
    sources: tuple[Source, ...]
    classes: tuple[TreatmentClass, ...]
    treatments: tuple[Treatment, ...]
    interactions: tuple[Interaction, ...]
    contraindications: tuple[Contraindication, ...]

    @cached_property
    def _treatments_by_slug(self) -> dict[str, Treatment]:
        return {treatment.slug: treatment for treatment in self.treatments}

    @cached_property
    def _classes_by_slug(self) -> dict[str, TreatmentClass]:
        return {treatment_class.slug: treatment_class for treatment_class in self.classes}

    def treatment(self, slug: str) -> Treatment:
        """Raises KeyError for a slug that is not in the knowledge base."""
        return self._treatments_by_slug[slug]

    def treatment_class(self, slug: str) -> TreatmentClass:
        """Raises KeyError for a slug that is not in the knowledge base."""
        return self._classes_by_slug[slug]

    def treatments_for(self, community: str) -> tuple[Treatment, ...]:
        return tuple(t for t in self.treatments if community in t.communities)

    def treatments_in_class(self, slug: str) -> tuple[Treatment, ...]:
        """Treatments whose primary class is ``slug`` plus the class's listed members."""
        members = set(self.treatment_class(slug).members)
        return tuple(t for t in self.treatments if t.class_slug == slug or t.slug in members)

    @cached_property
    def _class_slugs_by_treatment(self) -> dict[str, frozenset[str]]:
        return {
            t.slug: frozenset(
                (t.class_slug, *(c.slug for c in self.classes if t.slug in c.members))
            )
            for t in self.treatments
        }

    def class_slugs_of(self, treatment_slug: str) -> frozenset[str]:
        """The primary class and every class listing the treatment as a member."""
        return self._class_slugs_by_treatment[treatment_slug]

    def interactions_between(self, first: str, second: str) -> tuple[Interaction, ...]:
        """Interactions between two different treatments (slugs), worst first."""
        if first == second:
            return ()
        found = (i for i in self.interactions if self._pairs(i, first, second))
        return tuple(sorted(found, key=lambda i: SEVERITIES.index(i.severity)))

    def contraindications_for(self, treatment_slug: str) -> tuple[Contraindication, ...]:
        return tuple(c for c in self.contraindications if c.treatment == treatment_slug)

    def _pairs(self, interaction: Interaction, first: str, second: str) -> bool:
        a, b = interaction.a, interaction.b
        forward = self._matches(a, first) and self._matches(b, second)
        return forward or (self._matches(a, second) and self._matches(b, first))

    def _matches(self, party: str, treatment_slug: str) -> bool:
        if party.startswith(CLASS_PREFIX):
            return party.removeprefix(CLASS_PREFIX) in self.class_slugs_of(treatment_slug)
        return party == treatment_slug


def load_knowledge_base(
    data_dir: Path = DATA_DIR, conditions_file: Path = CONDITIONS_FILE
) -> KnowledgeBase:
    """Read and check every data file; raise KnowledgeBaseError listing all problems found."""
    reader = _Reader(data_dir)
    conditions = _read_condition_slugs(reader, conditions_file)
    sources = tuple(_read_source(r) for r in reader.list_file("sources.yaml"))
    reader.sources = {source.id: source for source in sources}
    classes = tuple(_read_class(r) for r in reader.list_file("classes.yaml"))
    treatments = tuple(_read_treatment(r) for r in reader.treatment_files())
    interactions = tuple(_read_interaction(r) for r in reader.list_file("interactions.yaml"))
    contras = tuple(_read_contraindication(r) for r in reader.list_file("contraindications.yaml"))
    _check_references(reader, conditions, classes, treatments)
    if reader.problems:
        raise KnowledgeBaseError(reader.problems)
    return KnowledgeBase(sources, classes, treatments, interactions, contras)


# Reading YAML with line numbers.


class _Mapping(dict):
    """A YAML mapping that remembers where it and each of its keys start (1-based lines)."""

    line: int
    key_lines: dict[str, int]
    duplicate_keys: tuple[str, ...]


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    keys = [key_node.value for key_node, _ in node.value]
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {key_node.value: key_node.start_mark.line + 1 for key_node, _ in node.value}
    mapping.duplicate_keys = tuple(sorted({key for key in keys if keys.count(key) > 1}))
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class _At:
    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class _Reference:
    at: _At
    kind: str  # "treatment", "class" or "condition"
    slug: str


@dataclass
class _Reader:
    """Reads the data files, collecting problems and cross-references to check at the end."""

    data_dir: Path
    problems: list[str] = field(default_factory=list)
    references: list[_Reference] = field(default_factory=list)
    slugs_seen: dict[tuple[str, str], _At] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def report(self, at: _At, message: str) -> None:
        self.problems.append(f"{at}: {message}")

    def load(self, path: Path, label: str) -> Any:
        """Parse one YAML file; None (with a problem reported) when it is missing or broken."""
        try:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
        except FileNotFoundError:
            self.report(_At(label), "file not found")
        except yaml.MarkedYAMLError as error:
            line = error.problem_mark.line + 1 if error.problem_mark else None
            self.report(_At(label, line), f"invalid YAML: {error.problem}")
        return None

    def list_file(self, name: str) -> list[_Record]:
        return self.records_in(self.load(self.data_dir / name, name), _At(name, 1))

    def records_in(self, value: Any, at: _At) -> list[_Record]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, _Mapping) for v in value):
            self.report(at, "expected a list of mappings")
            return []
        return [_Record(self, at.file, mapping) for mapping in value]

    def treatment_files(self) -> list[_Record]:
        paths = sorted((self.data_dir / "treatments").glob("*.yaml"))
        if not paths:
            self.report(_At("treatments/"), "no treatment files")
        return [record for path in paths if (record := self._treatment_file(path))]

    def _treatment_file(self, path: Path) -> _Record | None:
        label = f"treatments/{path.name}"
        value = self.load(path, label)
        if not isinstance(value, _Mapping):
            if value is not None:
                self.report(_At(label, 1), "expected a mapping")
            return None
        return _Record(self, label, value)

    def claim_slug(self, kind: str, slug: str, at: _At) -> None:
        if not slug:
            return
        first = self.slugs_seen.setdefault((kind, slug), at)
        if first != at:
            self.report(at, f"duplicate {kind} slug '{slug}' (first at {first})")


@dataclass
class _Record:
    """One YAML mapping being read; every problem is reported at its file and line."""

    reader: _Reader
    file: str
    mapping: _Mapping

    def at(self, key: str | None = None) -> _At:
        return _At(self.file, self.mapping.key_lines.get(key, self.mapping.line))

    def report(self, key: str | None, message: str) -> None:
        self.reader.report(self.at(key), message)

    def refer(self, key: str, kind: str, slug: str) -> None:
        self.reader.references.append(_Reference(self.at(key), kind, slug))

    def check_keys(self, required: frozenset[str], optional: frozenset[str]) -> None:
        for key in self.mapping:
            if key not in required | optional:
                self.report(key, f"unknown key '{key}'")
        for key in sorted(required - self.mapping.keys()):
            self.report(None, f"missing required field '{key}'")
        for key in self.mapping.duplicate_keys:
            self.report(key, f"duplicate key '{key}'")

    def text(self, key: str) -> str:
        """The stripped text at ``key``; "" when absent (a missing required key is reported
        by check_keys)."""
        if key not in self.mapping:
            return ""
        value = self.mapping[key]
        if not isinstance(value, str) or not value.strip():
            self.report(key, f"'{key}' must be non-empty text")
            return ""
        return value.strip()

    def slug(self, key: str = "slug") -> str:
        value = self.text(key)
        if value and not _SLUG.match(value):
            self.report(key, f"'{key}' must be a lowercase-hyphenated slug, got '{value}'")
        return value

    def url(self, key: str) -> str:
        url = self.text(key)
        if url and not _is_web_url(url):
            self.report(key, f"'{key}' must be an http(s) URL, got '{url}'")
        return url

    def citations(self, key: str = "sources") -> tuple[Citation, ...]:
        """The cited sources; at least one must be of an accepted kind (the allowlist)."""
        cited = tuple(_read_citation(r) for r in self.records(key))
        known = self.reader.sources
        if key in self.mapping and not cited:
            self.report(key, "cite at least one source")
        elif cited and not any(c.source in known and known[c.source].accepted for c in cited):
            self.report(key, "rests only on sources of kinds that are not accepted")
        return cited

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value and value not in allowed:
            self.report(key, f"bad {key} '{value}' (expected one of: {', '.join(allowed)})")
        return value

    def flag(self, key: str) -> bool:
        value = self.mapping.get(key, False)
        if not isinstance(value, bool):
            self.report(key, f"'{key}' must be true or false")
            return False
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.mapping.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.report(key, f"'{key}' must be a list of text")
            return ()
        return tuple(value)

    def choices(self, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = self.strings(key)
        for value in values:
            if value not in allowed:
                self.report(key, f"bad {key} '{value}' (expected one of: {', '.join(allowed)})")
        return values

    def number(self, key: str) -> float:
        value = self.mapping.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.report(key, f"'{key}' must be a positive number")
            return 0.0
        return float(value)

    def whole_number(self, key: str) -> int | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.report(key, f"'{key}' must be a positive whole number")
            return None
        return value

    def records(self, key: str) -> list[_Record]:
        return self.reader.records_in(self.mapping.get(key), self.at(key))

    def record(self, key: str) -> _Record | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, _Mapping):
            self.report(key, f"'{key}' must be a mapping")
            return None
        return _Record(self.reader, self.file, value)


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def _fields(*names: str) -> frozenset[str]:
    return frozenset(names)


# One reader per record type.

_CLASS_REQUIRED = _fields("slug", "name", "description")
_CLASS_OPTIONAL = _fields("members")
_SOURCE_REQUIRED = _fields("id", "kind", "title", "holder", "url")
_SOURCE_OPTIONAL = _fields(
    "region",
    "product",
    "doi",
    "pmid",
    "fda_application",
    "dailymed_setid",
    "ema_product",
    "revision",
    "read_url",
    "read_on",
    "unverified",
    "note",
)
_TREATMENT_REQUIRED = _fields(
    "slug", "name", "class", "communities", "purpose", "route", "summary", "sources"
)
_TREATMENT_OPTIONAL = _fields(
    "abbreviation",
    "brand_names",
    "aliases",
    "approvals",
    "side_effects",
    "dosing",
    "monitoring",
    "topics",
)
_APPROVAL_REQUIRED = _fields("condition", "status", "sources")
_SIDE_EFFECT_REQUIRED = _fields("name", "sources")
_MONITORING_REQUIRED = _fields("what", "sources")
_DOSING_REQUIRED = _fields("sources")
_DOSING_OPTIONAL = _fields("typical", "titration", "note", "unverified")
_STEP_REQUIRED = _fields("dose", "unit")
_INTERACTION_REQUIRED = _fields("a", "b", "severity", "effect", "advice", "sources")
_CONTRA_REQUIRED = _fields("treatment", "condition", "severity", "effect", "advice", "sources")
_FACT_OPTIONAL = _fields("unverified", "note", "scheme")


def _read_condition_slugs(reader: _Reader, path: Path) -> frozenset[str]:
    label = path.name
    rows = reader.records_in(reader.load(path, label), _At(label, 1))
    return frozenset(row.slug() for row in rows if "slug" in row.mapping)


def _read_source(record: _Record) -> Source:
    record.check_keys(_SOURCE_REQUIRED, _SOURCE_OPTIONAL)
    slug = record.slug("id")
    record.reader.claim_slug("source", slug, record.at("id"))
    kind = record.choice("kind", SOURCE_KINDS)
    url = record.url("url")
    _check_publisher(record, kind, url)
    values = {key: record.text(key) for key in _SOURCE_OPTIONAL - {"unverified", "read_url"}}
    if values["region"] and values["region"] not in REGIONS:
        record.report("region", f"bad region '{values['region']}'")
    if kind == "study" and not (values["doi"] or values["pmid"]):
        record.report(None, "a study needs its DOI or PMID")
    return Source(
        id=slug,
        kind=kind,
        title=record.text("title"),
        holder=record.text("holder"),
        url=url,
        read_url=record.url("read_url"),
        unverified=record.flag("unverified"),
        **values,
    )


def _check_publisher(record: _Record, kind: str, url: str) -> None:
    """An accepted kind links to its publisher (regulator, society, DOI or PubMed)."""
    if kind not in PUBLISHERS or not url:
        return
    host = urlsplit(url).netloc.lower().removeprefix("www.")
    if not any(host == p or host.endswith("." + p) for p in PUBLISHERS[kind]):
        record.report("url", f"a {kind} source must link to its publisher, not '{host}'")


def _read_citation(record: _Record) -> Citation:
    record.check_keys(_fields("source"), _fields("section"))
    source = record.text("source")
    if source and source not in record.reader.sources:
        record.report("source", f"unknown source '{source}'")
    return Citation(source, record.text("section"))


def _read_class(record: _Record) -> TreatmentClass:
    record.check_keys(_CLASS_REQUIRED, _CLASS_OPTIONAL)
    slug = record.slug()
    record.reader.claim_slug("class", slug, record.at("slug"))
    members = record.strings("members")
    for member in members:
        record.refer("members", "treatment", member)
    return TreatmentClass(slug, record.text("name"), record.text("description"), members)


def _read_treatment(record: _Record) -> Treatment:
    record.check_keys(_TREATMENT_REQUIRED, _TREATMENT_OPTIONAL)
    class_slug = record.slug("class")
    record.refer("class", "class", class_slug)
    return Treatment(
        slug=_treatment_slug(record),
        name=record.text("name"),
        class_slug=class_slug,
        communities=_communities(record),
        purpose=record.choice("purpose", PURPOSES),
        route=record.choice("route", ROUTES),
        summary=record.text("summary"),
        sources=record.citations(),
        abbreviation=record.text("abbreviation"),
        brand_names=record.strings("brand_names"),
        aliases=record.strings("aliases"),
        approvals=tuple(_read_approval(r) for r in record.records("approvals")),
        side_effects=tuple(_read_side_effect(r) for r in record.records("side_effects")),
        dosing=_read_dosing(record.record("dosing")),
        monitoring=tuple(_read_monitoring(r) for r in record.records("monitoring")),
        topics=_topics(record),
    )


def _treatment_slug(record: _Record) -> str:
    slug = record.slug()
    expected = Path(record.file).stem
    if slug and slug != expected:
        record.report("slug", f"slug '{slug}' differs from its file name '{expected}.yaml'")
    record.reader.claim_slug("treatment", slug, record.at("slug"))
    return slug


def _communities(record: _Record) -> tuple[str, ...]:
    communities = record.choices("communities", COMMUNITIES)
    if "communities" in record.mapping and not communities:
        record.report("communities", "list at least one community")
    return communities


def _topics(record: _Record) -> tuple[str, ...]:
    """Topic names as members read them ("DMARDs", "Pain"); the slug is made from the name."""
    topics = record.strings("topics")
    for topic in topics:
        if topic[:1].islower() and not _SLUG.match(topic):
            record.report("topics", f"topic '{topic}' must be a name or a lowercase slug")
    return topics


def _read_approval(record: _Record) -> Approval:
    record.check_keys(_APPROVAL_REQUIRED, _FACT_OPTIONAL)
    condition = record.text("condition")
    record.refer("condition", "condition", condition)
    return Approval(
        condition=condition,
        status=record.choice("status", APPROVAL_STATUSES),
        sources=record.citations(),
        note=record.text("note"),
        unverified=record.flag("unverified"),
    )


def _read_side_effect(record: _Record) -> SideEffect:
    record.check_keys(_SIDE_EFFECT_REQUIRED, _fields("frequency", "unverified"))
    return SideEffect(
        name=record.text("name"),
        sources=record.citations(),
        frequency=record.text("frequency"),
        unverified=record.flag("unverified"),
    )


def _read_dosing(record: _Record | None) -> Dosing | None:
    if record is None:
        return None
    record.check_keys(_DOSING_REQUIRED, _DOSING_OPTIONAL)
    if not {"typical", "titration", "note"} & record.mapping.keys():
        record.report(None, "dosing needs a typical dose, titration steps or a note")
    return Dosing(
        sources=record.citations(),
        typical=record.text("typical"),
        titration=tuple(_read_step(r) for r in record.records("titration")),
        note=record.text("note"),
        unverified=record.flag("unverified"),
    )


def _read_monitoring(record: _Record) -> Monitoring:
    record.check_keys(_MONITORING_REQUIRED, _fields("unverified"))
    return Monitoring(record.text("what"), record.citations(), record.flag("unverified"))


def _read_step(record: _Record) -> TitrationStep:
    record.check_keys(_STEP_REQUIRED, _fields("weeks"))
    return TitrationStep(record.number("dose"), record.text("unit"), record.whole_number("weeks"))


def _read_interaction(record: _Record) -> Interaction:
    record.check_keys(_INTERACTION_REQUIRED, _FACT_OPTIONAL)
    a, b = _party(record, "a"), _party(record, "b")
    if a and a == b:
        record.report("b", f"'{a}' cannot interact with itself")
    return Interaction(
        a=a,
        b=b,
        severity=record.choice("severity", SEVERITIES),
        scheme=record.choice("scheme", SCHEMES) or "label",
        effect=record.text("effect"),
        advice=record.text("advice"),
        sources=record.citations(),
        unverified=record.flag("unverified"),
        note=record.text("note"),
    )


def _party(record: _Record, key: str) -> str:
    value = record.text(key)
    if value.startswith(CLASS_PREFIX):
        record.refer(key, "class", value.removeprefix(CLASS_PREFIX))
    elif value:
        record.refer(key, "treatment", value)
    return value


def _read_contraindication(record: _Record) -> Contraindication:
    record.check_keys(_CONTRA_REQUIRED, _FACT_OPTIONAL)
    treatment, condition = record.text("treatment"), record.text("condition")
    record.refer("treatment", "treatment", treatment)
    record.refer("condition", "condition", condition)
    return Contraindication(
        treatment=treatment,
        condition=condition,
        severity=record.choice("severity", SEVERITIES),
        effect=record.text("effect"),
        advice=record.text("advice"),
        sources=record.citations(),
        scheme=record.choice("scheme", SCHEMES) or "label",
        unverified=record.flag("unverified"),
        note=record.text("note"),
    )


def _check_references(
    reader: _Reader,
    conditions: frozenset[str],
    classes: tuple[TreatmentClass, ...],
    treatments: tuple[Treatment, ...],
) -> None:
    known = {
        "condition": conditions,
        "class": frozenset(c.slug for c in classes),
        "treatment": frozenset(t.slug for t in treatments),
    }
    for reference in reader.references:
        if reference.slug and reference.slug not in known[reference.kind]:
            reader.report(reference.at, f"unknown {reference.kind} '{reference.slug}'")


@cache
def seed() -> KnowledgeBase:
    """The shipped data files, read and checked once per process."""
    return load_knowledge_base()
