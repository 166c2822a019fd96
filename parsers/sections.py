"""Finding the ten parts of the project description, whatever their wording or styling.

A reader recognises a part by its heading: a styled heading, or a short line that looks
like one (numbered, bold, in capitals, or "Contexte : ..." as a label), or the first cell
of a two-column table. The heading's words are matched against the call's vocabulary
(config [call.sections]); a heading naming two parts counts for both. A part is present
when something other than a placeholder follows its heading.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .amounts import find_amounts, parse_amount
from .document import Block, Document, blocks_text
from .vocab import Vocabulary, fold

_NUMBERING = re.compile(
    r"""^\s*(?:
        (?:partie|section|chapitre|article|axe|volet|point)\s+[\divxlc]+\s*[:.\-–—)]?\s*
      | \d{1,2}(?:\s*[.\-)]\s*\d{1,2})*\s*[.)\-–—:/°]?\s+
      | [IVXLC]{1,6}\s*[.)\-–—:/]\s*
      | [A-Ha-h]\s*[.)\-–—/]\s+
      | \(\s*(?:\d{1,2}|[a-h]|[ivx]{1,4})\s*\)\s*
      | [-•*–—▪►◦‣·>o]\s+
      | \#{1,6}\s*
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_DEPTH = re.compile(r"^\s*(\d{1,2}(?:\s*\.\s*\d{1,2})*)")
_MAX_HEADING_WORDS = 14
_MAX_HEADING_CHARS = 140
_LABEL = re.compile(r"^\s*([^:\n]{2,70}?)\s*:\s*(.*)$", re.DOTALL)
_EXCERPT_CHARS = 280
CAPS_WORD = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ0-9][A-ZÀ-ÖØ-Þ0-9&'’\-]{2,}(?![\w-])")
CLOSING = re.compile(
    r"^(?:(?:tres |bien |tres bien )?cordialement|bien a vous|salutations|sinceres salutations|"
    r"veuillez agreer|dans l attente de votre retour|en vous remerciant|nous vous prions d agreer|"
    r"je vous prie d agreer|nous restons a votre disposition|restant a votre disposition|"
    r"fait a [a-z -]+ le \d|[a-z][a-z -]{1,40} le \d{1,2}(?:er)? [a-z]+ 20\d\d$)\b"
)


@dataclass
class SectionHit:
    """Where one part was found and what follows its heading."""

    id: str
    source: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    inline_text: str = ""  # text after "Label :" on the heading line itself
    # how surely the line that opens it is a heading of the document: 3 a styled heading,
    # 2 a numbered, capitalised or bold line or a form's row, 1 a "Label : text" line,
    # 0 a list item or a line that is a heading only by its words
    rank: int = 2
    anchor: Block | None = None  # the heading block itself, when the part opens on one
    early: bool = True  # the part's word opens the heading ("Feuille de route", not a title
    #                     that mentions "planification" in passing)
    shared: int = 1  # how many parts the heading names

    def text(self) -> str:
        return blocks_text(self.blocks, self.inline_text)

    def excerpt(self) -> str:
        t = " ".join(self.text().split())
        if len(t) <= _EXCERPT_CHARS:
            return t
        cut = t.rfind(" ", 0, _EXCERPT_CHARS)
        return t[: cut if cut > 40 else _EXCERPT_CHARS] + "…"


@dataclass
class _Heading:
    index: int  # block index in the document
    text: str  # heading text as written
    title: str  # without numbering
    level: int
    styled: bool  # a real heading (style, outline, font) rather than a guess
    inline_text: str = ""
    rank: int = 3  # see SectionHit.rank


_LEAD_WORDS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "notre", "nos", "votre", "vos", "son",
               "sa", "ses", "leur", "leurs", "quel", "quelle", "quels", "quelles", "pour", "en", "au", "aux", "a",
               "et", "sur", "comment", "pourquoi", "qui", "quoi", "ou", "nous", "vers", "par", "dans", "avec",
               "ce", "cette", "ces", "mon", "ma", "mes", "partie", "section", "chapitre", "volet", "axe"}


def strip_numbering(text: str) -> str:
    t = text.strip()
    for _ in range(2):
        m = _NUMBERING.match(t)
        if not m or m.end() == 0:
            break
        t = t[m.end() :].strip()
    return t.strip(" *_:.-–—\t")


