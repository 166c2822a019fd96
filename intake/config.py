"""Loading config.toml: the call's rules and vocabularies, and the reading limits.

The call is data: every date, threshold and word list the service checks comes from
here, so that next year's call is a change of the file, not of the code.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from parsers.document import Limits
from parsers.vocab import Vocabulary

REPO = Path(__file__).resolve().parent.parent
REPO_CONFIG = REPO / "config.toml"
TEMPLATES = REPO / "templates"  # emails, web pages, the inspect report, the committee's pack
# An older config.toml without the title keys still loads, with these.
DEFAULT_TITLE_LABELS = ["titre du projet", "titre de projet", "titre de l'action", "titre",
                        "intitulé du projet", "intitulé de l'action", "intitulé", "nom du projet",
                        "nom de l'action", "projet"]
DEFAULT_TITLE_GENERIC = ["appel à manifestation d'intérêt", "manifestation d'intérêt", "AMI",
                         "dossier de candidature", "dossier", "candidature*", "description du projet",
                         "proposition", "réponse", "dépôt", "budget", "projet", "annexe*",
                         "sommaire", "résumé", "synthèse", "porteur", "question*"]


class ConfigError(Exception):
    """The configuration cannot be used; the message says what to fix."""


@dataclass
class SectionSpec:
    id: str
    label: str  # as a sentence names it: "le contexte du projet"
    quote: str
    headings: Vocabulary
    title: str = ""  # as a page titles it: "Contexte"


@dataclass
class BudgetVocab:
    markers: Vocabulary
    categories: dict[str, Vocabulary]
    category_labels: dict[str, str]
    category_titles: dict[str, str]
    ineligible: Vocabulary
    goods: Vocabulary
    anact: Vocabulary
    cofinancing: Vocabulary
    natures: dict[str, Vocabulary]
    total: Vocabulary
    subtotal: Vocabulary
    resources_total: Vocabulary


@dataclass
class CallConfig:
    title: str
    programme: str
    mailbox: str
    deadline: datetime
    timezone: ZoneInfo
    end_date: date
    anact_cap: Decimal
    cofinancing_min_share: Decimal
    total_tolerance: Decimal
    subject_words: Vocabulary
    sections: dict[str, SectionSpec]
    placeholders: list[str]
    section_breaks: Vocabulary
    weak_headings: dict[str, list[str]]
    budget: BudgetVocab
    partner_org_words: Vocabulary
    partner_not_orgs: list[str]
    application_words: Vocabulary
    sending_words: Vocabulary
    question_words: Vocabulary
    followup_words: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    mailing_words: Vocabulary = field(default_factory=lambda: Vocabulary([]))
    # the project's title: labels that name it, words that are never it (parsers/title.py)
    title_labels: Vocabulary = field(default_factory=lambda: Vocabulary(DEFAULT_TITLE_LABELS))
    title_generic: Vocabulary = field(default_factory=lambda: Vocabulary(DEFAULT_TITLE_GENERIC))
    # the call's calendar as told to applicants: the last day to send what a completion
    # request asks for, and the committee's selection (None: not said)
    completion_deadline: date | None = None
    selection_date: date | None = None
    # the call's own organisation: a proposal forwarded from one of these domains keeps its
    # original sender and receipt time
    organisation_domains: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, repr=False)

    def is_organisation(self, address: str | None) -> bool:
        """Whether an address belongs to the call's own organisation (or a subdomain)."""
        domain = (address or "").rpartition("@")[2].strip().lower().rstrip(">")
        return bool(domain) and any(domain == d or domain.endswith("." + d)
                                    for d in self.organisation_domains)


@dataclass
class Config:
    call: CallConfig
    limits: Limits
    path: Path | None = None


def _req(table: dict, key: str, where: str):
    if key not in table:
        raise ConfigError(f"config: la clé « {where}.{key} » est absente.")
    return table[key]


