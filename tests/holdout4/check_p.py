#!/usr/bin/env python3
"""Check the h4p corpus: every .eml parses, every attachment opens, labels agree with the
text extracted from the built files (headings, body starts, committee phrases, budget sums).

    /tmp/h4venv-p/bin/python check_p.py
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
from datetime import datetime
from email import policy
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent


def norm(text) -> str:
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def text_of(name: str, data: bytes) -> tuple[str, list[str]]:
    """(text, pages) of an attachment; raises if it does not open."""
    ext = name.rsplit(".", 1)[-1].lower()
    if ext == "docx":
        d = docx.Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts.append(" | ".join(c.text for c in row.cells))
        return "\n".join(parts), []
    if ext == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        wf = openpyxl.load_workbook(io.BytesIO(data))
        parts = []
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    f = wf[ws.title][c.coordinate].value
                    if isinstance(f, str) and f.startswith("="):
                        assert c.value is not None, f"{name}: formula {c.coordinate} has no cached value"
                parts.append(" | ".join("" if c.value is None else str(c.value) for c in row))
        return "\n".join(parts), []
    if ext == "pdf":
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                                 text=True, check=True).stdout
        pages = out.split("\f")
        assert out.strip(), f"{name}: no text layer"
        return out, pages
    if ext == "odt":
        from odf import teletype
        from odf.opendocument import load
        from odf.text import H, P

        doc = load(io.BytesIO(data))
        parts = [teletype.extractText(e) for e in doc.getElementsByType(H)]
        parts += [teletype.extractText(e) for e in doc.getElementsByType(P)]
        zipfile.ZipFile(io.BytesIO(data)).testzip()
        return "\n".join(parts), []
    if ext == "png":
        assert data.startswith(b"\x89PNG"), name
        return "", []
    raise ValueError(name)


def main() -> int:
    bad = 0
    for exp_path in sorted(HERE.glob("h4p-*.expected.json")):
        cid = exp_path.name.split(".")[0]
        lab = json.loads(exp_path.read_text(encoding="utf-8"))
        raw = (HERE / f"{cid}.eml").read_bytes()
        msg = email.message_from_bytes(raw, policy=policy.default)
        problems = []
        if msg.defects:
            problems.append(f"message defects: {msg.defects}")
        # headers
        m = lab["message"]
        if msg["Message-ID"].strip() != m["message_id"]:
            problems.append("message-id")
        if parseaddr(str(msg["From"]))[1].lower() != m["from"].lower():
            problems.append("from")
        if str(msg["Subject"]) != m["subject"]:
            problems.append(f"subject {msg['Subject']!r}")
        if parsedate_to_datetime(str(msg["Date"])) != datetime.fromisoformat(m["date"]):
            problems.append("date")
        deadline = datetime.fromisoformat("2022-08-23T23:59:59+02:00")
        if parsedate_to_datetime(str(msg["Date"])) > deadline:
            problems.append("late!")
        # attachments
        texts = {}
        pages = {}
        seen = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            fn = part.get_filename()
            if fn is None:
                if part.get_content_type() in ("text/plain", "text/html"):
                    texts.setdefault("__body_" + part.get_content_type(), part.get_content())
                continue
            data = part.get_payload(decode=True)
            try:
                t, pg = text_of(fn, data)
            except Exception as exc:  # noqa: BLE001
                problems.append(f"attachment {fn} does not open: {exc}")
                continue
            seen.append(fn)
            texts[fn] = t
            pages[fn] = pg
        exp_names = [a["filename"] for a in lab["attachments"]]
        if sorted(seen) != sorted(exp_names):
            problems.append(f"attachments {seen} != {exp_names}")
        # sections
        for sid, sec in lab["sections"].items():
            if not sec["present"]:
                continue
            src = sec["source"]
            t = texts.get(src) if src else texts.get("__body_text/plain")
            if t is None:
                problems.append(f"{sid}: no text for {src}")
                continue
            nt = norm(t)
            if norm(sec["heading"]) not in nt:
                problems.append(f"{sid}: heading {sec['heading']!r} not in {src}")
            if norm(sec["body_start"]) not in nt:
                problems.append(f"{sid}: body_start {sec['body_start']!r} not in {src}")
        # committee phrases verbatim (whitespace-normalised only)
        alltext = " ".join(" ".join(str(v).split()) for v in texts.values())
        com = lab["committee"]
        phrases = ([com["applicant_kind_evidence"]] if com["applicant_kind_evidence"] else []) + \
            com["targets"] + com["studies_existing"] + com["studies_planned"]
        for ph in phrases:
            if " ".join(ph.split()) not in alltext:
                problems.append(f"committee phrase not verbatim in files: {ph!r}")
        # partners named in the text
        for pnm in lab["partners"]:
            if norm(pnm["name"]) not in norm(alltext):
                problems.append(f"partner {pnm['name']!r} not in text")
        # budget amounts visible
        b = lab["budget"]
        if b.get("total_cost"):
            tot = b["total_cost"]
            assert abs(sum(b["totals"].values()) - tot) < 0.01
            assert abs(b["anact_request"] + b["cofinancing"]["amount"] - tot) < 0.01
            variants = [f"{tot:,.0f}".replace(",", " "), f"{tot:.0f}", f"{tot:.1f}"]
            if not any(v in alltext for v in variants):
                problems.append(f"total {tot} not visible")
        # page break of the budget table (h4p-02)
        for fn, pg in pages.items():
            if len(pg) > 1:
                first = next(i for i, p in enumerate(pg) if "Poste de dépense" in p) if any("Poste de dépense" in p for p in pg) else None
                last = next((i for i, p in enumerate(pg) if "Coût total du projet" in p), None)
                if first is not None:
                    print(f"  {cid} {fn}: {len(pg) - 1} pages, budget table pages {first + 1}→{(last or 0) + 1}")
        status = "OK " if not problems else "BAD"
        bad += bool(problems)
        print(f"{status} {cid}: parts {seen or '(body)'} decision={lab['decision']}")
        for p in problems:
            print("     -", p)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