def _heading_strength(b: Block) -> int:
    """2: reads as a heading (numbered, capitals, bold line); 1: could be one only if its
    words name a part (a bullet, a line ending with a colon); 0: body text."""
    t = b.text.strip()
    if not t or len(t) > _MAX_HEADING_CHARS or len(t.split()) > _MAX_HEADING_WORDS:
        return 0
    if t.endswith((".", ";", ",")) and not t.endswith("..."):
        return 0
    letters = [c for c in t if c.isalpha()]
    caps = len(letters) >= 4 and all(not c.islower() for c in letters)
    numbered = _NUMBERING.match(t) is not None and not t.lstrip().startswith(("-", "•", "*", "–"))
    if t.endswith(":"):
        words = t[:-1].split()
        return 2 if len(words) <= 4 and "," not in t else 1
    if caps or (numbered and not b.list_item) or b.emphasis:
        return 2
    if b.list_item or numbered:
        return 1
    # a short line of its own ("Contexte", "Nos partenaires") in a plain-text body: a
    # heading only if its first words name a part
    return 1 if len(t.split()) <= 6 and not t.endswith(("!", "?")) and t[:1].isupper() else 0


def _style(b: Block) -> str:
    """How a guessed heading is marked ("digit2", "roman", "letter", "caps"...): in one
    document, headings marked alike are at the same level."""
    t = b.text.strip()
    m = _DEPTH.match(t)
    if m and _NUMBERING.match(t):
        return f"digit{1 + m.group(1).count('.')}"
    if re.match(r"^\s*[IVXLC]{2,6}\s*[.)\-–—:/]", t):
        return "roman"
    if re.match(r"^\s*[IVXLCDM]\s*[.)\-–—:/]\s", t):
        return "roman?"  # "I." or "C.": roman or letter, settled per document
    if re.match(r"^\s*[A-Z]\s*[.)\-–—/]\s", t):
        return "letter"
    if re.match(r"^\s*[a-z]\s*[.)]\s", t) or re.match(r"^\s*\(\s*[a-z]\s*\)", t):
        return "letter_lower"
    if b.list_item and b.list_depth:
        return f"bullet{b.list_depth}"  # a multi-level list: each depth a level of its own
    if b.list_item or re.match(r"^\s*[-•*–—▪►◦‣·]", t):
        return "bullet"
    if t.endswith(":"):
        return "colon"
    letters = [c for c in t if c.isalpha()]
    if letters and all(not c.islower() for c in letters):
        return "caps"
    return "bold"


def _style_levels(styles: list[str], offset: int) -> list[int]:
    """Levels by order of first appearance, as a reader infers them: the first way of
    marking headings is the top level, the next one below it, and so on."""
    roman = "roman" in styles
    resolved = [("roman" if roman else "letter") if st == "roman?" else st for st in styles]
    order: dict[str, int] = {}
    # a numbered outline ("I.", "II.", … or "1.", "2.", …) is the top level even when a bold
    # line ("Présentation de la structure") comes before it
    outline = next((st for st in resolved if st in ("roman", "digit1") and resolved.count(st) >= 3), None)
    if outline:
        order[outline] = 1
    for st in resolved:
        if st not in order:
            order[st] = len(order) + 1
    return [offset + order[st] for st in resolved]


def part_hints(vocabularies: dict[str, Vocabulary]) -> dict[str, str]:
    """Words of the vocabularies' phrases that belong to one part only ("effets" of
    "effets attendus", "attendons" of "ce que nous attendons"): weak evidence, used to
    settle an outline's slot and to doubt before asking for a part."""
    owners: dict[str, set[str]] = {}
    for sid, v in vocabularies.items():
        for term in v.terms:
            words = fold(term.rstrip("*")).split()
            for w in words if len(words) > 1 else []:
                if len(w) >= 4:
                    owners.setdefault(w, set()).add(sid)
    return {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1}


