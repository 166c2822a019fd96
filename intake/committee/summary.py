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
from functools import lru_cache

from intake.committee.charts import cut_at_word
from intake.committee.summary_applicant import (
    applicant_from_definition,
    applicant_from_domain,
    applicant_from_prose,
    applicant_kind_of,
    applicant_of,
    kind_of,
)
from intake.committee.summary_config import Cues, SummarySettings
from intake.committee.summary_model import (
    NUMBER_WORDS,
    STOP,
    CriterionSummary,
    Identity,
    PartnerSummary,
    PartSummary,
    Quote,
    Sentence,
    Summary,
)
from intake.committee.tense import DONE, PLANNED, when
from intake.reading.pipeline import BODY_SOURCE
from intake.vocabulary import agreed
from parsers.dates import project_schedule, stated_months
from parsers.document import Block, Document
from parsers.proposal import Proposal, read_proposal
from parsers.vocab import fold

# Sentences a summary looks at, at most (a long proposal has a few hundred).
MAX_SENTENCES = 5000


_SPLIT = re.compile(r"(?<=[.!?…;])\s+(?=[«\"“A-ZÀ-Ý0-9(•–-])|\n+")


_BULLET = re.compile(r"^\s*(?:[•▪◦·*–—-]|\d{1,2}[.)]|[a-z][.)])\s+")


_BOILERPLATE = re.compile(
    r"\b(?:voir (?:l )?annexe|cf annexe|ci dessous|ci apres|le present document|le tableau suivant|"
    r"detaille[es]? (?:ci|en annexe)|comme suit|suivant(?:e|es|s)? :?$)"
)


_MIN_WORDS = 6


# a plain-text table or rule ("Financeur   Statut   Montant ------"): layout, not a sentence
_LAYOUT = re.compile(r"-{4,}|_{4,}|={4,}|\.{5,}|\s{4,}")


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
            if lead and proposal is not None:  # (inline is empty without a proposal)
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
    return len({w for w in fold(text).split() if len(w) >= 5 and w not in STOP and not w.isdigit()})


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
    score: float = min(_informative(s.text), 18)
    score += 2.0 if re.search(r"\d", s.text) else 0.0
    score += min(_entities(s.text), 3) * 0.7
    score += min(sum(1 for c in all_cues if c.find(s.text)), 3) * 1.5
    if s.in_table:
        score -= 4
    return score


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


