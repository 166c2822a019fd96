#!/usr/bin/env python3
"""Check the built h4q cases: every .eml parses, every attachment opens, and every verbatim
phrase of the labels (committee phrases, headings, partners) is found in the text really
extracted from the files (or the body)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent


class _Strip(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def html_text(h: str) -> str:
    s = _Strip()
    s.feed(h)
    return " ".join(s.out)


def pdf_pages(data: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                             text=True, check=True).stdout
    return out.split("\f")


def docx_text(data: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def odt_text(data: bytes) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    doc = load(io.BytesIO(data))
    return "\n".join(teletype.extractText(e) for e in doc.getElementsByType(H) + doc.getElementsByType(P))


def xlsx_text(data: bytes) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    parts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if v is None and False:
                    pass
                parts.append("" if v is None else str(v))
    # every formula must have a cached value
    wbf = openpyxl.load_workbook(io.BytesIO(data))
    for ws, wsf in zip(wb.worksheets, wbf.worksheets):
        for row_v, row_f in zip(ws.iter_rows(), wsf.iter_rows()):
            for cv, cf in zip(row_v, row_f):
                if isinstance(cf.value, str) and cf.value.startswith("="):
                    assert cv.value is not None, f"formula without cached value {cf.coordinate}"
    return "\n".join(parts)


def file_text(name: str, data: bytes) -> tuple[str, str]:
    """(status, text)"""
    low = name.lower()
    if low.endswith(".pdf"):
        pages = pdf_pages(data)
        txt = "\n".join(pages)
        return ("parsed" if txt.strip() else "scanned"), txt
    if low.endswith(".docx"):
        return "parsed", docx_text(data)
    if low.endswith(".odt"):
        return "parsed", odt_text(data)
    if low.endswith(".xlsx"):
        return "parsed", xlsx_text(data)
    if low.endswith(".png"):
        from PIL import Image

        Image.open(io.BytesIO(data)).verify()
        return "skipped", ""
    raise ValueError(name)


def norm(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def main() -> int:
    bad = 0
    for exp_path in sorted(HERE.glob("h4q-*.expected.json")):
        cid = exp_path.name.split(".")[0]
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        msg = BytesParser(policy=policy.default).parsebytes((HERE / f"{cid}.eml").read_bytes())
        assert not msg.defects, (cid, msg.defects)
        assert msg["Message-ID"] == exp["message"]["message_id"]
        assert msg["Subject"] == exp["message"]["subject"], (msg["Subject"], exp["message"]["subject"])
        assert msg["Date"].datetime.isoformat() == exp["message"]["date"]
        texts: dict[str, str] = {}
        statuses: dict[str, str] = {}
        body = msg.get_body(preferencelist=("html", "plain"))
        body_txt = html_text(body.get_content()) if body.get_content_type() == "text/html" else body.get_content()
        texts["<body>"] = body_txt
        for part in msg.walk():
            if part.is_multipart():
                continue
            fn = part.get_filename()
            if not fn:
                continue
            data = part.get_payload(decode=True)
            if fn.lower().endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    assert z.testzip() is None
                    for info in z.infolist():
                        st, tx = file_text(info.filename, z.read(info))
                        statuses[info.filename], texts[info.filename] = st, tx
                continue
            st, tx = file_text(fn, data)
            if part.get("Content-ID"):
                st = "skipped"
            statuses[fn], texts[fn] = st, tx
        problems = []
        for a in exp["attachments"]:
            if statuses.get(a["filename"]) != a["status"]:
                problems.append(f"attachment {a['filename']}: {statuses.get(a['filename'])} != {a['status']}")
        alltext = norm(" ".join(texts.values()))
        com = exp["committee"]
        phrases = com["targets"] + com["studies_existing"] + com["studies_planned"]
        if com["applicant_kind_evidence"]:
            phrases.append(com["applicant_kind_evidence"])
        for p in phrases:
            if norm(p) not in alltext:
                problems.append(f"committee phrase not found: {p}")
        for sid, s in exp["sections"].items():
            if s.get("present"):
                src_text = norm(texts[s["source"]] if s["source"] else texts["<body>"])
                if norm(s["heading"]) not in src_text:
                    problems.append(f"heading not found {sid}: {s['heading']}")
                if norm(s["body_start"]) not in src_text:
                    problems.append(f"body_start not found {sid}: {s['body_start']}")
        for p in exp["partners"]:
            if norm(p["name"]) not in alltext:
                problems.append(f"partner not found {p['name']}")
        if cid == "h4q-01":
            pages = pdf_pages([part for part in msg.iter_attachments()][0].get_payload(decode=True))
            first = [i for i, pg in enumerate(pages) if "Ingénieure d'études contractuelle" in pg]
            last = [i for i, pg in enumerate(pages) if "TOTAL DES DÉPENSES" in pg]
            if not (first and last and last[0] > first[0]):
                problems.append(f"budget table does not cross a page break: {first} {last}")
            else:
                print(f"  {cid}: budget table runs from page {first[0] + 1} to page {last[0] + 1}")
        atts = ", ".join(f"{k}={v}" for k, v in statuses.items())
        print(f"{cid}: {exp['decision']:10s} {atts}")
        for pr in problems:
            print("   PROBLEM", pr)
        bad += len(problems)
    print("problems:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