class SectionFinder:
    """Matches headings against the call's section vocabularies."""

    def __init__(self, vocabularies: dict[str, Vocabulary], placeholders: list[str],
                 breaks: Vocabulary | None = None, weak: dict[str, list[str]] | None = None):
        self.vocab = vocabularies
        self.breaks = breaks or Vocabulary([])
        # "Enjeux" alone may stand for the problem or the context: the part it stands
        # for is the first of its list that the document does not otherwise have
        self.weak = [(Vocabulary([term]), ids) for term, ids in (weak or {}).items()]
        self.placeholders = {fold(p) for p in placeholders if fold(p)}
        self.hints = part_hints(vocabularies)

    # -- heading matching ---------------------------------------------------------------
    def match(self, title: str, *, strict: bool = False, line: str | None = None) -> list[str]:
        """Section ids a heading names. `strict` (for guessed headings) wants the part's
        word near the start of the title, as a heading would have it."""
        if any(c.islower() for c in (line if line is not None else title)):
            # in a mixed-case heading, words in capitals are names ("HÔTEL-PLANNING")
            title = CAPS_WORD.sub(" ", title)
        f = fold(title)
        if not f:
            return []
        ids = []
        for sid, v in self.vocab.items():
            pos = v.first_position(f, folded=True)
            if pos is None:
                continue
            # a title of two clauses ("Ce que nous visons et ce que nous en attendons"):
            # the second clause's words count from its "et"
            before = f[:pos].split()
            clause = before[len(before) - before[::-1].index("et"):] if "et" in before else before
            if strict and len(before) > 6 and len(clause) > 4:
                continue
            ids.append(sid)
        return ids

    def _headings(self, doc: Document) -> list[_Heading]:
        out: list[_Heading] = []
        guessed: list[tuple[int, str]] = []  # (index in out, style)
        for i, b in enumerate(doc.blocks):
            if b.kind == "heading" and b.text.strip():
                title = strip_numbering(b.text)
                m = _LABEL.match(b.text)
                inline = ""
                if m and len(m.group(2).split()) >= 4 and self.match(m.group(1), line=b.text):
                    title, inline = strip_numbering(m.group(1)), m.group(2).strip()
                out.append(_Heading(i, b.text.strip(), title, b.level or 1, True, inline))
            elif b.kind == "paragraph":
                if CLOSING.match(fold(b.text)) or b.text.strip() in ("--", "-- ", "—"):
                    out.append(_Heading(i, b.text.strip(), "", 0, False))  # the signature ends every part
                    continue
                m = _LABEL.match(b.text)
                label = strip_numbering(m.group(1)) if m and len(m.group(1).split()) <= 8 else None
                if m is not None and label is not None and not self.match(label, strict=True) \
                        and self._is_break(label):
                    out.append(_Heading(i, m.group(1).strip(), "", 0, False))  # "Budget : ..." ends the parts
                    continue
                if m is not None and label is not None and len(m.group(2).split()) >= 3 \
                        and self.match(label, strict=True):
                    # "Essaimage : les ressources seront..." (a part named, its text after it)
                    guessed.append((len(out), "label"))
                    out.append(_Heading(i, m.group(1).strip(), label, 0, False, m.group(2).strip(),
                                        0 if b.list_item else 1))
                    continue
                strength = _heading_strength(b)
                title = strip_numbering(b.text)
                # a "Name : description" line names a part only by its first words
                if strength == 2 or (strength == 1 and self.match(label or title, strict=True)
                                     and (not b.list_item or self._named_first(label or title))):
                    guessed.append((len(out), _style(b)))
                    rank = 2 if strength == 2 and not b.list_item else 0
                    out.append(_Heading(i, b.text.strip(), title, 0, False, rank=rank))
        offset = max((h.level for h in out if h.styled), default=0)
        for (k, _), level in zip(guessed, _style_levels([st for _, st in guessed], offset), strict=True):
            out[k].level = level
        return out

    # -- content ------------------------------------------------------------------------
    def _has_content(self, hit: SectionHit) -> bool:
        words = fold(hit.text())
        if len(words.split()) <= 25 and any(words.startswith(p) for p in self.placeholders):
            return False  # "À compléter (composition en cours de validation…)": a placeholder and why
        for p in self.placeholders:
            words = re.sub(rf"(?<![0-9a-z]){re.escape(p)}(?![0-9a-z])", " ", words)
        if any(b.kind == "table" and any(any(c.strip() for c in r) for r in b.rows) for b in hit.blocks):
            return True
        return len(words.split()) >= 3

    def find(self, docs: list[Document]) -> dict[str, SectionHit]:
        return self.find_with_outlines(docs)[0]

    def find_with_outlines(self, docs: list[Document]
                           ) -> tuple[dict[str, SectionHit], dict[str, list[tuple[int, int, str]]]]:
        """For each section id, the part opened by the surest heading (a styled heading
        over a bold line, a bold line over a list item), the first among equals; absent
        ids left out. In a document with a heading structure, a list item or a line that
        is a heading only by its words does not open a part: it belongs to the part above."""
        found: dict[str, SectionHit] = {}
        weak_hits: list[tuple[list[str], SectionHit]] = []
        candidates: dict[str, list[SectionHit]] = {}
        outlines: list[tuple[Document, list[_Heading]]] = []
        for doc in docs:
            heads = self._headings(doc)
            outlines.append((doc, heads))
            hits = self._document_hits(doc, heads)
            structured = len({h.id for h in hits if h.rank >= 2 and not h.id.startswith("?")}) >= 3
            for hit in hits:
                if structured and hit.rank == 0:
                    continue
                if hit.id.startswith("?"):
                    weak_hits.append((hit.id[1:].split(","), hit))
                elif self._has_content(hit):
                    candidates.setdefault(hit.id, []).append(hit)
        for sid, hits in candidates.items():
            found[sid] = self._best(hits)
        for ids, hit in weak_hits:
            # a part held only by a title naming two ("Le déroulé dans le temps": method and
            # schedule) goes to a title of its own, even one that names it weakly ("Comment…")
            free = [sid for sid in ids if sid not in found
                    or (found[sid].shared > 1 and found[sid].anchor is not hit.anchor)]
            if free and self._has_content(hit):
                hit.id = free[0]
                found[hit.id] = hit
        for doc, heads in outlines:
            for hit in self._placed(doc, heads, found):
                found[hit.id] = hit  # a new part, or one a line inside this title held
            for hit in self._grouped(doc, heads, found):
                found[hit.id] = hit
            frame = self._frame(doc, heads, found)
            if frame is not None:  # a part moved out of the call's order: its text must say so
                for hit in self._reordered(doc, heads, found, frame, confirm=True):
                    found.setdefault(hit.id, hit)
            for hit in self._placed_rows(doc, found):
                found.setdefault(hit.id, hit)
        # each document's titles as read here, for the doubts (block index, level, text)
        return found, {doc.source: [(h.index, h.level, h.text) for h in heads if h.title and h.level]
                       for doc, heads in outlines}

    def _placed_rows(self, doc: Document, found: dict[str, SectionHit]) -> list[SectionHit]:
        """The same placement in a form ("Rubrique | Contenu"): rows whose label names no
        part ("D'où part le projet ?") between two rows that name parts in the call's
        order stand for the parts the call lists between them, as many rows as parts."""
        order = list(self.vocab)
        out: list[SectionHit] = []
        for b in doc.blocks:
            if b.kind != "table" or not b.rows:
                continue
            rows: list[tuple[int, str, str, list[int]]] = []  # (row, label, text, call positions)
            for i, row in enumerate(b.rows):
                cells = [c.strip() for c in row if c and c.strip()]
                if len(cells) != 2 or len(cells[0]) > 120 or len(cells[1].split()) < 4 \
                        or parse_amount(cells[1]) is not None:
                    continue
                label = strip_numbering(cells[0])
                ids = self.match(label, strict=True) if self._named_first(label) else []
                taken = [order.index(sid) for sid in ids if sid in found and found[sid].source == doc.source
                         and found[sid].heading == cells[0]]
                if ids and not taken:
                    continue  # named, but read elsewhere: not this form's outline
                rows.append((i, cells[0], cells[1], taken))
            if sum(1 for r in rows if r[3]) < 3:
                continue
            lo, run = -1, list[tuple[int, str, str, list[int]]]()
            for entry in rows + [(-1, "", "", [len(order)])]:
                if not entry[3]:
                    if not self._is_break(strip_numbering(entry[1])):
                        run.append(entry)
                    continue
                missing = [sid for sid in order[lo + 1:min(entry[3])] if sid not in found]
                if run and len(run) == len(missing) and lo < min(entry[3]):
                    for sid, (i, label, text, _) in zip(missing, run, strict=True):
                        inner = b.cells[i] if i < len(b.cells) else []
                        blocks = next((c for c in reversed(inner) if c), None) or [
                            Block(kind="paragraph", text=text, page=b.page)]
                        out.append(SectionHit(sid, doc.source, label, list(blocks)))
                lo, run = max(entry[3]), []
        return out

    def _placed(self, doc: Document, heads: list[_Heading], found: dict[str, SectionHit]) -> list[SectionHit]:
        """Parts titled in the applicant's own words, placed by the outline: in a document
        whose headings name at least three parts in the call's order, the headings of the
        same level between two of them ("Nos appuis" after the results and the
        sustainability parts) stand for the parts the call lists between those two, when
        there are exactly as many headings as missing parts there. The call's order is the
        order of its parts in config; a document that reorders them gets no placement."""
        order = list(self.vocab)
        frame = self._frame(doc, heads, found)
        if frame is None:
            return []
        opened, level, listed, outline = frame
        anchors = [k for k in outline if k in opened]
        if [p for k in anchors for p in sorted(opened[k])] != sorted(p for k in anchors for p in opened[k]):
            return self._reordered(doc, heads, found, frame)
        out: list[SectionHit] = []
        first_anchor = anchors[0]
        runs: list[tuple[int, int, list[int]]] = []  # (call position before, after, headings)
        lo, run = -1, list[int]()
        for k in outline:
            if k in opened:
                runs.append((lo, min(opened[k]), run))
                lo, run = max(opened[k]), []
            elif self._is_break(heads[k].title) or (heads[k].rank == 0 and not heads[k].styled and not listed):
                if k > first_anchor:
                    runs.append((lo, len(order), run))
                    break
                run = []
            else:
                run.append(k)
        else:
            runs.append((lo, len(order), run))
        def span(k: int) -> list[Block]:
            return self._span(doc, heads, k, level)

        for lo, hi, run in runs:
            # a part found only by a line inside one of these titles ("La démarche suit trois
            # mouvements :" under "Comment allons-nous nous y prendre ?") is theirs to place
            inside = {sid for sid in order[lo + 1:hi] if sid in found and found[sid].rank <= 1
                      and found[sid].source == doc.source and any(
                          b is found[sid].anchor for k in run for b in span(k))}
            missing = [sid for sid in order[lo + 1:hi] if sid not in found or sid in inside]
            if lo == -1 and len(run) == len(missing) + 1 and run and run[0] == outline[0]:
                run = run[1:]  # the document's own title before its first part
            run = [k for k in run if not self._costs(doc, heads, k, level)]  # "Combien ça coûte ?"
            if not run or lo >= hi or not missing:
                continue
            if len(run) == len(missing):
                # in the call's order, unless the titles' own text says otherwise (the
                # problem written before the objectives, each speaking of its own part)
                said = self._said(doc, heads, run, level, missing, list(itertools.permutations(missing)),
                                  default=tuple(missing)) if 1 < len(run) <= 4 else None
                pairs = list(zip(said or missing, run, strict=True))
            else:  # fewer or more titles than parts: only those whose words point to one
                hinted = {k: {self.hints[w] for w in fold(heads[k].title).split() if w in self.hints} & set(missing)
                          for k in run}
                pairs = [(next(iter(ids)), k) for k, ids in hinted.items() if len(ids) == 1]
                if len({sid for sid, _ in pairs}) != len(pairs):
                    continue
            for sid, k in pairs:
                h = heads[k]
                hit = SectionHit(sid, doc.source, h.text, span(k), h.inline_text,
                                 h.rank, doc.blocks[h.index], False, 1)
                if self._has_content(hit):
                    out.append(hit)
        return out

    def _frame(self, doc: Document, heads: list[_Heading], found: dict[str, SectionHit]
               ) -> tuple[dict[int, list[int]], int, bool, list[int]] | None:
        """The outline parts are placed in: which headings opened which parts (their call
        positions), the parts' heading level, whether the parts are list items (a Word
        numbered list as the outline: its items are peers) and the headings of that level.
        None where fewer than three parts open on headings of the document."""
        order = list(self.vocab)
        opened: dict[int, list[int]] = {}  # heading position -> call positions of its parts
        for sid, hit in found.items():
            if hit.source != doc.source or hit.anchor is None:
                continue
            for k, h in enumerate(heads):
                if doc.blocks[h.index] is hit.anchor:
                    opened.setdefault(k, []).append(order.index(sid))
        if len(opened) < 3:
            return None
        levels = [heads[k].level for k in opened]
        level = max(set(levels), key=levels.count)
        listed = sum(heads[k].rank == 0 for k in opened if heads[k].level == level) * 2 > levels.count(level)
        outline = [k for k, h in enumerate(heads) if h.level == level and h.title]
        if sum(k in opened for k in outline) < 3:
            return None
        return opened, level, listed, outline

    def _grouped(self, doc: Document, heads: list[_Heading], found: dict[str, SectionHit]) -> list[SectionHit]:
        """A part named by a title above the parts' level ("D'où nous partons" over "Un
        groupement au carrefour de 140 TPE" and "Ce que nous cherchons à comprendre"),
        whose items at the parts' level open other parts but one: that one, in the
        applicant's own words, is the part the group title names."""
        frame = self._frame(doc, heads, found)
        if frame is None:
            return []
        opened, level, _listed, outline = frame
        out: list[SectionHit] = []
        for sid, hit in found.items():
            k = next((k for k, h in enumerate(heads) if hit.source == doc.source and hit.anchor is not None
                      and doc.blocks[h.index] is hit.anchor), None)
            if k is None or heads[k].level >= level or not heads[k].level:
                continue
            end = next((x.index for x in heads[k + 1:] if x.level <= heads[k].level), len(doc.blocks))
            inner = [j for j in outline if heads[k].index < heads[j].index < end]
            free = [j for j in inner if j not in opened and not self.match(heads[j].title, strict=True)]
            if len(free) == 1 and len(inner) >= 2 and free[0] == inner[0]:
                h = heads[free[0]]
                moved = SectionHit(sid, doc.source, h.text, self._span(doc, heads, free[0], level), h.inline_text,
                                   h.rank, doc.blocks[h.index], hit.early, 1)
                if self._has_content(moved):
                    out.append(moved)
        return out

    def _reordered(self, doc: Document, heads: list[_Heading], found: dict[str, SectionHit],
                   frame: tuple[dict[int, list[int]], int, bool, list[int]], confirm: bool = False
                   ) -> list[SectionHit]:
        """Own-words titles in a document that orders the parts its own way: as many titles
        of the parts' level that name no part as the call's parts still missing, each
        given the part that keeps the document closest to the call's order (the fewest
        pairs of parts out of order), when one assignment is clearly the closest (by two
        pairs at least: one pair is what swapping two neighbouring titles costs) and agrees
        with the titles' own words. Else nothing is placed: the doubt goes to a person.
        With `confirm` (a document that follows the call's order but for a moved part),
        the text under each title must also speak of the part it is given."""
        opened, level, listed, outline = frame
        order = list(self.vocab)
        missing = [sid for sid in order if sid not in found]
        first = min(k for k in outline if k in opened)
        # titles that opened nothing: own words, or words of a part another title opened
        # ("faire vivre et diffuser la démarche" after "Notre façon de faire")
        pool = [k for k in outline if k not in opened and not self._is_break(heads[k].title)
                and (heads[k].rank > 0 or heads[k].styled or listed)
                and not self._costs(doc, heads, k, level)
                and not set(self.match(heads[k].title, strict=not heads[k].styled)) & set(missing)]
        if pool and pool[0] == outline[0] and pool[0] < first and len(pool) == len(missing) + 1:
            pool = pool[1:]  # the document's own title before its first part
        if not missing or len(pool) != len(missing) or len(pool) > 4:
            return []
        hinted = {k: {self.hints[w] for w in fold(heads[k].title).split() if w in self.hints} & set(missing)
                  for k in pool}
        scored: list[tuple[int, tuple[str, ...]]] = []
        for perm in itertools.permutations(missing):
            if any(hinted[k] and sid not in hinted[k] for k, sid in zip(pool, perm, strict=True)):
                continue
            at = dict(zip(pool, perm, strict=True))
            seq = [p for k in sorted(set(opened) | set(pool))
                   for p in (sorted(opened[k]) if k in opened else [order.index(at[k])])]
            inversions = sum(a > b for i, a in enumerate(seq) for b in seq[i + 1:])
            scored.append((inversions, perm))
        scored.sort()
        if not scored:
            return []
        chosen = scored[0][1]
        if confirm or (len(scored) > 1 and scored[1][0] - scored[0][0] < 2):
            # two titles swapped next to each other would be as close: their own text may
            # say which is which ("Un comité de pilotage se réunit…"), or nobody says
            said = self._said(doc, heads, pool, level, missing, [p for i, p in scored if i <= scored[0][0] + 2])
            if said is None:
                return []
            chosen = said
        out: list[SectionHit] = []
        for k, sid in zip(pool, chosen, strict=True):
            h = heads[k]
            hit = SectionHit(sid, doc.source, h.text, self._span(doc, heads, k, level), h.inline_text,
                             h.rank, doc.blocks[h.index], False, 1)
            if self._has_content(hit):
                out.append(hit)
        return out

    def _said(self, doc: Document, heads: list[_Heading], pool: list[int], level: int, missing: list[str],
              perms: list[tuple[str, ...]], default: tuple[str, ...] | None = None) -> tuple[str, ...] | None:
        """Among assignments the outline leaves open, the one the titles' own text
        settles: each title's first lines use words of the part it is given ("comité de
        pilotage", "partenaires"), and together more of them than any other assignment.
        Against a `default` the outline already gives (the call's order), the text must
        say clearly more (two words at least), though not under every title."""
        words = {k: fold(" ".join(blocks_text(self._span(doc, heads, k, level)).split()[:80])) for k in pool}
        said = {(k, sid): len(self.vocab[sid].find(words[k], folded=True)) for k in pool for sid in missing}

        def score(p: tuple[str, ...]) -> int:
            return sum(said[(k, sid)] for k, sid in zip(pool, p, strict=True))
        ranked = sorted(((score(p), p) for p in perms
                         if default is not None or all(said[(k, sid)] for k, sid in zip(pool, p, strict=True))),
                        reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        if default is not None and ranked[0][0] < score(default) + 2:
            return None
        return ranked[0][1]

    @staticmethod
    def _best(hits: list[SectionHit]) -> SectionHit:
        """Among the headings that open the same part: not one nested inside another's part
        ("Objectif général" under "II. Objectifs poursuivis"), then one whose first words
        name it, one that names it alone, the surest kind of heading; the first among equals."""
        outer = [h for h in hits if not any(o is not h and h.anchor is not None
                                            and any(b is h.anchor for b in o.blocks) for o in hits)] or hits
        if all(o.shared > 1 for o in outer):
            # "3. Effets attendus et suites" over "3.1 Productions…" and "3.2 Diffusion…":
            # the sub-heading naming this part alone opens it
            alone = [h for h in hits if h.shared == 1 and h not in outer and h.rank >= 2]
            # ("Notre ambition est triple : …", a line of the text, is not a sub-heading)
            if alone:
                return max(alone, key=lambda h: (h.early, h.rank))
        return max(outer, key=lambda h: (h.early, h.shared == 1, h.rank))

    def _early(self, title: str, sid: str) -> bool:
        if any(c.islower() for c in title):
            title = CAPS_WORD.sub(" ", title)
        # "Ce que nous cherchons à atteindre": the relative opening is the heading's frame,
        # the part's word comes right after it
        f = re.sub(r"^ce (?:que|qu|qui) (?:nous |le projet |l on |vous )?", "", fold(title))
        pos = self.vocab[sid].first_position(f, folded=True) if sid in self.vocab else None
        # the part's word first or second ("Le contexte…", "Les équipes concernées"), not
        # the object of a verb ("… faire des plannings un sujet de dialogue", a title)
        return pos is not None and len(f[:pos].split()) <= 2 and not any(
            w not in _LEAD_WORDS and re.search(r"\w{2}(?:er|ir|re)$", w) for w in f[:pos].split())  # "faire des …"

    def _weak_match(self, title: str) -> list[str]:
        f = fold(title)
        for v, ids in self.weak:
            pos = v.first_position(f, folded=True)
            if pos is not None and len(f[:pos].split()) <= 3:
                return ids
        return []

    @staticmethod
    def _span(doc: Document, heads: list[_Heading], k: int, level: int) -> list[Block]:
        """What the heading at `k` opens: its blocks up to the next heading of its level."""
        end = next((x.index for x in heads[k + 1:] if x.level <= level), len(doc.blocks))
        return doc.blocks[heads[k].index + 1:end]

    @classmethod
    def _costs(cls, doc: Document, heads: list[_Heading], k: int, level: int) -> bool:
        """Whether the heading at `k` opens a budget: most of its lines carry an amount."""
        lines = [r for b in cls._span(doc, heads, k, level)
                 for r in ([" ".join(row) for row in b.rows] if b.kind == "table" else b.text.splitlines())
                 if r.strip()]
        priced = sum(1 for r in lines if any(a.value >= 100 for a in find_amounts(r))
                     or any(parse_amount(c) is not None for c in r.split()[-2:]))
        return len(lines) >= 3 and priced * 2 >= len(lines)

    def _document_hits(self, doc: Document, heads: list[_Heading]) -> list[SectionHit]:
        hits: list[SectionHit] = []
        for k, h in enumerate(heads):
            ids = self.match(h.title, strict=not h.styled)
            weak = [w for w in (self._weak_match(h.title) if h.title else []) if w not in ids]
            strong = len(ids)
            if weak:  # settled in find(), once strong parts are known; "Publics concernés et
                ids = ids + ["?" + ",".join(weak)]  # enjeu central" is the problem too, if none else
            elif not ids:
                continue
            end = len(doc.blocks)
            for nxt in heads[k + 1 :]:
                if self._closes(h, ids, nxt):
                    end = nxt.index
                    break
            inner = [x for x in heads[k + 1 :] if x.index < end]
            others = {sid for x in inner for sid in self.match(x.title, strict=not x.styled)} - set(ids)
            if len(others) >= 2:
                continue  # a title over several parts ("PROJET : plannings et ..."), not a part
            blocks = doc.blocks[h.index + 1 : end]
            for sid in ids:
                hits.append(SectionHit(sid, doc.source, h.text, blocks, h.inline_text, h.rank,
                                       doc.blocks[h.index], self._early(h.title, sid), max(strong, 1)))
        hits.extend(self._table_hits(doc))
        return hits

    def _closes(self, h: _Heading, ids: list[str], nxt: _Heading) -> bool:
        """Whether `nxt` ends the part opened by `h`. In a document with real heading
        styles, a bold or numbered line below a heading is its sub-structure unless it
        names another part."""
        if nxt.level == 0 or (self._is_break(nxt.title) and not self.match(nxt.title, strict=True)):
            return True
        if nxt.level > h.level:
            return False
        if h.styled and not nxt.styled:
            return bool(set(self.match(nxt.title, strict=True)) - set(ids))
        return True

    def _named_first(self, title: str) -> bool:
        """A bullet is a heading only when the part's word opens it ("Pilotage : ...")."""
        f = fold(title)
        return any((p := v.first_position(f, folded=True)) is not None and len(f[:p].split()) <= 2
                   for v in self.vocab.values())

    def _is_break(self, title: str) -> bool:
        f = fold(title)
        pos = self.breaks.first_position(f, folded=True)
        return pos is not None and len(f[:pos].split()) <= 2

    def _table_hits(self, doc: Document) -> list[SectionHit]:
        """Proposals laid out as a form: "Rubrique | Contenu" rows, or a question in a
        row of its own (a merged cell) with its answer in the rows below. The part's text
        is the answer cell's own blocks (paragraphs, lists) where the reader kept them."""
        hits: list[SectionHit] = []
        for b in doc.blocks:
            if b.kind != "table":
                continue
            pending: tuple[str, list[str]] | None = None  # a question row awaiting its answer
            answer: list[Block] = []
            for i, row in enumerate(b.rows):
                filled = [k for k, c in enumerate(row) if c and c.strip()]
                cells = [row[k].strip() for k in filled]
                inner = b.cells[i] if i < len(b.cells) else []
                if len(cells) == 1 and len(cells[0]) <= 120 and len(cells[0].split()) <= 14:
                    ids = self.match(strip_numbering(cells[0]), strict=True) \
                        if self._named_first(strip_numbering(cells[0])) else []
                    if ids or _heading_strength(Block("paragraph", cells[0])) == 2:
                        hits.extend(self._answered(doc.source, pending, answer))
                        pending, answer = (cells[0], ids) if ids else None, []
                        continue
                if len(cells) == 1 and pending is not None:
                    k = filled[0]
                    answer.extend(inner[k] if k < len(inner) and inner[k]
                                  else [Block(kind="paragraph", text=cells[0], page=b.page)])
                    continue
                hits.extend(self._answered(doc.source, pending, answer))
                pending, answer = None, []
                if len(cells) < 2 or len(cells[0]) > 80:
                    continue
                if not self._named_first(strip_numbering(cells[0])):
                    continue  # "Conception d'une application de planning" is a budget line
                ids = self.match(strip_numbering(cells[0]), strict=True)
                body = " ".join(cells[1:])
                if ids and len(body.split()) >= 4 and not any(
                        (c[:1].isdigit() and len(c.split()) <= 2) or parse_amount(c) is not None
                        for c in cells[1:]):  # "Valorisation en nature | 4 000 €" is a budget line
                    blocks = [blk for k in filled[1:] if k < len(inner) for blk in inner[k]]
                    if not blocks:
                        blocks = [Block(kind="paragraph", text=body, page=b.page)]
                    for sid in ids:  # "Contexte de la démarche" is the context's row, not the method's
                        hits.append(SectionHit(sid, doc.source, cells[0], blocks,
                                               early=self._early(strip_numbering(cells[0]), sid), shared=len(ids)))
            hits.extend(self._answered(doc.source, pending, answer))
        return hits

    @staticmethod
    def _answered(source: str, question: tuple[str, list[str]] | None, answer: list[Block]) -> list[SectionHit]:
        """A form's question row and the answer rows below it, one hit per part it names."""
        if question is None or not answer:
            return []
        return [SectionHit(sid, source, question[0], list(answer)) for sid in question[1]]
