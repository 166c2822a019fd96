"""When the reading argues with itself: evidence, in the documents, against a flag that
would ask the applicant for something.

A completion request is costly when wrong: an applicant asked for a co-financing plan
they sent loses trust in the whole call. So before such a request goes out, the documents
are searched for what the flag says is missing: co-financing or staff costs named beside
an amount that the reading did not keep, a budget's worth of amounts where no budget was
found, a line that looks like the missing part's heading, stated totals that disagree with
the lines. Each finding is a doubt, written out in French for the secretariat; a dossier
with doubts has its completion request held for a person. Pure: documents, reading,
flags and the call's vocabulary in, doubts out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from intake.vocabulary import euros
from parsers.amounts import find_amounts, parse_amount
from parsers.document import Document
from parsers.proposal import Proposal
from parsers.sections import CAPS_WORD, part_hints, strip_numbering
from parsers.vocab import Vocabulary, fold

_COFINANCING_WORDS = Vocabulary([
    "co-financement*", "cofinancement*", "co financement*", "autofinancement", "auto-financement",
    "fonds propres", "subvention*", "apport*", "contribution*", "financement*", "valorisation*",
    "mecenat", "participation*", "region", "departement", "fondation", "bpi*", "fse", "feder",
    "opco", "carsat", "dreets", "metropole", "ville de", "conseil regional", "conseil departemental"])
_MAX_EVIDENCE = 160
_MAX_LINES = 4000


@dataclass(frozen=True)
class Doubt:
    """A flag the documents may contradict, with what a person should look at."""

    code: str  # the flag it is about
    target: str
    reason: str  # French, for the secretariat
    evidence: str = ""

    def to_contract(self) -> dict:
        return {"code": self.code, "target": self.target, "reason": self.reason,
                "evidence": self.evidence}


def _lines(docs: list[Document]) -> list[tuple[str, str]]:
    """(source, line) for every paragraph, heading and table row, bounded."""
    out: list[tuple[str, str]] = []
    for doc in docs:
        for b in doc.blocks:
            if b.kind == "table":
                out.extend((doc.source, " | ".join(c for c in r if c)) for r in b.rows)
            else:
                out.extend((doc.source, line) for line in b.text.splitlines())
            if len(out) > _MAX_LINES:
                return out
    return out


def _amounts(line: str) -> list[Decimal]:
    """Money in a line: amounts with a currency sign, or bare figures in table cells."""
    found = [a.value for a in find_amounts(line) if not a.per_unit]
    if not found and " | " in line:
        found = [v for c in line.split(" | ")[1:] if (v := parse_amount(c)) is not None]
    return [v for v in found if v >= 100]


def _clip(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= _MAX_EVIDENCE else t[: _MAX_EVIDENCE - 1].rstrip() + "…"


def find_doubts(proposal: Proposal, docs: list[Document], flags: list, call) -> list[Doubt]:
    """Doubts about the blocking flags that would make a completion request."""
    codes = {(f.code, f.target) for f in flags}
    lines = _lines(docs)
    budget = proposal.budget
    known = {ln.amount for ln in budget.lines} | {c.amount for c in budget.cofinancing}
    for v in (budget.declared_total, budget.anact_request, budget.resources_total):
        if v is not None:
            known.add(v)
    out: list[Doubt] = []

    cofin_flag = next((c for c in (("missing_budget_item", "cofinancement"), ("cofinancing_below_minimum", ""))
                       if c in codes), None)
    if cofin_flag:
        hit = _unread_amount_line(lines, _cofinancing_vocab(call), known, call)
        if hit:
            out.append(Doubt(*cofin_flag, "Un co-financement semble annoncé avec un montant que la "
                             "lecture n'a pas retenu : vérifier le plan de financement avant de "
                             "demander quoi que ce soit au porteur.", f"{hit[0]} : « {_clip(hit[1])} »"))

    if ("missing_budget_item", "personnel") in codes:
        hit = _unread_amount_line(lines, call.budget.categories.get("personnel", Vocabulary([])), known, call,
                                  extra=re.compile(r"\b\d+(?:[,.]\d+)?\s*(?:j|jours?|jh|h|heures?|etp)\b"))
        if hit:
            out.append(Doubt("missing_budget_item", "personnel", "Le budget semble compter du temps de "
                             "personnel (une ligne chiffrée le nomme) que la lecture n'a pas classé "
                             "ainsi : à vérifier.", f"{hit[0]} : « {_clip(hit[1])} »"))

    if ("missing_budget", "") in codes:
        money = [(src, ln, len(_amounts(ln))) for src, ln in lines]
        money = [m for m in money if m[2]]
        count = sum(m[2] for m in money)
        if count >= 3:
            out.append(Doubt("missing_budget", "", f"Aucun budget n'a été reconnu, mais les documents "
                             f"portent {count} montants : le budget y est peut-être, sous une forme que "
                             "la lecture ne sait pas lire.",
                             f"{money[0][0]} : « {_clip(money[0][1])} »"))

    if ("budget_total_mismatch", "") in codes and _own_count_suspect(budget):
        out.append(Doubt("budget_total_mismatch", "", "Le total annoncé et la somme des lignes lues "
                         "diffèrent : une ligne de détail (« dont … ») ou un sous-total a pu être compté "
                         "deux fois, ou une ligne manquer à la lecture."))

    total = budget.total_cost()
    cofinancing = sum((c.amount for c in budget.cofinancing), Decimal(0))
    if flags and total and cofinancing > total:
        # resources larger than the whole project: expense rows were read as co-financing
        first = budget.cofinancing[0]
        out.append(Doubt("budget_reading", "", f"Le co-financement lu ({euros(cofinancing)}) dépasse le coût "
                         f"total du projet ({euros(total)}) : des dépenses ont sans doute été lues comme des "
                         "ressources. Vérifier le budget avant de répondre au porteur.",
                         f"{first.source} : « {_clip(first.label)} »"))

    finder_vocab = {sid: s.headings for sid, s in call.sections.items()}
    for code, target in sorted(codes):
        if code != "missing_section" or target not in finder_vocab:
            continue
        label = call.sections[target].label
        hit = _heading_like(lines, finder_vocab[target], call.placeholders)
        if hit:
            out.append(Doubt(code, target, f"Une ligne des documents pourrait ouvrir la partie « {label} » "
                             "sans avoir été reconnue comme telle : à vérifier avant de la demander.",
                             f"{hit[0]} : « {_clip(hit[1])} »"))
            continue
        told = _named_in_a_title(proposal, finder_vocab, target)
        if told:
            out.append(Doubt(code, target, f"Le titre « {_clip(told[1])} » ouvre une autre partie mais ses mots "
                             f"évoquent aussi la partie « {label} » : elle y est peut-être traitée. À vérifier "
                             "avant de la demander.", f"{told[0]} : « {_clip(told[1])} »"))
            continue
        unclaimed = _unclaimed_headings(proposal, docs, call, target)
        if unclaimed:
            shown = " ; ".join(f"« {_clip(t)} »" for _src, t in unclaimed[:3])
            out.append(Doubt(code, target, f"Des titres du document n'ont été rattachés à aucune partie ({shown}) : "
                             f"la partie « {label} » s'y trouve peut-être sous d'autres mots. À vérifier "
                             "avant de la demander.", f"{unclaimed[0][0]} : « {_clip(unclaimed[0][1])} »"))
    return out


def _unclaimed_headings(proposal: Proposal, docs: list[Document], call, target: str) -> list[tuple[str, str]]:
    """Headings of a structured document (three headings or more) that open no part and
    are none of the call's other headings (budget, applicant, annexes...) nor a document's
    generic words ("Sommaire"), each followed by text of its own, and standing where the
    missing part would: between the parts the call lists before and after it, when the
    document follows the call's order, or between two parts where no other part is missing.
    There a part written in the applicant's own words may stand; a "Présentation de la
    structure" before the first part is no such place."""
    claimed = {fold(strip_numbering(h.heading)) for h in proposal.sections.values()}
    order = list(call.sections)
    out: list[tuple[str, str]] = []
    for doc in docs:
        blocks = doc.blocks
        levels = _levels(proposal, doc)
        heads = sorted(levels)
        if len(heads) < 3:
            continue
        lo, hi = _slot(proposal, doc, order, target)
        orphans = _orphans(proposal, doc, order, levels)
        for k in heads[1:]:  # the first heading is the document's title
            text = blocks[k].text.strip()
            f = fold(strip_numbering(text))
            if not (lo < k < hi or k in orphans) or not _names_nothing_known(f, claimed, call):
                continue
            body = " ".join(blocks[j].text for j in range(k + 1, min(k + 4, len(blocks)))
                            if j not in levels and blocks[j].kind != "heading")
            if len(body.split()) >= 12:
                out.append((doc.source, text))
    return out + _unclaimed_rows(proposal, docs, call, claimed)


