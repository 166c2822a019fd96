"""What a committee summary holds (sentences with their place, parts, criteria, identity),
and the words it weighs sentences with."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from parsers.vocab import fold

UNCLEAR = "à préciser"


# Words that carry no content of their own when judging how informative a sentence is.
STOP = set(fold(
    "alors aussi autre autres avant avec avoir cette cela celle celles ceux chaque comme dans depuis "
    "donc elle elles entre etre fait faire leur leurs mais meme notre nous nos pour plus sans sera "
    "seront sont sous tous tout toute toutes tres votre vous ainsi afin egalement permettre "
    "permettra permettront projet projets cadre ensemble lors apres selon"
).split())


NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                 "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
                 "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
                 "une dizaine": 10, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
                 "une cinquantaine": 50, "une centaine": 100}


@dataclass
class Sentence:
    """One sentence (or table row) with its place: file, heading above it, part it is in."""

    text: str
    source: str
    heading: str | None
    sections: tuple[str, ...] = ()
    in_table: bool = False
    order: int = 0

    def place(self) -> dict:
        return {"file": self.source, "heading": self.heading}


@dataclass
class Quote:
    text: str
    file: str
    heading: str | None
    cues: list[str] = field(default_factory=list)


@dataclass
class PartSummary:
    id: str
    label: str
    present: bool
    file: str | None = None
    heading: str | None = None
    sentences: list[Quote] = field(default_factory=list)


@dataclass
class PartnerSummary:
    name: str
    contribution: str
    kind: str
    kind_label: str
    evidence: str | None  # the cue that decided the kind


@dataclass
class CriterionSummary:
    id: str
    label: str
    passages: list[Quote] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


@dataclass
class Identity:
    applicant: str | None
    applicant_kind: str
    applicant_kind_label: str
    applicant_evidence: list[str]
    title: str | None
    start: str | None
    end: str | None
    duration: str | None
    territories: list[dict]
    targets: list[dict]
    amounts: dict
    targets_stated: list[dict] = field(default_factory=list)  # the "cibles" part's words: {text, file, heading}


@dataclass
class Summary:
    identity: Identity
    parts: list[PartSummary]
    partners: list[PartnerSummary]
    criteria: list[CriterionSummary]
    commitment: CriterionSummary
    flags: list[dict]
    decision: str | None

    def to_dict(self) -> dict:
        return asdict(self)
