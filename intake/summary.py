"""A committee summary of one proposal: what is there, with the evidence, never a score.

Everything comes from the proposal's own words. The ten parts are told in a few of their
own sentences (chosen for what they carry: figures, names, the call's vocabulary, not the
first characters); each of the call's criteria gets the passages that bear on it, quoted
with their place, and the facts a committee member would otherwise count by hand.
Pure: documents, dossier and config in, a `Summary` out.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from parsers.dates import project_schedule, stated_months
from parsers.document import Block, Document
from parsers.proposal import Proposal, read_proposal
from parsers.vocab import fold

from .summary_config import Cues, SummarySettings

UNCLEAR = "à préciser"
# Sentences a summary looks at, at most (a long proposal has a few hundred).
MAX_SENTENCES = 5000

# Words that carry no content of their own when judging how informative a sentence is.
_STOP = set(fold(
    "alors aussi autre autres avant avec avoir cette cela celle celles ceux chaque comme dans depuis "
    "donc elle elles entre etre fait faire leur leurs mais meme notre nous nos pour plus sans sera "
    "seront sont sous tous tout toute toutes tres votre vous ainsi afin egalement permettre "
    "permettra permettront projet projets cadre ensemble lors apres selon"
).split())
_SPLIT = re.compile(r"(?<=[.!?…;])\s+(?=[«\"“A-ZÀ-Ý0-9(•–-])|\n+")
_BULLET = re.compile(r"^\s*(?:[•▪◦·*–—-]|\d{1,2}[.)]|[a-z][.)])\s+")
_BOILERPLATE = re.compile(
    r"\b(?:voir (?:l )?annexe|cf annexe|ci dessous|ci apres|le present document|le tableau suivant|"
    r"detaille[es]? (?:ci|en annexe)|comme suit|suivant(?:e|es|s)? :?$)"
)
_NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                 "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
                 "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
                 "une dizaine": 10, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
                 "une cinquantaine": 50, "une centaine": 100}
_MIN_WORDS = 6
# a plain-text table or rule ("Financeur   Statut   Montant ------"): layout, not a sentence
_LAYOUT = re.compile(r"-{4,}|_{4,}|={4,}|\.{5,}|\s{4,}")


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


# --- sentences -----------------------------------------------------------------------

_SOFT_BREAK = re.compile(r"(?<![.!?;:…|])[ \t]*\n(?![ \t]*(?:[•▪◦·*–—-]|\d{1,2}[.)]\s))")
_MARK_CELL = re.compile(r"^[xX■□●○✓✔•·–—-]{1,3}$")


def _split(text: str) -> list[str]:
    """Sentences of a paragraph; a line break inside a sentence (PDF lines) is a space."""
    out = []
    for piece in _SPLIT.split(_SOFT_BREAK.sub(" ", text)):
        piece = _BULLET.sub("", " ".join(piece.split())).strip()
        if piece:
            out.append(piece)
    return out


def _looks_like_heading(b: Block) -> bool:
    t = b.text.strip()
    return b.emphasis and len(t.split()) <= 14 and not t.endswith((".", "!", "?", "…"))


def sentences(docs: list[Document], proposal: Proposal | None) -> list[Sentence]:
    """Every sentence of every document, in reading order, each with the parts it belongs
    to (from the section finder; a block may serve two parts) and the heading above it."""
    owner: dict[int, list[tuple[str, str]]] = {}
    inline: list[tuple[str, str, str]] = []  # (file, folded heading, part id)
    if proposal is not None:
        for sid, hit in proposal.sections.items():
            for b in hit.blocks:
                owner.setdefault(id(b), []).append((sid, hit.heading))
            if hit.inline_text.strip():
                inline.append((hit.source, fold(hit.heading), sid))
    out: list[Sentence] = []
    for doc in docs:
        heading: str | None = None
        for b in doc.blocks:
            owners = owner.get(id(b), [])
            sids = tuple(o[0] for o in owners)
            head = owners[0][1] if owners else None
            # "Contexte : le projet naît de..." carries the part's first sentences on its heading line
            lead = [(sid, h) for src, h, sid in inline
                    if src == doc.source and b.kind != "table" and h and fold(b.text).startswith(h)]
            if lead:
                sid = lead[0][0]
                hit = proposal.sections[sid]
                heading = " ".join(hit.heading.split())
                out.extend(Sentence(t, doc.source, heading, (sid,)) for t in _split(hit.inline_text))
                continue
            if b.kind == "heading" or (not owners and _looks_like_heading(b)):
                heading = " ".join(b.text.split()) or heading
                continue
            head = head or heading
            if b.kind == "table":
                for row in b.rows:
                    # a Gantt chart's "X" marks say nothing once out of their columns
                    cells = [" ".join(c.split()) for c in row if c and c.strip() and not _MARK_CELL.match(c.strip())]
                    if not cells:
                        continue
                    if any(len(c) > 80 for c in cells):  # prose in a cell: quote it as prose
                        for c in cells:
                            out.extend(Sentence(t, doc.source, head, sids) for t in _split(c))
                    else:
                        out.append(Sentence(" | ".join(cells), doc.source, head, sids, in_table=True))
            else:
                out.extend(Sentence(t, doc.source, head, sids) for t in _split(b.text))
    if proposal is not None:
        _tag_by_text(out, proposal)
    for i, s in enumerate(out):
        s.order = i
    return out


def _tag_by_text(out: list[Sentence], proposal: Proposal) -> None:
    """Parts found inside a table cell (a form's "Rubrique | Réponse" rows) are read from
    copies of the cell's text, not from the document's blocks: such a part claims the
    sentences of its file that its text contains."""
    tagged = {sid for s in out for sid in s.sections}
    for sid, hit in proposal.sections.items():
        if sid in tagged:
            continue
        own = " ".join(hit.text().split())
        for s in out:
            if s.source == hit.source and len(s.text) >= 12 and " ".join(s.text.split()) in own:
                s.sections = (*s.sections, sid)
                s.heading = " ".join(hit.heading.split())


def _informative(text: str) -> int:
    return len({w for w in fold(text).split() if len(w) >= 5 and w not in _STOP and not w.isdigit()})


def _entities(text: str) -> int:
    words = text.split()[1:]
    return sum(1 for w in words if w[:1].isupper() and len(w) > 2)


_DANGLING = {"il", "ils", "elle", "elles", "le", "la", "les", "l", "de", "des", "du", "d", "et", "a", "un",
             "une", "en", "qui", "que", "qu", "dont", "pour", "par", "sur", "avec", "dans", "au", "aux", "ou"}


def _cut_off(s: Sentence) -> bool:
    """A sentence broken by the layout ("... n'est jamais neutre : il"), or a table row
    with no cell that says anything (a Gantt header: "Phase | oct. 22 | nov. 22")."""
    if s.in_table:
        return not any(len(c.split()) >= 3 for c in s.text.split(" | "))
    words = fold(s.text).split()
    return bool(words) and words[-1] in _DANGLING and not s.text.rstrip().endswith((".", "!", "?", "…"))


def _quotable(s: Sentence, settings: SummarySettings, headings: set[str]) -> bool:
    if _cut_off(s):
        return False
    words = s.text.split()
    if len(words) < _MIN_WORDS or len(s.text) > settings.sentence_max_chars:
        return False
    f = fold(s.text)
    if f in headings or _BOILERPLATE.search(f) or _LAYOUT.search(s.text):
        return False
    return not s.text.rstrip().endswith(":")


def _content_score(s: Sentence, all_cues: list[Cues]) -> float:
    score = min(_informative(s.text), 18)
    score += 2.0 if re.search(r"\d", s.text) else 0.0
    score += min(_entities(s.text), 3) * 0.7
    score += min(sum(1 for c in all_cues if c.find(s.text)), 3) * 1.5
    if s.in_table:
        score -= 4
    return score


# --- parts ---------------------------------------------------------------------------

def _part(sid: str, label: str, proposal: Proposal | None, sents: list[Sentence],
          settings: SummarySettings, all_cues: list[Cues]) -> PartSummary:
    hit = proposal.sections.get(sid) if proposal else None
    if hit is None:
        return PartSummary(sid, label, False)
    headings = {fold(hit.heading)}
    mine = [s for s in sents if sid in s.sections and s.source == hit.source]
    pool = [s for s in mine if _quotable(s, settings, headings)]
    if not pool:  # a part made only of short lines or a table: its rows, whole
        pool = [s for s in mine if len(s.text) <= settings.sentence_max_chars and fold(s.text) not in headings
                and len(s.text.split()) >= 3 and not _cut_off(s)]
    k = max(settings.part_sentences_min, min(settings.part_sentences_max, math.ceil(len(pool) / 3)))
    ranked = sorted(pool, key=lambda s: (-_content_score(s, all_cues), s.order))
    chosen: list[Sentence] = []
    seen: set[str] = set()
    for s in ranked:
        f = fold(s.text)
        if f in seen:
            continue
        seen.add(f)
        chosen.append(s)
        if len(chosen) >= k:
            break
    chosen.sort(key=lambda s: s.order)
    return PartSummary(sid, label, True, hit.source, hit.heading,
                       [Quote(s.text, s.source, s.heading) for s in chosen])


# --- criteria ------------------------------------------------------------------------

def _passages(sents: list[Sentence], cues: Cues, settings: SummarySettings,
              extra=None) -> list[Quote]:
    scored = []
    for s in sents:
        if len(s.text.split()) < 4 or len(s.text) > settings.sentence_max_chars:
            continue
        if s.in_table and re.search(r"\d", s.text):  # budget and schedule rows: figures, not evidence
            continue
        if _LAYOUT.search(s.text) or _cut_off(s):
            continue
        found = cues.find(s.text) + (extra(s.text) if extra else [])
        if found:
            scored.append((len(set(found)) * 3 + min(_informative(s.text), 15) / 5 - (3 if s.in_table else 0),
                           s, found))
    scored.sort(key=lambda t: (-t[0], t[1].order))
    out: list[Sentence] = []
    per_place: dict[tuple, int] = {}
    cues_of: dict[int, list[str]] = {}
    seen: set[str] = set()
    for _, s, found in scored:
        key = (s.source, s.heading)
        f = fold(s.text)
        if per_place.get(key, 0) >= 2 or f in seen:
            continue
        per_place[key] = per_place.get(key, 0) + 1
        seen.add(f)
        out.append(s)
        cues_of[s.order] = found
        if len(out) >= settings.criterion_passages_max:
            break
    out.sort(key=lambda s: s.order)
    return [Quote(s.text, s.source, s.heading, cues_of[s.order]) for s in out]


_COUNT = re.compile(
    r"(?<![\w,.])(?<!\d )(?<!à )(\d{1,4}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
    + r")\s+((?:\w+\s+){0,2}?\w+)", re.IGNORECASE)


def _counted(sents: list[Sentence], nouns: Cues) -> list[str]:
    """Phrases that state a number of things ("12 PME", "trois entreprises pilotes")."""
    pat = _COUNT
    out: list[str] = []
    for s in sents:
        for m in pat.finditer(s.text):  # the text as written, so the phrase is quoted as written
            n = m.group(1).lower()
            if n.isdigit() and (1900 <= int(n) <= 2100 or int(n) == 0):
                continue
            words = m.group(2).split()
            for i in range(len(words)):
                if nouns.find(words[i]):
                    phrase = " ".join([n, *words[: i + 1]])
                    if phrase not in out:
                        out.append(phrase)
                    break
    return out


def _criterion(cid: str, label: str, cues: Cues, sents, settings, ctx: dict) -> CriterionSummary:
    extra = None
    if cid == "ancrage":
        extra = settings.territories.find
    elif cid == "collectif":  # "huit PME", "12 structures" are evidence of a collective project
        def extra(text: str) -> list[str]:
            return _counted([Sentence(text, "", None)], settings.structures)
    c = CriterionSummary(cid, label, _passages(sents, cues, settings, extra))
    if cid == "partenaires":
        partners = ctx["partners"]
        by_kind: dict[str, int] = {}
        for p in partners:
            by_kind[p.kind_label] = by_kind.get(p.kind_label, 0) + 1
        if partners:
            kinds = ", ".join(f"{n} {k}" for k, n in by_kind.items())
            c.facts.append(f"{len(partners)} partenaire(s) nommé(s) : {kinds}.")
        else:
            c.facts.append("Aucun partenaire nommé dans la partie « partenaires ».")
        if ctx["social"]:
            c.facts.append("Partenaires sociaux nommés : " + ", ".join(ctx["social"]) + ".")
        if ctx["network"]:
            c.facts.append("Réseau Anact-Aract parmi les partenaires : " + ", ".join(ctx["network"]) + ".")
        elif ctx["network_cited"]:
            c.facts.append(f"Réseau Anact-Aract cité dans {ctx['network_cited']} passage(s), "
                           "sans figurer parmi les partenaires.")
    elif cid == "participation":
        counted = _counted(sents, settings.participation)
        if counted:
            c.facts.append("Nombres indiqués : " + ", ".join(counted[:8]) + ".")
    elif cid == settings.commitment.id:
        licences = sorted({x for s in sents for x in settings.licences.find(s.text)})
        if licences:
            c.facts.append("Licence ouverte citée : " + ", ".join(licences) + ".")
    elif cid == "collectif":
        counted = _counted(sents, settings.structures)
        if counted:
            c.facts.append("Nombres indiqués : " + ", ".join(counted[:8]) + ".")
    elif cid == "ancrage":
        terr = ctx["territories"]
        if terr:
            c.facts.append("Territoires nommés : " + ", ".join(
                t["name"] if t["name"] == t["region"] else f"{t['name']} ({t['region']})" for t in terr) + ".")
    elif cid == "demande_sociale":
        studies = [q for q in _passages(sents, settings.studies, settings)]
        if studies:
            words = sorted({w.rstrip("*") for q in studies for w in q.cues})
            c.facts.append(f"Étude, enquête ou diagnostic cité ({', '.join(words)}) dans {len(studies)} passage(s).")
    return c


# --- identity and partners -----------------------------------------------------------

def _kind(text_first: str, text_then: str, kinds) -> tuple[str, str, str | None]:
    for text in (text_first, text_then):
        for k in kinds:
            found = k.cues.find(text)
            if found:
                return k.id, k.label, found[0]
    return "autre", UNCLEAR, None


def _applicant(docs: list[Document], settings: SummarySettings) -> str | None:
    labels = settings.applicant_labels
    folded_labels = {fold(t) for t in labels.terms}

    def value(label: str, val: str) -> str | None:
        if fold(label) not in folded_labels or not re.search(r"[A-Za-zÀ-ÿ]", val):
            return None
        # "Trajectoires Travail SARL, cabinet conseil (Caen). Personne référente : ..." -> the name
        name = re.split(r"\.\s|\s\(|,\s|\s[–—-]\s", " ".join(val.split()))[0].strip(" .;")
        return name if 1 <= len(name.split()) <= 12 and ":" not in name else None

    for doc in docs:
        for b in doc.blocks:
            if b.kind == "table":
                for row in b.rows:
                    cells = [c for c in row if c and c.strip()]
                    if len(cells) >= 2 and (v := value(cells[0].strip(" :"), cells[1])):
                        return v
            else:
                for line in b.text.splitlines():
                    m = re.match(r"^\s*([^:]{2,50}?)\s*:\s*(\S.*)$", line)
                    if m and (v := value(m.group(1), m.group(2))):
                        return v
    return None


_SUBJECT = re.compile(r"^(?:Le |La |Les |L['’])?(.{3,80}?)\s*(?:\([^)]*\)\s*)?,?\s+(?:est|sont)\s+(?:un|une|le|la|l['’])")


def _applicant_from_prose(sents: list[Sentence], settings: SummarySettings) -> str | None:
    """"Le laboratoire ERGO-TIC (...) est une équipe de recherche..." under a heading that
    presents the applicant: the subject of its first such sentence."""
    seen: dict[str, int] = {}
    for s in sents:
        if not s.heading or not (settings.applicant_labels.matches(s.heading)
                                  or settings.applicant_headings.matches(s.heading)):
            continue
        seen[s.heading] = seen.get(s.heading, 0) + 1
        if seen[s.heading] > 2:  # the presentation opens with who the applicant is
            continue
        if fold(s.text).split()[:1] in (["notre"], ["nos"], ["nous"], ["il"], ["elle"], ["ce"], ["cette"],
                                        ["depuis"], ["en"], ["avec"]):
            continue  # "Notre équipe « Change » accompagne...": not a name
        m = _SUBJECT.match(s.text)
        if m and any(w[:1].isupper() for w in m.group(1).split()):
            return m.group(1).strip(" ,")
        # "Laboratoire PRAXIS – Travail, Organisations (Université X), basé à Toulouse."
        name = re.split(r"\s[–—-]\s|\s\(|,\s|\.\s", s.text)[0].strip(" .")
        if (s.text[:1].isupper() and ":" not in name and not re.search(r"\d", name) and 1 <= len(name.split()) <= 8
                and sum(w[:1].isupper() for w in name.split()) >= 2):
            return name
    return None


# Mail providers and the like: a domain that names nobody's organisation.
_GENERIC_DOMAINS = {"gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "orange", "wanadoo",
                    "free", "sfr", "laposte", "neuf", "bbox", "aol", "icloud", "me", "protonmail", "proton",
                    "gmx", "mail", "club-internet", "numericable", "example", "anact"}
_SMALL_WORDS = {"le", "la", "les", "l", "de", "des", "du", "d", "et", "en", "au", "aux", "pour", "sur", "a"}
_FILE_NAME = re.compile(r"\.(?:xlsx?|xlsm|docx?|docm|pdf|odt|ods|zip|csv|txt|rtf)\b|_", re.I)
_NAME_SPLIT = re.compile(r"\s[–—-]\s|,\s|\s\|\s|:\s|\s/\s")


def _squash(words: list[str]) -> str:
    return "".join(words)


def _domain_tokens(sender: str | None) -> list[str]:
    """'direction@horizons-travail.org' -> ['horizons', 'travail']; [] for a mail provider."""
    if not sender or "@" not in sender:
        return []
    host = sender.rsplit("@", 1)[1].strip(" >").lower()
    labels = host.split(".")
    if len(labels) < 2:
        return []
    # the registered name: the label before the TLD (and before "co"/"com" of two-level TLDs)
    name = labels[-3] if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "gouv", "asso") else labels[-2]
    if name in _GENERIC_DOMAINS or len(name) < 3:
        return []
    return [t for t in fold(name.replace("-", " ")).split() if t]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w not in _SMALL_WORDS)


def _applicant_from_domain(docs: list[Document], sender: str | None) -> str | None:
    """The organisation the sender's own domain names, as the documents write it:
    'horizons-travail.org' -> 'Institut Horizons Travail', 'upi-bfc.fr' -> 'Union patronale
    interprofessionnelle de Bourgogne-Franche-Comté' (initials). Lines near the top of each
    document and signatures are looked at; the shortest segment covering the domain wins."""
    tokens = _domain_tokens(sender)
    if not tokens:
        return None
    whole = _squash(tokens)
    best: tuple[float, int, str] | None = None
    for doc in docs:
        lines = [ln.strip() for b in doc.blocks if b.kind != "table" for ln in b.text.splitlines() if ln.strip()]
        for line in lines[:60] + lines[-15:]:
            for seg in _NAME_SPLIT.split(line):
                seg = seg.strip(" .;«»\"“”")
                words = fold(seg).split()
                if not (1 <= len(words) <= 10) or len(seg) > 90 or not seg[:1].isupper() or "@" in seg:
                    continue
                plain, short = _squash(words), _squash([w for w in words if w not in _SMALL_WORDS])
                if _FILE_NAME.search(seg):
                    continue  # "Horizons-Travail_budget.xlsx": a file, not the organisation
                if len(tokens[0]) >= 3 and tokens[0] == _initials(words) and len(words) >= 3:
                    name, score = seg, 1.0  # "OTN" -> "Observatoire du travail numérique"
                    name, score = seg, 1.0  # the acronym's expansion, whole
                else:
                    found = [t for t in tokens if len(t) >= 3 and (t in plain or t in short)]
                    # the first label is the distinctive one ("itn-recherche": ITN, not "recherche")
                    if not found or found[0] != tokens[0] and whole not in plain + short:
                        continue
                    if whole in plain or whole in short:
                        score, name = 1.0, _name_around(seg, [whole])
                    else:
                        score, name = sum(map(len, found)) / len(whole), _name_around(seg, found)
                if score < 0.6 or not name:
                    continue
                key = (score, -len(name.split()), name)
                if best is None or key[:2] > best[:2]:
                    best = key
    return best[2] if best else None


def _name_around(seg: str, found: list[str]) -> str:
    """The fewest words of `seg` that carry the domain's labels, with the capitalised word
    just before them ("Institut", "Compagnie") and acronyms or numbers just after ("RH",
    "85"), not a heading around them ("Présentation de l'…", "Le secrétariat du …")."""
    words = seg.split()
    keys = [_squash(fold(w).split()) for w in words]

    def carries(i: int, j: int) -> bool:
        plain = _squash(keys[i:j + 1])
        short = _squash([k for k in keys[i:j + 1] if k not in _SMALL_WORDS])
        return all(t in plain or t in short for t in found)

    spans = [(j - i, i, j) for i in range(len(words)) for j in range(i, len(words)) if carries(i, j)]
    if not spans:
        return seg
    _, i, j = min(spans)
    if i > 0 and words[i - 1][:1].isupper() and keys[i - 1] not in _SMALL_WORDS:
        i -= 1
    while j + 1 < len(words) and re.fullmatch(r"[A-Z0-9]{2,5}", words[j + 1]):
        j += 1
    return re.sub(r"^(?:[lLdD]['’])", "", " ".join(words[i:j + 1])).strip(" ,.;:()")


def _applicant_kind(applicant: str | None, sents: list[Sentence], settings: SummarySettings):
    key = [w for w in re.findall(r"[\wÀ-ÿ'-]{4,}", applicant or "") if w[:1].isupper()][:2]
    about = re.compile(r"\b(?:nous sommes|notre (?:cabinet|laboratoire|structure|entreprise|societe|equipe|"
                       r"association|organisation)|est un|est une)\b")
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for k in settings.applicant_kinds:
        found = k.cues.find(applicant or "")
        if found:
            scores[k.id] = scores.get(k.id, 0) + 3
            evidence.setdefault(k.id, []).append(f"nom : « {applicant} »")
    for s in sents:
        f = fold(s.text)
        if not (about.search(f) or any(fold(w) in f.split() for w in key)):
            continue
        for k in settings.applicant_kinds:
            found = k.cues.find(s.text)
            if found:
                scores[k.id] = scores.get(k.id, 0) + 1
                if len(evidence.setdefault(k.id, [])) < 2:
                    evidence[k.id].append(f"« {s.text} » ({s.source})")
    if not scores:
        return "inconnu", UNCLEAR, []
    best = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(best) > 1 and best[0][1] == best[1][1]:
        return "inconnu", UNCLEAR, [e for kid, _ in best[:2] for e in evidence.get(kid, [])[:1]]
    kid = best[0][0]
    label = next(k.label for k in settings.applicant_kinds if k.id == kid)
    return kid, label, evidence.get(kid, [])


def summarize_dossier_dates(dossier: dict) -> tuple[str | None, str | None, str | None]:
    """The summary's start, end and duration for a reading (the committee's identity)."""
    return _dates(None, dossier, [])


def _dates(proposal: Proposal | None, dossier: dict,
           sents: list[Sentence]) -> tuple[str | None, str | None, str | None]:
    """Start, end and duration: the reading `inspect` made (dossier["project"], shared with
    the emails), else a sentence that gives the project's length ("Le projet dure quinze
    mois (septembre 2022 – novembre 2023)")."""
    project = dossier.get("project")
    if not project and proposal is not None and proposal.schedule is not None:
        project = proposal.schedule.to_contract()
    if not project:
        said = [s.text for s in sents if stated_months(s.text)][:1]
        schedule = project_schedule("", said) if said else None
        project = schedule.to_contract() if schedule else None
    if not project:
        return None, None, None
    n = project.get("duration_months")
    return project.get("start"), project.get("end"), (f"{n} mois" if n else None)