def _named_in_a_title(proposal: Proposal, vocab: dict, target: str) -> tuple[str, str] | None:
    """A title of two clauses that opened another part and whose second clause uses a
    word only the missing part's phrases use ("Nos ambitions et leurs effets": "effets",
    the results'). A word inside one name ("recherche-action") is no such evidence."""
    hints = part_hints(vocab)
    for hit in proposal.sections.values():
        words = fold(strip_numbering(hit.heading)).split()
        # a title naming two things: the missing part's word in its clause after "et"
        second = words[words.index("et") + 1:] if "et" in words else []
        if hit.anchor is not None and any(hints.get(w) == target for w in second):
            return hit.source, hit.heading
    return None


def _names_nothing_known(f: str, claimed: set[str], call) -> bool:
    """A folded title that opens no part, is short, and is none of the call's other
    headings (budget, annexes…), generic words ("Sommaire") or part words."""
    return bool(f) and f not in claimed and len(f.split()) <= 12 \
        and not call.section_breaks.matches(f, folded=True) \
        and call.title_generic.coverage(f, folded=True) < len(f) \
        and not any(s.headings.matches(f, folded=True) for s in call.sections.values())


def _unclaimed_rows(proposal: Proposal, docs: list[Document], call, claimed: set[str]) -> list[tuple[str, str]]:
    """The same in a form ("Rubrique | Contenu", three rows or more opening parts): rows
    whose label opens no part and is none of the call's other words, with an answer of
    their own ("Qui tient la barre ? | Un comité de suivi réunit…")."""
    out: list[tuple[str, str]] = []
    for doc in docs:
        for b in doc.blocks:
            if b.kind != "table":
                continue
            pairs = [(c[0], c[1]) for row in b.rows if len(c := [x.strip() for x in row if x and x.strip()]) == 2]
            if sum(fold(strip_numbering(label)) in claimed for label, _ in pairs) < 3:
                continue
            for label, text in pairs:
                f = fold(strip_numbering(label))
                if _names_nothing_known(f, claimed, call) and len(text.split()) >= 12 \
                        and call.title_labels.coverage(f, folded=True) < len(f):
                    out.append((doc.source, label))
    return out


