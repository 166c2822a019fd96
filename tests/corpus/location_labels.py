"""Location labels (and the corpus's project dates) for the three labelled corpora.

For every case and every part whose label says ``"present": true``, this script adds to that
part's object in ``<id>.expected.json``:

- ``heading``: the heading (form-row label, question, "Label :" prefix) that opens the part,
  exactly as the document named by ``source`` writes it (the message body when the label
  has no ``source``); a merged heading is given to every part it names;
- ``body_start``: the first words (5 to 8 where the part has them) of the part's own text
  right after that heading, as written (a table's or list's first words where the part
  starts with one).

For tests/corpus only, it also adds a top-level ``"project": {"start", "end",
"duration_months"}`` where the proposal states a readable phasage.

Everything is derived from each corpus's generator specification (the objects its
generator renders), never from the reader: tests/corpus (``build.build_proposal`` with the
case's seed), tests/holdout (``description_blocks`` / ``form_blocks`` with the case's seed)
and tests/holdout2 (the ``Doc`` blocks whose headings carry their section ids). No ``.eml``
is regenerated or written; only the ``expected.json`` files are rewritten, their existing
keys and values unchanged (``json.dumps(..., ensure_ascii=False, indent=2)`` + newline, as
the generators write them).

Then every label is verified against the real files: the source's text is extracted from
the ``.eml`` (stdlib ``email``; DOCX with python-docx, paragraphs and table cells in document
order; PDF with ``pdftotext`` and ``pdftotext -layout``; ODT with odfpy; ``.doc`` through
LibreOffice; ZIP members; the message body), normalised (whitespace, case, accents,
apostrophes, no-break spaces) and both strings must occur in it (and, reported apart, the
start must follow the heading closely). Project dates are checked the same way (month
words and years of the start and end, the duration where the text gives one).

Usage (from the repository root)::

    .venv/bin/python tests/corpus/location_labels.py            # compute, verify, write
    .venv/bin/python tests/corpus/location_labels.py --check    # compute, verify, compare
    .venv/bin/python tests/corpus/location_labels.py --dry-run  # compute and verify only
"""

from __future__ import annotations

import argparse
import html
import html.parser
import importlib.util
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from datetime import date
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECTION_IDS = (
    "contexte",
    "objectifs",
    "problematique",
    "cibles",
    "methodologie",
    "phasage",
    "pilotage",
    "resultats",
    "perennisation",
    "partenaires",
)
BODY = None  # source of a part written in the message body (no "source" in the label)
LO_PROFILE = "file:///tmp/lo-labels"
OWN_SECTION_KEYS = ("heading", "body_start")  # the keys this script writes
OWN_TOP_KEYS = ("project",)


# =========================================================================== words


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def first_words(units: list[str], want: int = 6, minimum: int = 5) -> str:
    """The first words of a part's text, as written.

    ``units`` are the part's texts in order (paragraphs, list items, table cells,
    sub-headings). Up to ``want`` words are taken from the first unit when it has at least
    ``minimum``; otherwise the following units are joined until ``minimum`` words are
    reached (fewer only when the whole part is shorter). Punctuation-only tokens at the
    start (a bullet sign) are dropped; the result ends on a word."""
    units = [u for u in units if u and u.strip()]
    if not units:
        return ""
    first = units[0].split()
    while first and not _is_word(first[0]):
        first.pop(0)
    n_first = sum(_is_word(t) for t in first)
    if n_first >= minimum:
        tokens, target = first, want
    else:
        tokens = list(first)
        for u in units[1:]:
            tokens += u.split()
        target = minimum
    out: list[str] = []
    count = 0
    for tok in tokens:
        if not out and not _is_word(tok):
            continue
        out.append(tok)
        if _is_word(tok):
            count += 1
            if count >= target:
                break
    while out and not _is_word(out[-1]):
        out.pop()
    return " ".join(out)


def norm(text: object) -> str:
    """Case-, accent-, apostrophe- and whitespace-insensitive form (as tests/corpus/score)."""
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


# =========================================================================== tests/corpus