def _amounts(dossier: dict) -> dict:
    b = dossier.get("budget") or {}
    cof = b.get("cofinancing") or {}
    return {"total_cost": b.get("total_cost"), "anact_request": b.get("anact_request"),
            "cofinancing": cof.get("amount"), "cofinancing_share": cof.get("share"),
            "cofinancing_sources": cof.get("sources", []), "by_category": b.get("totals", {})}


def _territories(sents: list[Sentence], settings: SummarySettings) -> list[dict]:
    t = settings.territories
    out: dict[str, dict] = {}
    for s in sents:
        for name in t.find(s.text):
            if name not in out:
                out[name] = {"name": name, "region": t.region_of[name],
                             "kind": "région" if name in t.is_region else "département",
                             "file": s.source, "heading": s.heading}
    return list(out.values())


def _targets(proposal: Proposal | None, sents: list[Sentence], settings: SummarySettings) -> list[dict]:
    pool = [s for s in sents if {"cibles", "contexte", "objectifs", "problematique"} & set(s.sections)] or sents
    out = []
    for label, cues in settings.targets.items():
        found = sorted({c for s in pool for c in cues.find(s.text)})
        if found:
            out.append({"target": label, "cues": found})
    return out


# --- entry point ---------------------------------------------------------------------

def build_summary(source, dossier: dict, settings: SummarySettings, call) -> Summary:
    """`source` is an Inspection (documents and proposal) or a list of Documents; `call`
    is the CallConfig (parts' labels). The dossier gives title, budget, flags, decision."""
    if isinstance(source, list):
        docs, proposal = source, None
        if docs:
            proposal = read_proposal(docs, call)
    else:
        docs, proposal = source.documents, source.proposal
    # the call's own title, quoted on a cover page, is not evidence of anything
    call_title = fold(getattr(call, "title", "") or "")
    # Bounded work whatever arrives (a million-cell sheet is one "sentence" per row): a
    # sentence is never quoted past sentence_max_chars, so longer ones are only looked at
    # up to a few times that, and a proposal's first sentences are plenty to summarise it.
    sents = sentences(docs, proposal)[:MAX_SENTENCES]
    cap = max(4 * settings.sentence_max_chars, 1000)
    for s in sents:
        if len(s.text) > cap:
            s.text = s.text[:cap]
    sents = [s for s in sents if not (call_title and call_title in fold(s.text))]
    all_cues = [c.cues for c in settings.criteria] + [settings.commitment.cues]

    partners = []
    for p in (proposal.partners if proposal else []):
        kid, label, ev = _kind(p.name, p.contribution, settings.partner_kinds)
        partners.append(PartnerSummary(p.name, p.contribution, kid, label, ev))
    social_cues = next((k.cues for k in settings.partner_kinds if k.id == "partenaire_social"), None)
    network_cues = next((k.cues for k in settings.partner_kinds if k.id == "reseau_anact"), None)
    social = sorted({c for s in sents for c in social_cues.find(s.text)}) if social_cues else []
    social = [c for c in social if c.upper() == c] + [p.name for p in partners if p.kind == "partenaire_social"
                                                      and not any(c in p.name for c in social)]
    network = [p.name for p in partners if p.kind == "reseau_anact"]
    cited = sum(1 for s in sents if network_cues and network_cues.find(s.text)) if not network else 0
    territories = _territories(sents, settings)
    ctx = {"partners": partners, "social": social, "network": network, "network_cited": cited,
           "territories": territories}

    sender = (dossier.get("message") or {}).get("from")
    applicant = (_applicant(docs, settings) or _applicant_from_prose(sents, settings)
                 or _applicant_from_domain(docs, sender))
    kid, klabel, kev = _applicant_kind(applicant, sents, settings)
    start, end, duration = _dates(proposal, dossier, sents)
    identity = Identity(applicant, kid, klabel, kev, dossier.get("title"), start, end, duration,
                        territories, _targets(proposal, sents, settings), _amounts(dossier))
    parts = [_part(sid, spec.label, proposal, sents, settings, all_cues) for sid, spec in call.sections.items()]
    criteria = [_criterion(c.id, c.label, c.cues, sents, settings, ctx) for c in settings.criteria]
    cm = settings.commitment
    commitment = _criterion(cm.id, cm.label, cm.cues, sents, settings, ctx)
    return Summary(identity, parts, partners, criteria, commitment,
                   list(dossier.get("flags", [])), dossier.get("decision"))
