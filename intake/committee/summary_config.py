"""The [summary] table of config.toml: what a committee summary looks for.

Kept apart from intake/config.py so that the call's checks and the committee's reading
evolve separately; `summary_settings` takes the parsed config file as a dict.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from intake.config import REPO_CONFIG, ConfigError, config_file
from parsers.vocab import Vocabulary

_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&\- ]*$")


def fold_keep_case(text: str) -> str:
    """Accents, apostrophes and hyphens out, capitals kept: acronyms and place names are
    recognised by their capitals ("la Somme" is a department, "la somme" is not)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'‘`´ʼ\-–—_/]", " ", text)
    return re.sub(r"\s+", " ", text)


class Cues:
    """Cue words: ordinary ones folded (no case, no accents); acronyms in capitals only."""

    def __init__(self, terms: list[str]):
        self.terms = list(terms)
        self.words = Vocabulary([t for t in terms if not _ACRONYM.match(t)])
        acronyms = [t for t in terms if _ACRONYM.match(t)]
        self._acronyms = [(t, re.compile(r"(?<![\w])" + re.escape(fold_keep_case(t)) + r"(?![\w])"))
                          for t in acronyms]

    def find(self, text: str) -> list[str]:
        """Cues found in `text`, in config order, each once."""
        found = set(self.words.find(text))
        kept = fold_keep_case(text)
        found.update(t for t, p in self._acronyms if p.search(kept))
        return [t for t in self.terms if t in found]


@dataclass
class Criterion:
    id: str
    label: str
    cues: Cues


@dataclass
class Kind:
    id: str
    label: str
    cues: Cues
    does: Cues = field(default_factory=lambda: Cues([]))  # what it does ("édite un logiciel")


@dataclass
class Territories:
    """Region and department names, with the region each one belongs to."""

    region_of: dict[str, str] = field(default_factory=dict)  # name as written -> region
    is_region: set[str] = field(default_factory=set)
    ambiguous: set[str] = field(default_factory=set)
    pattern: re.Pattern | None = None
    canonical: dict[str, str] = field(default_factory=dict)  # folded-with-case -> name

    def find(self, sentence: str) -> list[str]:
        """Territories named in one sentence, as written in the data file."""
        if self.pattern is None:
            return []
        kept = fold_keep_case(sentence)
        out: list[str] = []
        for m in self.pattern.finditer(kept):
            name = self.canonical[m.group(0)]
            if name in self.ambiguous:
                before = kept[: m.start()].rstrip()
                if not before or before[-1] in ".:!?|;•-" or re.match(r"\s*\d", kept[m.end():]):
                    continue
                # "Midi-Pyrénées Nord", "Solidaris Nord": part of a longer name, not the department
                if before.split()[-1][:1].isupper():
                    continue
            if name not in out:
                out.append(name)
        return out


@dataclass
class SummarySettings:
    criteria: list[Criterion]
    commitment: Criterion
    partner_kinds: list[Kind]
    applicant_kinds: list[Kind]
    applicant_labels: Vocabulary
    applicant_headings: Vocabulary
    targets: dict[str, Cues]
    structures: Cues
    studies: Cues
    studies_not: Cues
    participation: Cues
    licences: Cues
    territories: Territories
    part_sentences_min: int = 2
    part_sentences_max: int = 4
    criterion_passages_max: int = 4
    sentence_max_chars: int = 420


def _kinds(items: list[dict], where: str) -> list[Kind]:
    out = []
    for k in items:
        if "id" not in k or "cues" not in k:
            raise ConfigError(f"config: chaque entrée de [[{where}]] doit avoir « id » et « cues ».")
        out.append(Kind(k["id"], k.get("label", k["id"]), Cues(k["cues"]), Cues(k.get("does", []))))
    return out


def load_territories(path: Path) -> Territories:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"config: fichier des territoires introuvable : {path}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config: {path} n'est pas un fichier TOML valide ({e}).") from e
    t = Territories(ambiguous=set(data.get("ambiguous", [])))
    for region, spec in data.get("regions", {}).items():
        for name in [region, *spec.get("aliases", [])]:
            t.region_of[name] = region
            t.is_region.add(name)
        for dep in spec.get("departments", []):
            t.region_of.setdefault(dep, region)
    for name in t.region_of:
        t.canonical[fold_keep_case(name)] = name
    # longest names first, so that "Haute-Loire" and "Pays de la Loire" are not "Loire"
    names = sorted(t.canonical, key=len, reverse=True)
    if names:
        t.pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    return t


def summary_settings(data: dict, base: Path | None = None) -> SummarySettings:
    """Settings from the whole parsed config file; `base` is the folder relative paths
    (territories_file) start from, the repository by default."""
    s = data.get("summary")
    if not isinstance(s, dict):
        raise ConfigError("config: la section [summary] est absente.")
    base = base or REPO_CONFIG.parent
    crit = _kinds(s.get("criteria", []), "summary.criteria")
    if not crit:
        raise ConfigError("config: [[summary.criteria]] ne définit aucun critère.")
    c = s.get("commitment", {"id": "communs", "label": "Communs de la connaissance", "cues": []})
    facts = s.get("facts", {})
    tfile = Path(s.get("territories_file", "intake/data/territoires.toml"))
    return SummarySettings(
        criteria=[Criterion(k.id, k.label, k.cues) for k in crit],
        commitment=Criterion(c.get("id", "communs"), c.get("label", ""), Cues(c.get("cues", []))),
        partner_kinds=_kinds(s.get("partner_kinds", []), "summary.partner_kinds"),
        applicant_kinds=_kinds(s.get("applicant_kinds", []), "summary.applicant_kinds"),
        applicant_labels=Vocabulary(s.get("applicant", {}).get("labels", [])),
        applicant_headings=Vocabulary(s.get("applicant", {}).get("headings", ["porteur*"])),
        targets={label: Cues(cues) for label, cues in s.get("targets", {}).items()},
        structures=Cues(facts.get("structures", [])),
        studies=Cues(facts.get("studies", [])),
        studies_not=Cues(facts.get("studies_not", [])),
        participation=Cues(facts.get("participation", [])),
        licences=Cues(facts.get("licences", [])),
        territories=load_territories(tfile if tfile.is_absolute() else base / tfile),
        part_sentences_min=int(s.get("part_sentences_min", 2)),
        part_sentences_max=int(s.get("part_sentences_max", 4)),
        criterion_passages_max=int(s.get("criterion_passages_max", 4)),
        sentence_max_chars=int(s.get("sentence_max_chars", 420)),
    )


def load_summary_settings(path: str | Path | None = None) -> SummarySettings:
    """From a config file (the repository's by default); relative paths from its folder."""
    p = Path(path) if path else REPO_CONFIG
    data = config_file(p)
    # the repository's data file when the config sits elsewhere without its own copy
    base = p.parent if (p.parent / "intake").is_dir() else REPO_CONFIG.parent
    return summary_settings(data, base)


__all__ = ["Cues", "SummarySettings", "Territories", "load_summary_settings", "summary_settings"]