def corpus_labels() -> dict[str, dict]:
    """case id -> {"sections": {sid: (heading, body_start)}, "project": {...} | None,
    "phasage": (start, end, end_style)} from tests/corpus's generator specification."""
    from tests.corpus import build, render
    from tests.corpus import generate as gen
    from tests.corpus.render import L, P, T
    from tests.corpus.texts import APPLICANTS, THEMES

    recorded: list[tuple[date, date, str]] = []
    original = build.phasage_blocks

    def recording(rng, start, end, end_style, fmt):  # same draws as the original
        recorded.append((start, end, end_style))
        return original(rng, start, end, end_style, fmt)

    build.phasage_blocks = recording
    out: dict[str, dict] = {}
    try:
        for index, spec in enumerate(gen.cases()):
            if spec.kind != "proposal":
                out[spec.case_id] = {"sections": {}, "project": None, "body_style": None}
                continue
            # the first draws of tests.corpus.generate.make_case
            rng = random.Random(f"{build.SEED}:{spec.case_id}")
            app = APPLICANTS[index % len(APPLICANTS)]
            theme = list(THEMES)[(index * 7) % len(THEMES)]
            recorded.clear()
            prop = build.build_proposal(spec, rng, app, theme, index)
            assert len(recorded) == 1, spec.case_id
            start, end, end_style = recorded[0]
            assert end == prop.end_date
            body_kind = spec.layout if spec.layout in ("text", "html") else ""
            text_style = {"word": "line", "bold": "label", "caps": "line", "caps_bold": "underline"}
            style = text_style.get(prop.heading_style, "line")
            sections: dict[str, tuple[str, str]] = {}
            for idx, part in enumerate(prop.parts):
                heading = render.heading_text(prop, idx, part.heading)
                units: list[str] = []
                for blk in part.blocks:
                    if isinstance(blk, P):
                        units.append(blk.text)
                    elif isinstance(blk, L):
                        units += blk.items
                    elif isinstance(blk, T):
                        units += [c for row in blk.rows for c in row]
                start_words = first_words(units)
                for sid in part.ids:
                    sections[sid] = (heading, start_words)
            phasage_in = "phasage" in prop.section_ids
            out[spec.case_id] = {
                "sections": sections,
                # the body as a label-style text: "Contexte : ..." (render.render_text)
                "body_label_style": body_kind and style == "label",
                "phasage": (start, end, end_style) if phasage_in else None,
                "months": build.MONTHS,
            }
    finally:
        build.phasage_blocks = original
    return out


def corpus_heading_in_source(heading: str, source: str | None, info: dict) -> str:
    """The heading as the source writes it: in a label-style body, 'Contexte :' opens the
    line that carries the part's first paragraph."""
    if source is BODY and info.get("body_label_style"):
        label = heading.rstrip(" :")
        return label if label.endswith("?") else f"{label} :"
    return heading


def project_label(phasage: tuple[date, date, str]) -> dict:
    start, end, end_style = phasage
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return {
        "start": f"{start.year:04d}-{start.month:02d}",
        "end": end.isoformat() if end_style == "exact" else f"{end.year:04d}-{end.month:02d}",
        "duration_months": months,
    }


