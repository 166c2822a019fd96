#!/usr/bin/env python3
"""Check the h5r corpus from the .eml files themselves (not from the generator's temp files).

For every case: the message parses with the stdlib email package; its headers match the
label; the attachments listed in the label are exactly the message's parts; every
attachment opens (python-docx, openpyxl with cached values, pdftotext/pypdf, odfpy);
every phrase the label quotes (section headings and body starts, committee phrases,
partner names, budget line labels) is in the text extracted from the files (compared in the
scorer's normalised form); budget arithmetic is consistent; the PDF budget table of h5r-02
runs across a page break.

Run:  /tmp/h5venv-r/bin/python check_r.py
"""

from __future__ import annotations

import email
import io
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from email import policy
from email.utils import parseaddr, parsedate_to_datetime
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
import pypdf
from odf import teletype
from odf.opendocument import load as odf_load
from odf.namespaces import TEXTNS

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def norm(text: object) -> str:  # same as tests/corpus/score.py
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def pdf_pages(data: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True,
                             check=True).stdout.decode()
    pages = out.split("\f")
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1
    return pages


def extract(name: str, data: bytes) -> str:
    low = name.lower()
    if low.endswith(".docx"):
        d = docx.Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        return "\n".join(parts)
    if low.endswith(".xlsx"):
        wb_f = openpyxl.load_workbook(io.BytesIO(data))
        wb_v = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        parts = []
        nform = 0
        for ws_f, ws_v in zip(wb_f.worksheets, wb_v.worksheets):
            for rf, rv in zip(ws_f.iter_rows(), ws_v.iter_rows()):
                for cf, cv in zip(rf, rv):
                    if isinstance(cf.value, str) and cf.value.startswith("="):
                        nform += 1
                        assert cv.value is not None, f"{name} {cf.coordinate}: no cached value"
                    if cv.value is not None:
                        parts.append(str(cv.value))
        assert nform > 5, f"{name}: expected formulas"
        assert "LibreOffice" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
        return "\n".join(parts)
    if low.endswith(".pdf"):
        return "\n".join(pdf_pages(data))
    if low.endswith(".odt"):
        doc = odf_load(io.BytesIO(data))
        out = []

        def walk(node):
            for ch in node.childNodes:
                if ch.qname in ((TEXTNS, "h"), (TEXTNS, "p")):
                    out.append(teletype.extractText(ch))
                else:
                    walk(ch)

        walk(doc.text)
        return "\n".join(out)
    if low.endswith(".png"):
        return ""
    raise AssertionError(f"unexpected attachment {name}")


def has(phrase: str, text: str) -> bool:
    """phrase in text (normalised); hyphens are ignored because pdftotext joins a word
    hyphenated at a line end (« inter-\\nentreprises » -> « interentreprises »)."""
    p, t = norm(phrase), norm(text)
    return p in t or p.replace("-", "") in t.replace("-", "")