def _anchors(proposal: Proposal, doc: Document) -> dict[str, int]:
    """Part id -> index in `doc` of the heading block that opens it (parts opened here)."""
    return {sid: k for sid, hit in proposal.sections.items() if hit.source == doc.source
            and hit.anchor is not None for k, b in enumerate(doc.blocks) if b is hit.anchor}


def _levels(proposal: Proposal, doc: Document) -> dict[int, int]:
    """Block index -> level of the document's titles, as the reader saw them (styled
    headings and bold or numbered lines alike)."""
    seen = proposal.outlines.get(doc.source)
    if seen is None:
        return {k: b.level or 1 for k, b in enumerate(doc.blocks) if b.kind == "heading"}
    return {k: level for k, level, _text in seen}


def _orphans(proposal: Proposal, doc: Document, order: list[str], levels: dict[int, int]) -> set[int]:
    """Blocks between two parts of `doc` where the call's order leaves no part missing
    ("Un territoire qui change" between the objectives and the problem): a part moved out of the
    call's order may stand there, so any missing part may."""
    opened = sorted((k, order.index(sid)) for sid, k in _anchors(proposal, doc).items() if sid in order)
    out: set[int] = set()
    for (a, pa), (b, pb) in zip(opened, opened[1:], strict=False):
        if a < b and not any(sid not in proposal.sections for sid in order[pa + 1:pb]):
            level = max(levels.get(a, 1), levels.get(b, 1))
            # a title of the parts' own level; "4.1 Les élus" under "4. Publics" is the part's
            out.update(k for k in range(a + 1, b) if k in levels and levels[k] <= level)
    return out