# =========================================================================== tests/holdout


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def holdout_labels() -> dict[str, dict]:
    """case id -> {"sections": {sid: (heading, body_start)}} from tests/holdout/generate.py
    (only its functions are called: nothing is rendered or written)."""
    mod = _load("holdout_generate_spec", TESTS / "holdout" / "generate.py")
    out: dict[str, dict] = {}
    for case in mod.make_cases():
        sections: dict[str, tuple[str, str]] = {}
        if case.kind != "proposal" or case.fmt == "encrypted_pdf":
            out[case.id] = {"sections": sections}
            continue
        # build_case's generator: the description is the first thing drawn from it
        rng = random.Random(f"{mod.SEED}:{case.id}")
        if case.fmt == "form":
            blocks = mod.form_blocks(case, rng)
            rows = blocks[2][2]
            sids = [sid for sid in SECTION_IDS if case.sections[sid] != "missing"]
            for sid, row in zip(sids, rows[3 : 3 + len(sids)], strict=True):
                assert row[0] == mod.FORM_LABELS[sid]
                if case.sections[sid] == "ok":
                    sections[sid] = (row[0], first_words(str(row[1]).split("\n")))
            out[case.id] = {"sections": sections}
            continue
        blocks = mod.description_blocks(case, rng)
        order = case.opts.get("order", SECTION_IDS)
        merge = case.opts.get("merge", {})
        seq = [s for s in order if s not in merge and case.sections[s] != "missing"]
        heads = [i for i, b in enumerate(blocks) if b[0] == "h"]
        for sid, hi in zip(seq, heads, strict=False):
            nxt = next((j for j in heads if j > hi), len(blocks))
            units: list[str] = []
            for blk in blocks[hi + 1 : nxt]:
                if blk[0] in ("p", "small"):
                    units.append(blk[1])
                elif blk[0] == "bullets":
                    units += blk[1]
                elif blk[0] == "table":
                    units += list(blk[1]) + [str(c) for row in blk[2] for c in row]
            heading = holdout_written_heading(case, blocks[hi][1])
            start_words = first_words(units)
            if case.sections[sid] == "ok":
                sections[sid] = (heading, start_words)
            for guest, host in merge.items():
                if host == sid and case.sections[guest] == "ok":
                    sections[guest] = (heading, start_words)
        out[case.id] = {"sections": sections}
    return out


def holdout_written_heading(case, text: str) -> str:
    """The heading as each of holdout's renderers writes it."""
    mode = case.opts.get("render", {}).get("heading")
    fmt = case.fmt
    if fmt in ("docx", "pdf_soffice", "odt", "doc"):  # render_docx
        return text.upper() if mode == "caps" else text
    if fmt in ("pdf", "zip", "encrypted_pdf"):  # render_pdf (fpdf2)
        return text.upper() if mode == "roman" else text
    if fmt == "txt":  # render_text
        mode = mode or "underline"
        if mode == "caps":
            return text.upper()
        return text if mode == "underline" else f"## {text}"
    if fmt == "text_body":  # render_text(..., {"heading": "caps"})
        return text.upper()
    return text  # html_body


# =========================================================================== tests/holdout2


def holdout2_labels() -> dict[str, dict]:
    """case id -> {"sections": {sid: (heading, body_start, filename)}} from the Doc blocks
    of tests/holdout2 (headings tagged with the section ids they cover)."""
    mod = _load("holdout2_generate_spec", TESTS / "holdout2" / "generate.py")
    out: dict[str, dict] = {}
    for case in mod.all_cases():
        sections: dict[str, tuple[str, str, str]] = {}
        readable = [d for d in case.docs if d.status == "parsed"]
        for sid in SECTION_IDS:
            for doc in readable:
                flat = holdout2_flat(mod, doc)
                idx = next(
                    (
                        i
                        for i, (blk, _) in enumerate(flat)
                        if blk[0] in ("h1", "h2") and sid in blk[2] and not blk[3]
                    ),
                    None,
                )
                if idx is None:
                    continue
                blk, in_cols = flat[idx]
                heading = holdout2_written_heading(doc, blk, in_cols)
                units: list[str] = []
                for nb, _ in flat[idx + 1 :]:
                    if nb[0] == "h1" or (nb[0] == "h2" and nb[2]):
                        break
                    if nb[0] == "h2":  # a sub-heading is a heading, not the part's text
                        continue
                    if nb[0] in ("p", "note"):
                        units.append(nb[1])
                    elif nb[0] in ("bullets", "numbered", "sig"):
                        units += nb[1]
                    elif nb[0] == "table":
                        units += [str(c) for row in nb[1] for c in row]
                sections[sid] = (heading, first_words(units), doc.filename)
                break
        out[case.id] = {"sections": sections}
    return out


def holdout2_flat(mod, doc) -> list[tuple[tuple, bool]]:
    """The document's blocks in reading order (budget blocks expanded), each with whether it
    sits in a two-column COLS block."""
    out: list[tuple[tuple, bool]] = []
    for blk in doc.blocks:
        if blk[0] == "cols":
            out += [(b, True) for b in blk[1]]
        elif blk[0] == "budget":
            out += [(b, False) for b in mod.expand([blk], doc)]
        else:
            out.append((blk, False))
    return out