def _passages(sents: list[Sentence], cues: Cues, settings: SummarySettings,
              extra=None, keep=None) -> list[Quote]:
    """The best sentences for a set of cues; `keep(sentence, cues found)` may refuse one."""
    scored = []
    for s in sents:
        if len(s.text.split()) < 4 or len(s.text) > settings.sentence_max_chars:
            continue
        if s.in_table and re.search(r"\d", s.text):  # budget and schedule rows: figures, not evidence
            continue
        if _LAYOUT.search(s.text) or _cut_off(s):
            continue
        found = cues.find(s.text) + (extra(s.text) if extra else [])
        if found and (keep is None or keep(s, found)):
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
    r"(?<![\w,.])(?<!\d )(?<!à )(\d{1,4}|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
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
    keep = None
    if cid == "demande_sociale":  # a study the project plans (or one not dated) is no demand already voiced
        def keep(s: Sentence, found: list[str]) -> bool:
            return bool(set(found) - set(settings.studies.terms)) or _study_time(s, settings, ctx) == (True, DONE)
    c = CriterionSummary(cid, label, _passages(sents, cues, settings, extra, keep))
    if cid == "partenaires":
        partners = ctx["partners"]
        by_kind: dict[str, int] = {}
        for p in partners:
            by_kind[p.kind_label] = by_kind.get(p.kind_label, 0) + 1
        if partners:
            kinds = ", ".join(f"{n} {k}" for k, n in by_kind.items())
            c.facts.append(f"{len(partners)} {agreed(len(partners), 'partenaire nommé')} : {kinds}.")
        else:
            c.facts.append("Aucun partenaire nommé dans la partie « partenaires ».")
        if ctx["social"]:
            c.facts.append("Partenaires sociaux nommés : " + ", ".join(ctx["social"]) + ".")
        if ctx["network"]:
            c.facts.append("Réseau Anact-Aract parmi les partenaires : " + ", ".join(ctx["network"]) + ".")
        elif ctx["network_cited"]:
            c.facts.append(f"Réseau Anact-Aract cité dans {ctx['network_cited']} "
                           f"{agreed(ctx['network_cited'], 'passage')}, "
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
        c.facts.extend(_studies(sents, settings, ctx))
    return c


@lru_cache(maxsize=256)
def _not_a_study(terms: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for what looks like a study and is not one (compiled once per list)."""
    words = [r"[\s'’-]+".join(re.escape(w) for w in re.split(r"[\s'’-]+", t.strip()) if w) for t in terms]
    words = [w for w in words if w]
    return re.compile("|".join(words), re.IGNORECASE) if words else None


def _study_time(s: Sentence, settings: SummarySettings, ctx: dict) -> tuple[bool, str | None]:
    """Whether a sentence names a study (not the applicant's name, "Observatoire …", nor the
    works council's legal "information-consultation"), and if so whether it is done or
    planned (tense.when at the clause that names it)."""
    applicant = ctx.get("applicant")
    pattern = _not_a_study((*settings.studies_not.terms, *([applicant] if applicant else [])))
    text = pattern.sub(" ", s.text) if pattern else s.text
    if not settings.studies.find(text):
        return False, None
    return True, when(text, settings.studies.words, start_year=ctx.get("start_year"),
                      plan_part=bool({"methodologie", "phasage"} & set(s.sections)))


def _studies(sents: list[Sentence], settings: SummarySettings, ctx: dict) -> list[str]:
    """The studies the proposal cites, as written: those already carried out (what the
    project builds on) apart from those it plans (its method)."""
    done: list[Sentence] = []
    planned: list[Sentence] = []
    for s in sents:
        if s.in_table or len(s.text.split()) < 4 or len(s.text) > settings.sentence_max_chars:
            continue
        named, t = _study_time(s, settings, ctx)
        if named:
            (done if t == DONE else planned if t == PLANNED else []).append(s)
    out = []
    if done:
        out.append("Étude ou consultation déjà menée : " + " ; ".join(
            f"« {_clip(s.text, 200)} » ({s.source})" for s in done[:2]) + ".")
    else:
        out.append("Aucune étude ou consultation antérieure citée comme déjà menée.")
    if planned:
        out.append("Prévu par le projet : " + " ; ".join(
            f"« {_clip(s.text, 160)} » ({s.source})" for s in planned[:1]) + ".")
    return out


def _clip(text: str, limit: int) -> str:
    """A sentence quoted whole up to `limit` characters, else cut after a whole word."""
    return cut_at_word(" ".join(text.split()).rstrip(" ."), limit)


def _start_year(dossier: dict, call) -> int | None:
    """The project's first year (its start as read, else the call's deadline): a study
    dated before it is the past."""
    start = str((dossier.get("project") or {}).get("start") or "")
    if start[:4].isdigit():
        return int(start[:4])
    deadline = getattr(call, "deadline", None)
    return getattr(deadline, "year", None)


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
    """Kinds of people the proposal is for, from its "cibles" part where it has one (the
    context and objectives speak of everyone: "les salariés", "les représentants du
    personnel"), with the words as written."""
    pool = ([s for s in sents if "cibles" in s.sections]
            or [s for s in sents if {"contexte", "objectifs", "problematique"} & set(s.sections)] or sents)
    out = []
    for label, cues in settings.targets.items():
        found = sorted({c for s in pool for c in cues.find(s.text)})
        if found:  # the words as the proposal writes them, not the cue patterns ("association*")
            out.append({"target": label, "cues": sorted({_as_written(c, pool) for c in found})})
    return out


def _targets_stated(sents: list[Sentence], proposal: Proposal | None) -> list[dict]:
    """Who the project is for, in the proposal's words: the first sentences (or list items)
    of its "cibles" part, as written, with their place (those under the part's own heading
    first: a block may serve two parts)."""
    hit = proposal.sections.get("cibles") if proposal is not None else None
    own = " ".join(hit.heading.split()) if hit is not None and hit.heading else None
    pool = [s for s in sents if "cibles" in s.sections]
    pool = [s for s in pool if s.heading == own] or pool
    out: list[dict] = []
    size = 0
    for s in pool:
        if len(s.text.split()) < 3 or _LAYOUT.search(s.text):
            continue
        if s.heading and fold(s.text) == fold(s.heading):
            continue
        out.append({"text": _clip(s.text, 260), "file": s.source, "heading": s.heading})
        size += len(s.text)
        if len(out) >= 2 or size >= 260:
            break
    return out


def _as_written(cue: str, pool: list[Sentence]) -> str:
    """The word of the proposal a cue matched ("association*" -> "associations"); the cue's
    stem when the text spells it otherwise (accents, case)."""
    plain = cue.replace("*", "").strip()
    if "*" not in cue:
        return plain
    pattern = re.compile(r"\b" + re.escape(cue.strip()).replace(r"\*", r"\w*"), re.IGNORECASE)
    for s in pool:
        m = pattern.search(s.text)
        if m:
            return m.group(0)
    return plain


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
        kid, label, ev = kind_of(p.name, p.contribution, settings.partner_kinds)
        partners.append(PartnerSummary(p.name, p.contribution, kid, label, ev))
    social_cues = next((k.cues for k in settings.partner_kinds if k.id == "partenaire_social"), None)
    network_cues = next((k.cues for k in settings.partner_kinds if k.id == "reseau_anact"), None)
    social = sorted({c for s in sents for c in social_cues.find(s.text)}) if social_cues else []
    social = [c for c in social if c.upper() == c] + [p.name for p in partners if p.kind == "partenaire_social"
                                                      and not any(c in p.name for c in social)]
    network = [p.name for p in partners if p.kind == "reseau_anact"]
    cited = sum(1 for s in sents if network_cues and network_cues.find(s.text)) if not network else 0
    territories = _territories(sents, settings)
    sender = (dossier.get("message") or {}).get("from")
    applicant = (applicant_of(docs, settings) or applicant_from_prose(sents, settings)
                 or applicant_from_definition(sents, settings, {p.name for p in partners})
                 or applicant_from_domain(docs, sender))
    if applicant and applicant.count("(") > applicant.count(")"):
        applicant += ")"  # "Observatoire du Travail Numérique (OTN), Montpellier" cut at its comma
    ctx = {"partners": partners, "social": social, "network": network, "network_cited": cited,
           "territories": territories, "start_year": _start_year(dossier, call), "applicant": applicant}
    kid, klabel, kev = applicant_kind_of(applicant, sents, settings)
    start, end, duration = _dates(proposal, dossier, sents)
    identity = Identity(applicant, kid, klabel, kev, dossier.get("title"), start, end, duration,
                        territories, _targets(proposal, sents, settings), _amounts(dossier),
                        _targets_stated(sents, proposal))
    parts = [_part(sid, spec.label, proposal, sents, settings, all_cues) for sid, spec in call.sections.items()]
    # the evidence for a criterion is the proposal's: the covering email's greetings and
    # signature ("Je vous prie de trouver…", "Chargée de mission innovation sociale") are not,
    # so a sentence of the email's body counts only where it belongs to a part of the proposal
    evidence = [s for s in sents if s.source != BODY_SOURCE or s.sections]
    criteria = [_criterion(c.id, c.label, c.cues, evidence, settings, ctx) for c in settings.criteria]
    cm = settings.commitment
    commitment = _criterion(cm.id, cm.label, cm.cues, evidence, settings, ctx)
    return Summary(identity, parts, partners, criteria, commitment,
                   list(dossier.get("flags", [])), dossier.get("decision"))