def _decimal(table: dict, key: str, where: str) -> Decimal:
    try:
        return Decimal(str(_req(table, key, where)))
    except ArithmeticError as e:
        raise ConfigError(f"config: « {where}.{key} » n'est pas un nombre.") from e


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _call(c: dict) -> CallConfig:
    tz = ZoneInfo(_req(c, "timezone", "call"))
    try:
        deadline = datetime.fromisoformat(str(_req(c, "deadline", "call")))
        end_date = date.fromisoformat(str(_req(c, "end_date", "call")))
    except ValueError as e:
        raise ConfigError(f"config: date invalide dans [call] ({e}).") from e
    if deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=tz)
    calendar = {key: _optional_date(c, key) for key in ("completion_deadline", "selection_date")}
    sections = {}
    for sid, s in _req(c, "sections", "call").items():
        sections[sid] = SectionSpec(
            sid, s.get("label", sid), s.get("quote", sid), Vocabulary(_req(s, "headings", f"call.sections.{sid}")),
            str(s.get("title") or _capitalised(s.get("label", sid))),
        )
    b = _req(c, "budget", "call")
    cats = _req(b, "categories", "call.budget")
    res = _req(b, "resources", "call.budget")
    tot = _req(b, "totals", "call.budget")
    budget = BudgetVocab(
        markers=Vocabulary(b.get("markers", [])),
        categories={k: Vocabulary(v["words"]) for k, v in cats.items()},
        category_labels={k: v.get("label", k) for k, v in cats.items()},
        category_titles={k: str(v.get("title") or _capitalised(v.get("label", k))) for k, v in cats.items()},
        ineligible=Vocabulary(b.get("ineligible", {}).get("words", [])),
        goods=Vocabulary(b.get("ineligible", {}).get("goods", [])),
        anact=Vocabulary(res.get("anact", [])),
        cofinancing=Vocabulary(res.get("cofinancing", [])),
        natures={k: Vocabulary(v) for k, v in b.get("natures", {}).items()},
        total=Vocabulary(tot.get("total", [])),
        subtotal=Vocabulary(tot.get("subtotal", [])),
        resources_total=Vocabulary(tot.get("resources_total", [])),
    )
    return CallConfig(
        title=c.get("title", ""),
        programme=c.get("programme", ""),
        mailbox=c.get("mailbox", ""),
        deadline=deadline,
        timezone=tz,
        end_date=end_date,
        anact_cap=_decimal(c, "anact_cap", "call"),
        cofinancing_min_share=_decimal(c, "cofinancing_min_share", "call"),
        total_tolerance=Decimal(str(c.get("total_tolerance", "1"))),
        subject_words=Vocabulary(_req(c, "subject_words", "call")),
        sections=sections,
        placeholders=list(c.get("placeholders", {}).get("words", [])),
        section_breaks=Vocabulary(c.get("section_breaks", {}).get("headings", [])),
        weak_headings={k: list(v) for k, v in c.get("weak_headings", {}).items()},
        budget=budget,
        partner_org_words=Vocabulary(c.get("partners", {}).get("org_words", [])),
        partner_not_orgs=list(c.get("partners", {}).get("not_orgs", [])),
        application_words=Vocabulary(c.get("messages", {}).get("application_words", [])),
        sending_words=Vocabulary(c.get("messages", {}).get("sending_words", [])),
        question_words=Vocabulary(c.get("messages", {}).get("question_words", [])),
        followup_words=Vocabulary(c.get("messages", {}).get("followup_words", [])),
        mailing_words=Vocabulary(c.get("messages", {}).get("mailing_words", [])),
        title_labels=Vocabulary(c.get("title_labels", DEFAULT_TITLE_LABELS)),
        title_generic=Vocabulary(c.get("title_generic", DEFAULT_TITLE_GENERIC)),
        completion_deadline=calendar["completion_deadline"],
        selection_date=calendar["selection_date"],
        organisation_domains=tuple(str(d).strip().lower().lstrip("@")
                                   for d in c.get("organisation_domains", []) if str(d).strip()),
        raw=c,
    )


def _optional_date(c: dict, key: str) -> date | None:
    value = c.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ConfigError(f"config: « call.{key} » n'est pas une date AAAA-MM-JJ ({value!r}).") from e


def _limits(lim: dict) -> Limits:
    mb = 1024 * 1024
    d = Limits()
    return Limits(
        max_file_bytes=int(lim.get("max_file_mb", d.max_file_bytes // mb) * mb),
        max_pages=int(lim.get("max_pages", d.max_pages)),
        max_zip_members=int(lim.get("max_zip_members", d.max_zip_members)),
        max_zip_total_bytes=int(lim.get("max_zip_total_mb", d.max_zip_total_bytes // mb) * mb),
        max_zip_ratio=int(lim.get("max_zip_ratio", d.max_zip_ratio)),
        max_zip_depth=int(lim.get("max_zip_depth", d.max_zip_depth)),
        max_cells=int(lim.get("max_cells", d.max_cells)),
        timeout_seconds=float(lim.get("timeout_seconds", d.timeout_seconds)),
        memory_bytes=int(lim.get("memory_mb", d.memory_bytes // mb) * mb),
        libreoffice_timeout_seconds=float(
            lim.get("libreoffice_timeout_seconds", d.libreoffice_timeout_seconds)
        ),
        max_attachments=int(lim.get("max_attachments", d.max_attachments)),
        max_mime_parts=int(lim.get("max_mime_parts", d.max_mime_parts)),
        max_mime_depth=int(lim.get("max_mime_depth", d.max_mime_depth)),
    )


def default_config_path() -> Path:
    """FABRIQUE_CONFIG, else ./config.toml, else the repository's config.toml."""
    env = os.environ.get("FABRIQUE_CONFIG")
    if env:
        return Path(env)
    local = Path.cwd() / "config.toml"
    return local if local.is_file() else REPO_CONFIG


def load_config(path: str | Path | None = None) -> Config:
    p = Path(path) if path else default_config_path()
    data = config_file(p)
    return Config(call=_call(_req(data, "call", "")), limits=_limits(data.get("limits", {})), path=p)


@lru_cache(maxsize=1)
def default_call() -> CallConfig:
    """The [call] of the default configuration (FABRIQUE_CONFIG, ./config.toml or the
    repository's): for a page or a tool given no configuration of its own."""
    return load_config().call


def config_data(config: Config) -> dict:
    """The whole config file as a dict, for the tables other modules type ([storage],
    [mailbox], [answers], [smtp], [privacy], [committee], [web], [summary]). The file is
    parsed once and again only when it changed, so an idle poll does not parse it."""
    if config.path is None:
        return {}
    return config_file(Path(config.path))


def config_file(p: Path) -> dict:
    """A config file as a dict, parsed once per version of the file."""
    try:
        stat = p.stat()
        return _parsed(str(p), stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError as e:
        raise ConfigError(f"config: fichier introuvable : {p}") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"config: {p} n'est pas un fichier TOML valide ({e}).") from e
    except OSError as e:
        raise ConfigError(f"config: {p} illisible ({e}).") from e


@lru_cache(maxsize=8)
def _parsed(path: str, _mtime_ns: int, _size: int) -> dict:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))