def holdout2_written_heading(doc, blk: tuple, in_cols: bool) -> str:
    """holdout2's render_docx writes a level-1 heading in capitals in its 'bold' mode (not
    inside COLS); the PDF renderer writes headings as given."""
    text = blk[1]
    if doc.fmt in ("docx", "docx_encrypted", "pdf_lo", "odt", "doc"):
        if doc.opts.get("headings", "builtin") == "bold" and blk[0] == "h1" and not in_cols:
            return text.upper()
    return text


# =========================================================================== extraction


class _HtmlText(html.parser.HTMLParser):
    BLOCK = {"p", "br", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "table", "ul", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_text(markup: str) -> str:
    p = _HtmlText()
    p.feed(markup)
    return html.unescape("".join(p.parts))


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells of a DOCX in document order (python-docx)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, d).text)
        elif tag == "tbl":
            for row in Table(child, d).rows:
                seen = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if not seen or cell._tc is not seen[-1][0]:
                        seen.append((cell._tc, cell.text))
                lines.append("\t".join(t for _, t in seen))
    return "\n".join(lines)


def odt_text(data: bytes) -> str:
    """Headings, paragraphs, list items and table cells of an ODT in document order."""
    from odf import teletype
    from odf.opendocument import load

    doc = load(io.BytesIO(data))
    out: list[str] = []

    def walk(node) -> None:
        for child in node.childNodes:
            if getattr(child, "qname", None) in (
                ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "p"),
                ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "h"),
            ):
                out.append(teletype.extractText(child))
            elif getattr(child, "childNodes", None):
                walk(child)

    walk(doc.text)
    return "\n".join(out)


