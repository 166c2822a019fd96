"""Finding the project's title, as a careful reader of a proposal would.

The worker matches a later message to its dossier by sender and project title, and the
committee's summaries show it. A reader looks, in order, for:

1. a label that names the title ("Titre du projet : ...", an "Intitulé du projet | ..."
   table row, "Projet : ..."), in any document;
2. the title page of the main proposal document (the one with the most description
   content): its first heading or emphasised short line before the first part of the
   description, passing over the call's own name, "Dossier de candidature", dates,
   section headings and the applicant's letterhead;
3. the message's subject, once replies, references, the call's words and filler are gone.

Words come from the call's config (`title_labels`, `title_generic`, the call's title and
programme, the section vocabularies): next year's call changes the file, not this code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .document import Block, Document
from .sections import CLOSING, SectionFinder, strip_numbering
from .vocab import fold

SUBJECT = "objet du message"
_MAX_CHARS = 200  # a title longer than this is cut at a word boundary
_MAX_LINE_CHARS = 260  # a line longer than this is body text, not a title
_MAX_LINE_WORDS = 30
_MAX_PLAIN_WORDS = 20  # an unstyled line must be shorter to pass for a title
_FRONT_BLOCKS = 15  # a title page is read within the first blocks...
_FRONT_PAGES = 2  # ...and pages
_MIN_SUBJECT_WORDS = 2
_READ_BLOCKS = 2000  # blocks of a document read to weigh its description content
_READ_ROWS = 60  # rows of a table read for parts and labels
_SIGNATURE_BLOCKS = 40  # a signature is within a document's last blocks
_PART_HEADING_WORDS = 6  # a part's heading is short: "Contexte et enjeux", not a title...
_MAX_PART_WORDS = 8  # ...and a longer line using a part's word is a title, not where parts begin
_MAX_SENTENCE_WORDS = 12  # a label's value ending with "." and longer is a description

_TOKEN = re.compile(r"[^\W_]+")
# Small words that neither make a line a title nor keep generic words at its edges.
_STOP = frozenset(
    "le la les l de du des d a au aux en et ou pour par sur sous un une dans avec ce cet cette "
    "ces son sa ses leur leurs notre nos votre vos mon ma mes que qui dont the of for to and".split()
)
# Words left out at the edge of a title cut from generic words ("Projet de X" gives "X").
_LINKS = frozenset("de du des d a au aux en et pour par sur".split())
_MONTHS = frozenset(
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "janv fevr avr juil sept oct nov dec er".split()
)
# Between two words: a break in the line ("X – budget", "AMI : projet X", "« X »").
_SEPARATOR = re.compile(r"[–—:|«»\"“”()\[\]•·;,/]|\s-\s|\s-$|^-\s")
_SUBJECT_SEPARATOR = re.compile(r"[–—:|()\[\]/]|\s-\s")
_YEAR = re.compile(r"(?:19|20)\d\d")
_GREETING = re.compile(r"^(?:bonjour|bonsoir|madame|monsieur|mesdames|messieurs|cher|chere|chers|"
                       r"cheres|hello|salut)\b")
_DECORATION = re.compile(r"^[\s=_*#~•·>\-–—]+|[\s=_*#~\-–—]+$")
_NUMBERED = re.compile(
    r"^\s*(?:(?:partie|section|chapitre|article|axe|volet)\s+[\divxlc]+\b"
    r"|\d{1,2}(?:\s*\.\s*\d{1,2})*\s*[.)/°:–—-]?\s+\D|[IVXLC]{1,6}\s*[.)/:–—-]\s|[A-Ha-h]\s*[.)/]\s)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"@|https?://|www\.|\b\d{5}\b|(?:\+33|\b0\d)(?:[\s.]?\d{2}){4}\b|\bsiret\b|\bsiren\b", re.IGNORECASE
)
_REPLY = re.compile(r"^\s*(?:(?:re|tr|fw|fwd|réf|ref|aw|wg)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_REFERENCE = re.compile(r"\[[^\]]*\]|\((?:ref|réf)[^)]*\)", re.IGNORECASE)
_LABEL_LINE = re.compile(r"^\s*([^:\n]{2,60}?)\s*[:：]\s*(.+)$", re.DOTALL)
# A company's legal form, as written after its name ("Ergolys SAS", "Alpha SARL").
_LEGAL_FORM = re.compile(r"\b(?:SAS|SASU|SARL|EURL|SCOP|SCIC|SA)\b|\bloi 1901\b")
_COINED = re.compile(r"[A-ZÀ-Þ]{3,}|\w[-+&]\w|\d")  # PORT-NUM, TRANSMETTRE, GUICHET+, 4.0
_OPENERS = {"«": "»", "“": "”", '"': '"', "(": ")", "[": "]", "‘": "’"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


@dataclass
class TitleHit:
    """The project's title and where it was read.

    source: the file name (or the message body's source name), or "objet du message".
    how:    "label" (named by a label), "title_page" (the main document's first title
            line) or "subject" (what the subject says beside the call's words).
    """

    text: str
    source: str
    how: str


@dataclass
class _Tok:
    start: int
    end: int
    word: str  # folded


def find_title(docs: list[Document], subject: str, call) -> TitleHit | None:
    """The project's title, or None when neither the documents nor the subject give one.

    `call` is intake.config.CallConfig (duck-typed, as in parsers/proposal.py)."""
    return _TitleReader(call).find(docs, subject)


class _TitleReader:
    def __init__(self, call):
        self.labels = [fold(t) for t in call.title_labels.terms]
        extra = [t for t in (getattr(call, "title", ""), getattr(call, "programme", "")) if t]
        generic = list(call.title_generic.terms) + list(call.subject_words.terms) + extra
        self.generic = [(fold(t.rstrip("*")).split(), t.endswith("*")) for t in generic]
        self.generic = [g for g in self.generic if g[0]]
        self.finder = SectionFinder({sid: s.headings for sid, s in call.sections.items()},
                                    call.placeholders, call.section_breaks, call.weak_headings)
        self.breaks = call.section_breaks
        self.org_words = call.partner_org_words
        self.sending = call.sending_words
        self.questions = call.question_words
        self.placeholders = {fold(p) for p in call.placeholders if fold(p)}
        self._parts: dict[int, dict] = {}

    def parts(self, doc: Document) -> dict:
        """The parts of the description found in one document (read once, within its
        first blocks and table rows: a proposal is not a million-row sheet)."""
        if id(doc) not in self._parts:
            blocks = [replace(b, rows=b.rows[:_READ_ROWS]) if b.kind == "table" else b
                      for b in doc.blocks[:_READ_BLOCKS]]
            self._parts[id(doc)] = self.finder.find([replace(doc, blocks=blocks)]) if blocks else {}
        return self._parts[id(doc)]

    # -- the three ways, in order -----------------------------------------------------------
    def find(self, docs: list[Document], subject: str) -> TitleHit | None:
        ranked = self._by_content(docs)
        signature = self._signature_lines(docs)
        best = ranked[0][1] if ranked else 0
        # the main document; when no document describes the project (a budget sheet, a
        # cover letter), each one in turn
        mains = [(doc, n > 0) for doc, n in ranked if n == best]
        for doc, _ in ranked:
            # a bare "Titre :" or "Projet :" names the project on the main document's
            # first page, not in an annexed CV ("Titre : maître de conférences")
            main = next((has for d, has in mains if d is doc), None)
            hit = self._labelled(doc, self._front_end(doc, main) if main is not None else 0)
            if hit:
                return hit
        for doc, has_parts in mains:
            hit = self._title_page(doc, signature, has_parts=has_parts)
            if hit:
                return hit
        return self._from_subject(subject, signature)

    def _by_content(self, docs: list[Document]) -> list[tuple[Document, int]]:
        """Documents by description content: parts found, then words."""
        scored = []
        for i, d in enumerate(docs):
            parts = len(self.parts(d))
            words = sum(len(b.text.split()) + sum(len(c.split()) for r in b.rows[:_READ_ROWS] for c in r)
                        for b in d.blocks[:_READ_BLOCKS])
            scored.append((-parts, -words, i, d))
        scored.sort(key=lambda s: s[:3])
        return [(d, -p) for p, _, _, d in scored]

    # -- 1. a label ---------------------------------------------------------------------------
    def _labelled(self, doc: Document, front_end: int) -> TitleHit | None:
        """A title label's value; a one-word label ("Titre", "Projet") only before
        `front_end`."""
        blocks = doc.blocks[:_READ_BLOCKS]
        for i, b in enumerate(blocks):
            if b.kind == "table":
                found = self._table_label(b)
            else:
                found = self._line_label(b.text)
                label = self._label(b.text) if found is None else None
                if label is not None:
                    # "Titre du projet" on its own line, the title on the next one
                    nxt = next((x for x in blocks[i + 1:i + 3] if x.kind != "table" and x.text.strip()), None)
                    found = (nxt.text, label) if nxt is not None else None
            if not found or (len(found[1].split()) == 1 and i >= front_end):
                continue
            title = self._label_value(*found)
            if title:
                return TitleHit(title, doc.source, "label")
        return None

    def _label(self, text: str) -> str | None:
        """The folded label when the whole text is one ("Intitulé du projet (acronyme)",
        "TITRE DU PROJET")."""
        if len(text) > 80:
            return None
        f = fold(re.sub(r"\([^)]*\)", " ", strip_numbering(text)))
        return f if f and f in self.labels else None

    def _line_label(self, text: str) -> tuple[str, str] | None:
        """(value, label) of a "Titre du projet : ..." line."""
        m = _LABEL_LINE.match(text.strip())
        if m is None:
            return None
        label = self._label(m.group(1))
        return (m.group(2), label) if label else None

    def _table_label(self, b: Block) -> tuple[str, str] | None:
        """A form's "Intitulé du projet | ..." row, or the label over its value."""
        rows = b.rows[:_READ_ROWS]
        for r, row in enumerate(rows):
            cells = [c.strip() for c in row if c and c.strip()]
            if not cells or len(cells) > 2:
                continue  # a header row of a wider table ("Titre | Nom | Structure")
            inline = self._line_label(cells[0])
            if inline:
                return inline
            label = self._label(cells[0])
            if label is None:
                continue
            if len(cells) == 2:
                return cells[1], label
            col = next(k for k, c in enumerate(row) if c and c.strip())
            if r + 1 < len(rows) and col < len(rows[r + 1]):
                return rows[r + 1][col], label
        return None

    def _label_value(self, value: str, label: str) -> str | None:
        """The title a label gives, unless the value is a placeholder or a sentence of
        description. After a bare "Projet" or "Titre" the value must look like a name
        (two words or more, an acronym): "Projet | Montant" is a table header."""
        text = " ".join(value.split())
        words = text.split()
        if not text or len(text) > _MAX_LINE_CHARS or len(words) > _MAX_LINE_WORDS:
            return None
        if fold(text) in self.placeholders or (text.endswith(".") and len(words) > _MAX_SENTENCE_WORDS):
            return None
        toks = _tokens(text)
        span = self._trim(text, toks)
        if span is None:
            return None
        title = _finish(text, span)
        if len(label.split()) == 1 and len(_tokens(title)) < 2 and not _COINED.search(title):
            return None
        return title

    # -- 2. the title page ----------------------------------------------------------------------
    def _title_page(self, doc: Document, signature: list[str], *, has_parts: bool) -> TitleHit | None:
        """The first title line before the first part of the description, a styled one
        (heading, bold, large) before a plain one (a running header "Alpha Conseil – août
        2022" above the big title). The applicant's letterhead is not a title."""
        plain: TitleHit | None = None
        for text, styled in self._front(doc, has_parts):
            if not styled and (plain or not self._plain_title_line(text)):
                continue
            if text.endswith(":") or _NUMBERED.match(text):
                continue  # "Vous trouverez ci-joint :", "12 rue des Lilas"
            span = self._trim(text, _tokens(text))
            if span is None:
                continue  # the call's name, "Dossier de candidature", a date
            title = _finish(text, span)
            if len(title) > _MAX_LINE_CHARS or len(title.split()) > _MAX_LINE_WORDS:
                continue
            if self._is_section(title):
                break  # the description has begun
            if (_CONTACT.search(title) or self._field(text) or self._is_org(title)
                    or self._signed(title, signature)):
                continue
            hit = TitleHit(title, doc.source, "title_page")
            if styled:
                return hit
            plain = hit
        return plain

    def _front(self, doc: Document, has_parts: bool):
        """(text, styled) of the lines before the description's first part and before
        any closing formula (a signature follows it). A document that describes no part
        (a cover letter, a budget sheet) offers only its styled lines."""
        for i, b in enumerate(doc.blocks[:self._front_end(doc, has_parts)]):
            if b.page is not None and b.page > _FRONT_PAGES:
                break
            if b.kind == "table":
                cells = [c for r in b.rows[:1] for c in r if c and c.strip()]
                if i == 0 and len(cells) == 1:  # a sheet's or form's title row
                    yield _clean_line(cells[0]), True
                continue
            text = _clean_line(b.text)
            if not text:
                continue
            if CLOSING.match(fold(text)) or text in ("--", "—"):
                break
            styled = b.kind == "heading" or b.emphasis
            if styled or has_parts:
                yield text, styled

    def _front_end(self, doc: Document, has_parts: bool) -> int:
        """Where a document's title page ends: at its first part, within its first blocks."""
        end = min(len(doc.blocks), _FRONT_BLOCKS)
        return min(end, self._first_part(doc)) if has_parts else end

    def _first_part(self, doc: Document) -> int:
        """Index of the block holding the first heading of a part of the description.
        A long line is a title that happens to use a part's word ("FIL-IA — mettre en
        discussion la planification..."), not a part."""
        heads = {h.heading.strip() for h in self.parts(doc).values()}
        heads = {h for h in heads if h and len(h.split()) <= _MAX_PART_WORDS}
        for i, b in enumerate(doc.blocks):
            if b.kind == "table":
                if any(c.strip() in heads for r in b.rows for c in r if c):
                    return i
            elif any(b.text.strip().startswith(h) for h in heads):
                return i
        return len(doc.blocks)

    def _plain_title_line(self, text: str) -> bool:
        """An unstyled line reads as a title when it is short, is not a sentence, and
        does not speak to the reader ("Vous trouverez ci-joint...")."""
        words = text.split()
        if not words or len(words) > _MAX_PLAIN_WORDS or len(text) > _MAX_LINE_CHARS:
            return False
        if text.endswith((".", ",", ";", ":")) and not text.endswith("..."):
            return False
        return not self.sending.matches(text)

    def _is_section(self, text: str) -> bool:
        """A heading of a part or a section break ("Contexte", "Présentation du porteur"),
        not a title: short, and the part's word comes first."""
        t = strip_numbering(text)
        f = fold(t)
        if not f or len(f.split()) > _PART_HEADING_WORDS:
            return False
        ids = self.finder.match(t, strict=True)
        starts = [p for sid in ids if (p := self.finder.vocab[sid].first_position(f, folded=True)) is not None]
        if starts and len(f[:min(starts)].split()) <= 1:
            return True
        pos = self.breaks.first_position(f, folded=True)
        return pos is not None and len(f[:pos].split()) <= 2

    def _field(self, text: str) -> bool:
        """A form field other than the title ("Porteur : ...", "Contact : ...")."""
        m = _LABEL_LINE.match(text)
        if not m or len(m.group(1).split()) > 4:
            return False
        toks = _tokens(m.group(1))
        generic = self._generic_marks(toks)
        return bool(toks) and all(generic[k] or t.word in _STOP for k, t in enumerate(toks))

    # -- 3. the subject --------------------------------------------------------------------------
    def _from_subject(self, subject: str, signature: list[str]) -> TitleHit | None:
        """What the subject says beside the call's words: "Candidature AMI – projet
        Proxi-Num" gives "Proxi-Num"; "candidature Atelier Tangente" names the applicant."""
        if self.questions.matches(subject or ""):
            return None  # "Question sur l'AMI : éligibilité" asks, it names no project
        text = " ".join(_REFERENCE.sub(" ", _REPLY.sub("", subject or "")).split())
        toks = _tokens(text)
        best: tuple[str, bool] | None = None
        for seg in _segments(text, toks):
            span = self._trim(text, seg, loose=True)
            if span is None:
                continue
            before = [t.word for t in seg if t.start < span[0]]
            named = "projet" in before
            applicant = not named and any(w.startswith(("candidature", "dossier")) for w in before)
            title = _finish(text, span)
            words = [t for t in _tokens(title) if _is_content(t.word, False)]
            if applicant or self._is_org(title) or self._signed(title, signature):
                continue
            if not named and len(words) < _MIN_SUBJECT_WORDS:
                continue
            if best is None or (named and not best[1]):
                best = (title, named)
        return TitleHit(best[0], SUBJECT, "subject") if best else None

    # -- shared: generic words, organisations ----------------------------------------------------------
    def _generic_marks(self, toks: list[_Tok]) -> list[bool]:
        """Which tokens belong to a generic phrase (the call's name, "dossier de
        candidature"...) or a date (a month, a year)."""
        words = [t.word for t in toks]
        marks = [w in _MONTHS or _YEAR.fullmatch(w) is not None for w in words]
        for k in range(len(words)):
            for terms, star in self.generic:
                n = len(terms)
                if k + n > len(words):
                    continue
                if words[k:k + n - 1] == terms[:-1] and (
                        words[k + n - 1].startswith(terms[-1]) if star else words[k + n - 1] == terms[-1]):
                    for m in range(k, k + n):
                        marks[m] = True
        return marks

    def _trim(self, text: str, toks: list[_Tok], *, loose: bool = False) -> tuple[int, int] | None:
        """The title's span once generic words are cut from its ends ("Projet X",
        "Budget prévisionnel – projet X", "X – réponse à l'AMI"); None when nothing but
        generic words, dates and small words remain. In a title line, generic words stay
        unless set apart ("Dossier de soins partagés" is a title); `loose` (a subject's
        part) cuts them wherever they stand at the ends."""
        if not toks:
            return None
        generic = self._generic_marks(toks)
        content = [k for k, t in enumerate(toks) if _is_content(t.word, generic[k])]
        if not content:
            return None
        i, j = content[0], content[-1]
        gaps = [text[toks[k].end:toks[k + 1].start] for k in range(len(toks) - 1)]
        first, last = 0, len(toks) - 1
        # leading words: cut when generic and set apart ("AMI – X") or ending in "projet"
        lead = [k for k in range(i) if generic[k]]
        if lead and (loose or toks[lead[-1]].word == "projet"
                     or any(_SEPARATOR.search(g) for g in gaps[:i])):
            first = lead[-1] + 1
            while first < i and toks[first].word in _LINKS:
                first += 1
        # trailing words: cut when generic and set apart ("X – budget", "X (version finale)")
        tail = [k for k in range(j + 1, len(toks)) if generic[k]]
        if tail and (loose or any(_SEPARATOR.search(g) for g in gaps[j:tail[0]])):
            last = tail[0] - 1
            while last > j and (toks[last].word in _STOP or toks[last].word.isdigit()):
                last -= 1
        start, end = toks[first].start, toks[last].end
        return start, end

    def _is_org(self, title: str) -> bool:
        """An organisation's name rather than a project's: its first word of substance is
        an organisation word followed by a proper name ("Association Numérique
        Solidaire", "Projet porté par l'Institut ReSo"), or it carries a legal form
        ("Alpha SARL"). "Réseau des élus numériques" or "Conseil numérique des salariés"
        name no one."""
        if _LEGAL_FORM.search(title):
            return True
        if ":" in title:
            return False  # "Laboratoire vivant : ..." is a title with its subtitle
        toks = _tokens(title)
        generic = self._generic_marks(toks)
        words = [t.word for t in toks]
        first = next((k for k, w in enumerate(words) if _is_content(w, generic[k])), None)
        if first is None or self.org_words.first_position(" ".join(words[first:]), folded=True) != 0:
            return False
        return any(title[t.start].isupper() and not generic[k]
                   for k, t in enumerate(toks[first + 1:], first + 1))

    @staticmethod
    def _signed(title: str, signature: list[str]) -> bool:
        """A name the message is signed with: the sender or the applicant."""
        f = fold(title)
        pattern = re.compile(rf"(?<![0-9a-z]){re.escape(f)}(?![0-9a-z])")
        return bool(f) and any(pattern.search(s) for s in signature)

    def _signature_lines(self, docs: list[Document]) -> list[str]:
        """Folded lines that sign a letter: after a closing formula ("Cordialement,",
        "--"), or the last short lines of a message opening with a greeting. They name
        the sender and the organisation, not the project."""
        out: list[str] = []
        for d in docs:
            lines = [b.text.strip() for b in d.blocks[-_SIGNATURE_BLOCKS:] if b.kind != "table" and b.text.strip()]
            closing = [k for k, t in enumerate(lines) if CLOSING.match(fold(t)) or t in ("--", "—")]
            if closing:
                signed = lines[closing[-1] + 1:closing[-1] + 6]
            else:
                first = next((b.text for b in d.blocks[:1] if b.kind != "table"), "")
                greets = _GREETING.match(fold(first)) is not None and len(d.blocks) <= _SIGNATURE_BLOCKS
                signed = [t for t in lines[-2:] if len(t.split()) <= 8 and not t.endswith(".")] if greets else []
            out.extend(f for t in signed if (f := fold(t)) and "projet" not in f.split())
        return out


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        for w in fold(m.group()).split():
            out.append(_Tok(m.start(), m.end(), w))
    return out


def _segments(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """A subject's parts between separators ("AMI – projet X : sous-titre")."""
    out: list[list[_Tok]] = []
    for k, t in enumerate(toks):
        if k == 0 or _SUBJECT_SEPARATOR.search(text[toks[k - 1].end:t.start]):
            out.append([])
        out[-1].append(t)
    return out


def _is_content(word: str, generic: bool) -> bool:
    return not generic and word not in _STOP and not word.isdigit()


def _clean_line(text: str) -> str:
    """One line, without decoration ("=====" underlines, bullets)."""
    return _DECORATION.sub("", " ".join(text.split()))


def _finish(text: str, span: tuple[int, int]) -> str:
    """The span as a title: quotes and brackets balanced or dropped, a closing "!" or "?"
    kept, trailing punctuation dropped, at most _MAX_CHARS."""
    start, end = span
    inside = text[start:end]
    # keep an opening quote whose closing one is inside the title, and the reverse
    if start > 0:
        before = text[:start].rstrip()
        if before and before[-1] in _OPENERS and _OPENERS[before[-1]] in inside:
            start = len(before) - 1
    after = text[end:]
    m = re.match(r"\s?[!?…]+", after)
    if m:
        end += m.end()
        after = text[end:]
    stripped = after.lstrip()
    if stripped and stripped[0] in _CLOSERS and _CLOSERS[stripped[0]] in text[start:end]:
        end += len(after) - len(stripped) + 1
    title = " ".join(text[start:end].split()).strip(" .,;:–—-/|")
    while len(title) >= 2 and title[0] in _OPENERS and title[-1] == _OPENERS[title[0]] \
            and title.count(title[-1]) == (1 if title[0] != title[-1] else 2):
        title = title[1:-1].strip()
    if len(title) > _MAX_CHARS:
        cut = title.rfind(" ", 0, _MAX_CHARS)
        title = title[: cut if cut > 40 else _MAX_CHARS].rstrip(" ,;:–—-") + "…"
    return title