def check_case(c: dict, errors: list[str]) -> str:
    cid = c["id"]
    eml = HERE / f"{cid}.eml"
    lab = json.loads((HERE / f"{cid}.expected.json").read_text(encoding="utf-8"))

    def err(msg: str) -> None:
        errors.append(f"{cid}: {msg}")

    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    m = lab["message"]
    if msg["Message-ID"] != m["message_id"]:
        err("message-id")
    if parseaddr(str(msg["From"]))[1].lower() != m["from"].lower():
        err("from")
    if str(msg["Subject"]) != m["subject"]:
        err(f"subject {msg['Subject']!r}")
    if parsedate_to_datetime(str(msg["Date"])) != datetime.fromisoformat(m["date"]):
        err("date")

    body_part = msg.get_body(preferencelist=("plain",))
    body = body_part.get_content() if body_part else ""
    texts = {None: body}
    names = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        fn = part.get_filename()
        if not fn:
            continue
        names.append(fn)
        data = part.get_payload(decode=True)
        try:
            texts[fn] = extract(fn, data)
        except Exception as exc:  # noqa: BLE001
            err(f"attachment {fn} does not open: {exc}")
            texts[fn] = ""
        if fn.endswith(".png") and part.get("Content-ID") is None:
            err("inline image without Content-ID")
    if sorted(names) != sorted(a["filename"] for a in lab["attachments"]):
        err(f"attachments {names} vs label")
    alltext = norm("\n".join(texts.values()))

    # sections
    for sid, s in lab["sections"].items():
        if not s["present"]:
            continue
        t = norm(texts.get(s["source"], ""))
        for key in ("heading", "body_start"):
            if not has(s[key], t):
                err(f"section {sid} {key} not in {s['source']}: {s[key]!r}")
        lines = [norm(x) for x in texts.get(s["source"], "").splitlines() if norm(x)]
        hits = [i for i, x in enumerate(lines) if x == norm(s["heading"])]
        follows = [" ".join(lines[i + 1:i + 4]).lstrip("-• ") for i in hits]
        if not any(f.startswith(norm(s["body_start"])) or f.replace("-", "").startswith(
                norm(s["body_start"]).replace("-", "")) for f in follows):
            # the heading is a line of its own, directly followed by its body
            err(f"section {sid}: heading not directly followed by body_start")
    for sid, s in lab["sections"].items():
        if not s["present"] and sid == "perennisation":
            for w in ("perennis", "essaim", "apres le projet", "au-dela"):
                if w in alltext:
                    err(f"missing perennisation but text contains {w!r}")

    # committee
    com = lab["committee"]
    phrases = ([com["applicant_kind_evidence"]] if com["applicant_kind_evidence"] else []) + \
        com["targets"] + com["studies_existing"] + com["studies_planned"]
    for ph in phrases:
        if not has(ph, alltext):
            err(f"committee phrase not found: {ph!r}")
    if com["applicant_kind"] == "inconnu":
        for w in ("association", "cabinet", "societe", "entreprise de conseil", "laboratoire",
                  "observatoire", "syndicat", "start-up", "startup", "sarl", " sas", "cooperative",
                  "nos clients", "nos adherents", "notre equipe de consultants", "editeur de"):
            if w in alltext:
                err(f"inconnu case mentions {w!r}")
    if not com["targets"]:
        err("no targets")

    # partners
    for p in lab["partners"]:
        if not has(p["name"], alltext):
            err(f"partner not found: {p['name']}")

    # budget
    bud = c["budget"]
    for _, label, _ in bud.lines:
        if not has(label, alltext):
            err(f"budget line not found: {label!r}")
    for label, _ in bud.cofin:
        if not has(label, alltext):
            err(f"cofinancing line not found: {label!r}")
    b = lab["budget"]
    if abs(sum(b["totals"].values()) - b["total_cost"]) > 1:
        err("totals do not add up")
    if abs(b["cofinancing"]["amount"] + b["anact_request"] - b["total_cost"]) > 1:
        err("resources do not add up")
    if abs(b["cofinancing"]["share"] - b["cofinancing"]["amount"] / b["total_cost"]) > 0.0005:
        err("share")

    # table across a page break
    split = c.get("pdf_table_split")
    if split:
        part = next(p for p in msg.iter_attachments() if p.get_filename() == c["doc_name"])
        pages = [norm(x) for x in pdf_pages(part.get_payload(decode=True))]
        first = [i for i, p in enumerate(pages) if norm(split[0]) in p]
        last = [i for i, p in enumerate(pages) if norm(split[1]) in p]
        if not first or not last or first[0] == last[0]:
            err(f"budget table does not cross a page break: {first} {last}")
    return f"{cid}: {lab['decision']:<10} {len(names)} part(s), {len(phrases)} committee phrases"


def main() -> int:
    from cases_r import CASES

    errors: list[str] = []
    for c in CASES:
        print(check_case(c, errors))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