def soffice_text(data: bytes, ext: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"document.{ext}"
        src.write_bytes(data)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={LO_PROFILE}",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                str(Path(tmp) / "out"),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / "out" / "document.txt").read_text(encoding="utf-8", errors="replace")


def pdf_texts(data: bytes) -> list[str]:
    texts = []
    for args in (["pdftotext", "-layout"], ["pdftotext"]):
        proc = subprocess.run(args + ["-", "-"], input=data, capture_output=True, timeout=120)
        if proc.returncode == 0:
            texts.append(proc.stdout.decode("utf-8", errors="replace"))
    return texts


def file_texts(name: str, data: bytes) -> list[str]:
    """The extractions of one file (several for a PDF: -layout and reading order)."""
    ext = name.rsplit(".", 1)[-1].lower()
    if ext == "docx":
        return [docx_text(data)]
    if ext == "pdf":
        return pdf_texts(data)
    if ext == "odt":
        return [odt_text(data)]
    if ext == "doc":
        return [soffice_text(data, "doc")]
    if ext == "txt":
        return [data.decode("utf-8", errors="replace")]
    if ext == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        return [
            "\n".join(
                "\t".join("" if c is None else str(c) for c in row)
                for ws in wb
                for row in ws.iter_rows(values_only=True)
            )
        ]
    return []


def _filename(part) -> str | None:
    name = part.get_filename()
    if name and "=?" in name:
        name = str(make_header(decode_header(name)))
    return name


def eml_files(eml: Path) -> tuple[dict[str, bytes], str]:
    """Attached files by (base) name, ZIP members included and forwarded messages walked,
    and the message body (text/plain, else the HTML's text)."""
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    files: dict[str, bytes] = {}
    for part in msg.walk():
        if part.is_multipart() or part.get_content_type() == "message/rfc822":
            continue
        name = _filename(part)
        if not name:
            continue
        data = part.get_payload(decode=True) or b""
        files[name] = data
        if name.lower().endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for member in zf.namelist():
                    if not member.endswith("/"):
                        files[member.rsplit("/", 1)[-1]] = zf.read(member)
    body = msg.get_body(preferencelist=("plain",))
    if body is not None:
        text = body.get_content()
    else:
        body = msg.get_body(preferencelist=("html",))
        text = html_text(body.get_content()) if body is not None else ""
    return files, text


class Sources:
    """Normalised texts of a case's sources, extracted once."""

    def __init__(self, eml: Path) -> None:
        self.files, self.body = eml_files(eml)
        self._cache: dict[str | None, list[str]] = {}

    def texts(self, source: str | None) -> list[str]:
        if source not in self._cache:
            if source is BODY:
                raw = [self.body]
            else:
                raw = file_texts(source, self.files[source]) if source in self.files else []
            self._cache[source] = [norm(t) for t in raw]
        return self._cache[source]


# =========================================================================== verify + write


def fit_to_source(src: Sources, source: str | None, body_start: str) -> str:
    """The spec's first words run across units (a short paragraph and the list or table
    after it). Where the source's text does not read them contiguously (a list sign, a table
    cell wrapped on two lines in a PDF), keep the longest run of them that it does read, down
    to the first word; the first unit's words are never dropped for another reason."""
    texts = src.texts(source)
    tokens = body_start.split()
    while tokens:
        cand = " ".join(tokens)
        if any(norm(cand) in t for t in texts):
            return cand
        tokens.pop()
        while tokens and not _is_word(tokens[-1]):
            tokens.pop()
    return body_start  # not found at all: reported by verify_location


def verify_location(
    src: Sources, source: str | None, heading: str, body_start: str
) -> tuple[list[str], bool]:
    """(problems, adjacent): both strings must occur in the source's text; ``adjacent`` says
    the start follows the heading within 300 characters in one extraction."""
    texts = src.texts(source)
    problems = []
    if not texts:
        return [f"no text extracted from {source or 'the body'}"], False
    nh, nb = norm(heading), norm(body_start)
    if not nh or not any(nh in t for t in texts):
        problems.append(f"heading « {heading} » not found")
    if not nb or not any(nb in t for t in texts):
        problems.append(f"body_start « {body_start} » not found")
    adjacent = False
    for t in texts:
        for m in re.finditer(re.escape(nh), t):
            k = t.find(nb, m.end())
            if k != -1 and k - m.end() <= 300:
                adjacent = True
                break
        if adjacent:
            break
    return problems, adjacent


def verify_project(src: Sources, source: str | None, project: dict, months: list[str]) -> list[str]:
    """The start's and end's month words (and day, years) appear; a stated duration agrees."""
    texts = src.texts(source)
    problems = []
    sy, sm = (int(x) for x in project["start"].split("-")[:2])
    end_parts = project["end"].split("-")
    ey, em = int(end_parts[0]), int(end_parts[1])
    start_re = re.compile(rf"\b{re.escape(norm(months[sm - 1]))}(?:\s*[–-]\s*[a-z]+)?\s+{sy}\b")
    if not any(start_re.search(t) for t in texts):
        problems.append(f"start {project['start']} ({months[sm - 1]} {sy}) not found")
    if len(end_parts) == 3:
        day = int(end_parts[2])
        end_txt = f"{'1er' if day == 1 else day} {months[em - 1]} {ey}"
    else:
        end_txt = f"{months[em - 1]} {ey}"
    if not any(norm(end_txt) in t for t in texts):
        problems.append(f"end {project['end']} ({end_txt}) not found")
    n = project["duration_months"]
    for t in texts:
        for m in re.finditer(r"(?:sur|duree totale ?:) (\d+) mois", t):
            if int(m.group(1)) != n:
                problems.append(f"text states {m.group(1)} months, label {n}")
    return problems


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def process(mode: str) -> int:
    corpora = {
        "corpus": corpus_labels(),
        "holdout": holdout_labels(),
        "holdout2": holdout2_labels(),
    }
    total_labels = verified = adjacent_n = 0
    failures: list[str] = []
    not_adjacent: list[str] = []
    differ: list[str] = []
    trimmed: list[str] = []
    summary = []
    for folder, spec in corpora.items():
        cases_dir = TESTS / folder / "cases"
        n_cases = n_sections = n_project = 0
        for exp_path in sorted(cases_dir.glob("*.expected.json")):
            case_id = exp_path.name[: -len(".expected.json")]
            text = exp_path.read_text(encoding="utf-8")
            label = json.loads(text)
            info = spec[case_id]
            src = Sources(exp_path.with_name(case_id + ".eml"))
            new = json.loads(text)
            present = [sid for sid, s in label["sections"].items() if s.get("present")]
            # a part is labelled present only where the spec has it (all of them when the
            # description is readable)
            assert not present or set(present) == set(info["sections"]), (folder, case_id, present)
            if present:
                n_cases += 1
            for sid, entry in new["sections"].items():
                if sid not in present:
                    for k in OWN_SECTION_KEYS:
                        entry.pop(k, None)
            for sid in present:
                entry = new["sections"][sid]
                source = entry.get("source", BODY)
                loc = info["sections"][sid]
                heading, body_start = loc[0], loc[1]
                if folder == "holdout2":
                    assert loc[2] == source, (case_id, sid, loc[2], source)
                if folder == "corpus":
                    heading = corpus_heading_in_source(heading, source, info)
                fitted = fit_to_source(src, source, body_start)
                if fitted != body_start:
                    trimmed.append(f"{folder}/{case_id}/{sid}: « {body_start} » → « {fitted} »")
                    body_start = fitted
                entry["heading"] = heading
                entry["body_start"] = body_start
                n_sections += 1
                total_labels += 1
                problems, adjacent = verify_location(src, source, heading, body_start)
                where = f"{folder}/{case_id}/{sid}"
                if problems:
                    failures += [f"{where}: {p}" for p in problems]
                else:
                    verified += 1
                if adjacent:
                    adjacent_n += 1
                else:
                    not_adjacent.append(f"{where}: « {heading} » → « {body_start} »")
            if folder == "corpus":
                new.pop("project", None)
                if info.get("phasage") and label["sections"]["phasage"]["present"]:
                    project = project_label(info["phasage"])
                    new["project"] = project
                    n_project += 1
                    problems = verify_project(
                        src,
                        label["sections"]["phasage"].get("source", BODY),
                        project,
                        info["months"],
                    )
                    # the label's own end-date flag agrees (a month-only end is that month's end)
                    ey, em = (int(x) for x in project["end"].split("-")[:2])
                    after = (
                        project["end"] > "2023-12-30"
                        if len(project["end"]) == 10
                        else (ey, em) > (2023, 12)
                    )
                    flagged = any(f["code"] == "project_end_after_limit" for f in label["flags"])
                    if after != flagged:
                        problems.append(
                            f"end {project['end']} disagrees with project_end_after_limit={flagged}"
                        )
                    if problems:
                        failures += [f"{folder}/{case_id}/project: {p}" for p in problems]
            # nothing else changes (this script's own keys are recomputed on every run)
            for key, value in label.items():
                if key == "sections":
                    for sid, s in value.items():
                        for k, v in s.items():
                            if k not in OWN_SECTION_KEYS:
                                assert new["sections"][sid][k] == v, (case_id, sid, k)
                elif key not in OWN_TOP_KEYS:
                    assert new[key] == value, (case_id, key)
            out = dump(new)
            if mode == "write":
                if out != text:
                    exp_path.write_text(out, encoding="utf-8")
            elif mode == "check" and out != text:
                differ.append(f"{folder}/{case_id}")
        summary.append((folder, n_cases, n_sections, n_project))

    for folder, n_cases, n_sections, n_project in summary:
        extra = f", project dates in {n_project} cases" if folder == "corpus" else ""
        print(
            f"{folder:9s} {n_cases:3d} cases with located parts, {n_sections:4d} sections labelled{extra}"
        )
    print(
        f"location labels: {total_labels}, verified in their source: {verified}, "
        f"start right after the heading: {adjacent_n}"
    )
    if trimmed:
        print("start cut where the source's text flow breaks it (list sign, table cell):")
        for line in trimmed:
            print("  " + line)
    if not_adjacent:
        print("start not found within 300 characters after the heading (both strings present):")
        for line in not_adjacent:
            print("  " + line)
    if failures:
        print(f"FAILURES ({len(failures)}):")
        for line in failures:
            print("  " + line)
    if differ:
        print(f"expected.json not up to date ({len(differ)}): " + ", ".join(differ))
    return 1 if failures or differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="verify and compare, write nothing")
    group.add_argument("--dry-run", action="store_true", help="verify only, write nothing")
    args = parser.parse_args(argv)
    return process("check" if args.check else "dry" if args.dry_run else "write")


if __name__ == "__main__":
    raise SystemExit(main())
