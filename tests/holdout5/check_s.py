#!/usr/bin/env python3
"""Check the h5s corpus: every .eml parses with the email package, every attachment opens,
every labelled phrase (committee phrases, section headings and body starts, partner names,
budget line labels) occurs in the text extracted from the message, and the labels are
consistent with the contract's arithmetic (deadline, cap, 20 %).

Run: /tmp/h5venv-s/bin/python check_s.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from datetime import datetime
from email import message_from_bytes
from email.policy import default
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render_s import extract_text  # noqa: E402

DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=ZoneInfo("Europe/Paris"))
KINDS = {"laboratoire", "think_tank", "cabinet_conseil", "fournisseur_techno", "ess",
         "partenaire_social", "public", "entreprise", "inconnu"}


def norm(text) -> str:
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


GAP_WORDS = {"phase", "personnel", "prestation", "deplacements", "/", "logistique", "€"}


def _gap_ok(tok: str) -> bool:
    return tok in GAP_WORDS or all(c.isdigit() or c in ".,€" for c in tok)


def fuzzy_in(phrase: str, text: str, max_gap: int = 8) -> bool:
    """For PDF tables whose wrapped cells interleave with other columns in the extracted
    text: the phrase's words in order, separated only by amounts and the other columns'
    words (phase, nature)."""
    p, t = norm(phrase).split(), norm(text).split()
    if not p:
        return True
    for start in (i for i, w in enumerate(t) if w == p[0]):
        j, k, ok = 1, start + 1, True
        while j < len(p) and ok:
            gap = 0
            while k < len(t) and t[k] != p[j]:
                if not _gap_ok(t[k]) or gap >= max_gap:
                    ok = False
                    break
                gap += 1
                k += 1
            if k >= len(t):
                ok = False
            if ok:
                j += 1
                k += 1
        if ok and j == len(p):
            return True
    return False


def open_check(name: str, data: bytes) -> str:
    """Open the file with the right library; return '' or an error."""
    low = name.lower()
    try:
        if low.endswith(".pdf"):
            with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
                f.write(data)
                f.flush()
                out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True)
                if out.returncode:
                    return out.stderr
        elif low.endswith(".docx"):
            from docx import Document
            Document(io.BytesIO(data))
        elif low.endswith(".xlsx"):
            from openpyxl import load_workbook
            wb = load_workbook(io.BytesIO(data), data_only=True)
            # cached values must exist where formulas were used
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    for v in row:
                        if isinstance(v, str) and v.startswith("="):
                            return "formula without cached value"
        elif low.endswith(".odt"):
            from odf.opendocument import load
            load(io.BytesIO(data))
        elif low.endswith(".zip"):
            z = zipfile.ZipFile(io.BytesIO(data))
            bad = z.testzip()
            if bad:
                return f"bad member {bad}"
            for n in z.namelist():
                err = open_check(n, z.read(n))
                if err:
                    return f"{n}: {err}"
        elif low.endswith(".png"):
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    return ""


def pdf_pages(data: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        n = int([l for l in subprocess.run(["pdfinfo", f.name], capture_output=True, text=True)
                 .stdout.splitlines() if l.startswith("Pages:")][0].split()[1])
        return [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), f.name, "-"],
                               capture_output=True, text=True).stdout for i in range(1, n + 1)]


def check_case(eml: Path) -> list[str]:
    errs = []
    cid = eml.name[:-4]
    lab = json.loads((HERE / f"{cid}.expected.json").read_text(encoding="utf-8"))
    msg = message_from_bytes(eml.read_bytes(), policy=default)
    texts = []
    names = []
    # body
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        fname = part.get_filename()
        if fname is None and ctype == "text/plain":
            texts.append(part.get_content())
        elif fname is None and ctype == "text/html":
            texts.append(extract_text("b.html", part.get_content().encode("utf-8")))
        elif fname:
            data = part.get_payload(decode=True)
            names.append(fname)
            err = open_check(fname, data)
            if err:
                errs.append(f"attachment {fname} does not open: {err}")
            texts.append(extract_text(fname, data))
            if fname.lower().endswith(".zip"):
                names += zipfile.ZipFile(io.BytesIO(data)).namelist()
            if cid == "h5s-01" and fname.endswith(".pdf"):
                pages = pdf_pages(data)
                p1 = [i for i, t in enumerate(pages) if "Sous-total phase 1" in t]
                p2 = [i for i, t in enumerate(pages) if "COÛT TOTAL DU PROJET" in t]
                if not (p1 and p2 and p1[0] < p2[0]):
                    errs.append(f"budget table does not cross a page break (pages {p1} {p2})")
    full = norm("\n".join(texts))

    def need(phrase, what):
        if phrase and norm(phrase) not in full:
            errs.append(f"{what} not found verbatim: {phrase!r}")

    # message fields
    m = lab["message"]
    if m["message_id"] != str(msg["Message-ID"]).strip():
        errs.append("message_id")
    if m["subject"] != str(msg["Subject"]):
        errs.append("subject")
    if m["from"].lower() not in str(msg["From"]).lower():
        errs.append("from")
    dt = parsedate_to_datetime(str(msg["Date"]))
    if datetime.fromisoformat(m["date"]) != dt:
        errs.append("date")
    late = dt > DEADLINE
    flags = {(f["code"], f["target"]) for f in lab["flags"]}
    if late != (("late_submission", "") in flags):
        errs.append(f"late={late} but flags={flags}")
    subj = norm(msg["Subject"])
    named = "fabrique cto" in subj or "manifestation d'interet" in subj
    if named == (("subject_mismatch", "") in flags):
        errs.append("subject_mismatch label inconsistent")
    # attachments labelled exist
    for a in lab["attachments"]:
        if a["filename"] not in names:
            errs.append(f"labelled attachment {a['filename']!r} not in message ({names})")
    # sections
    for sid, s in lab["sections"].items():
        need(s.get("heading"), f"heading {sid}")
        need(s.get("body_start"), f"body_start {sid}")
        if s.get("source") and s["source"] not in names:
            errs.append(f"section source {s['source']} not an attachment")
    # partners
    for p in lab["partners"]:
        need(p["name"], "partner")
    # budget
    b = lab["budget"]
    tot = sum(b["totals"].values())
    if abs(tot - b["total_cost"]) > 1:
        errs.append(f"totals sum {tot} != total_cost {b['total_cost']}")
    share = b["cofinancing"]["amount"] / b["total_cost"]
    if abs(share - b["cofinancing"]["share"]) > 0.0005:
        errs.append("share")
    if (b["anact_request"] > 80000) != (("anact_request_over_cap", "") in flags):
        errs.append("cap flag inconsistent")
    if (share < 0.2 - 1e-9) != (("cofinancing_below_minimum", "") in flags):
        errs.append("cofinancing flag inconsistent")
    blocking = any(f["severity"] == "blocking" for f in lab["flags"])
    expected_decision = "late" if late else ("incomplete" if blocking else "complete")
    if lab["decision"] != expected_decision:
        errs.append(f"decision {lab['decision']} but rules give {expected_decision}")
    # project end within limit
    if lab["project"]["end"] > "2023-12":
        errs.append("project end after limit but not flagged")
    # committee
    c = lab["committee"]
    if c["applicant_kind"] not in KINDS:
        errs.append("applicant_kind")
    if c["applicant_kind"] == "inconnu":
        if c["applicant_kind_evidence"] is not None:
            errs.append("inconnu must have null evidence")
    else:
        need(c["applicant_kind_evidence"], "applicant_kind_evidence")
    for key in ("targets", "studies_existing", "studies_planned"):
        for ph in c[key]:
            need(ph, key)
    return errs


def check_budget_labels():
    """Every budget line label of the Python data occurs in its case's text."""
    import gen_s

    errs = []
    for fn in gen_s.CASES:
        c = fn()
        eml = HERE / f"{c['id']}.eml"
        msg = message_from_bytes(eml.read_bytes(), policy=default)
        texts = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            fname = part.get_filename()
            if fname:
                texts.append(extract_text(fname, part.get_payload(decode=True)))
            elif part.get_content_type() == "text/html":
                texts.append(extract_text("b.html", part.get_content().encode("utf-8")))
        full = norm("\n".join(texts))
        for label, _, _ in c["budget_lines"]:
            if norm(label) not in full and not fuzzy_in(label, full):
                errs.append(f"{c['id']}: budget label not found: {label!r}")
        for label, _ in c["cofin"]:
            if norm(label) not in full and not fuzzy_in(label, full):
                errs.append(f"{c['id']}: cofinancing label not found: {label!r}")
    return errs


def main() -> int:
    total = 0
    emls = sorted(HERE.glob("h5s-*.eml"))
    assert len(emls) == 8, emls
    for eml in emls:
        errs = check_case(eml)
        total += len(errs)
        print(f"{eml.name}: {'ok' if not errs else ''}")
        for e in errs:
            print("   -", e)
    berrs = check_budget_labels()
    for e in berrs:
        print("   -", e)
    total += len(berrs)
    print("TOTAL problems:", total)
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