def _slot(proposal: Proposal, doc: Document, order: list[str], target: str) -> tuple[int, int]:
    """The block range of `doc` where the part `target` would stand: after the nearest
    part the call lists before it and before the nearest one it lists after it, both
    opened by a heading of this document in the call's order; the whole document else."""
    where = _anchors(proposal, doc)
    pos = order.index(target) if target in order else -1
    before = [where[s] for s in order[:pos] if s in where] if pos >= 0 else []
    after = [where[s] for s in order[pos + 1:] if s in where] if pos >= 0 else []
    lo = before[-1] if before else -1
    hi = after[0] if after else len(doc.blocks)
    if lo >= hi or (before and before != sorted(before)) or (after and after != sorted(after)):
        return -1, len(doc.blocks)
    return lo, hi


def _cofinancing_vocab(call) -> Vocabulary:
    terms = list(getattr(call.budget.cofinancing, "terms", []))
    return Vocabulary(terms + _COFINANCING_WORDS.terms)


def _unread_amount_line(lines, vocab: Vocabulary, known: set[Decimal], call,
                        extra: re.Pattern | None = None) -> tuple[str, str] | None:
    """The first line naming the vocabulary with an amount the reading did not keep
    (Anact's own request and the cap quoted from the call are not evidence)."""
    for src, line in lines:
        f = fold(line)
        if not (vocab.matches(f, folded=True) or (extra is not None and extra.search(f))):
            continue
        if call.budget.anact.matches(f, folded=True) and not _COFINANCING_WORDS.matches(
                f.replace("anact", ""), folded=True):
            continue
        values = _amounts(line)
        if not values:
            continue
        if all(v in known or v == call.anact_cap for v in values):
            continue
        if extra is not None and not vocab.matches(f, folded=True) and not extra.search(f):
            continue
        return src, line
    return None


def _own_count_suspect(budget) -> bool:
    """A mismatch the reader may have made itself: lines adding up to more than the
    stated total (a subtotal and its details both counted), or a gap of exactly one line."""
    total, lines_sum = budget.declared_total, budget.lines_sum()
    if total is None or lines_sum is None:
        return False
    gap = abs(lines_sum - total)
    return lines_sum > total or any(abs(ln.amount - gap) <= 1 for ln in budget.lines)


def _placeholder(text: str, placeholders: list[str]) -> bool:
    f = fold(text)
    return not f or any(f == fold(p) or f.strip(" ()") == fold(p) for p in placeholders)


def _heading_like(lines, vocab: Vocabulary, placeholders: list[str]) -> tuple[str, str] | None:
    """A short line (a heading, a form's row label, a bold line) whose first words name
    the part, followed by something other than a placeholder ("(à compléter)")."""
    for k, (src, line) in enumerate(lines):
        cells = line.split(" | ")
        cell = cells[0]
        rest = " ".join(cells[1:]) if len(cells) > 1 else (lines[k + 1][1] if k + 1 < len(lines) else "")
        if _placeholder(rest, placeholders):
            continue
        whole = cell
        label, colon, _after = cell.partition(":")
        if colon and len(label.split()) <= 8:
            cell = label  # "Name : description" names a part by its label only
        if any(c.islower() for c in whole):
            cell = CAPS_WORD.sub(" ", cell)  # "HÔTEL-PLANNING" is a name, not a heading word
        title = strip_numbering(cell)
        words = title.split()
        if not words or len(words) > 10 or title.endswith((".", ";", ",")):
            continue
        f = fold(title)
        pos = vocab.first_position(f, folded=True)
        if pos is not None and len(f[:pos].split()) <= 2:
            return src, line
    return None
