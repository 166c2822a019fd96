"""Pages per second of `inspect` on PDF and DOCX, next to bare pdfplumber text extraction
(and bare python-docx for DOCX) of the same files, measured in the same run.

The files: every PDF and DOCX attached to the labelled corpora (tests/*/cases), plus
the real-world PDFs of ../shared/corpus/real/pdf when that folder exists. Each file is
wrapped in an e-mail and inspected through the same pipeline as the command (child process
with limits included). Prints a table and the ratios; writes benchmarks/results/latest.json.
"""

from __future__ import annotations

import email
import io
import json
import sys
import time
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
import pdfplumber  # noqa: E402
import pypdfium2  # noqa: E402

from intake.config import load_config  # noqa: E402
from intake.reading.pipeline import inspect_message  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"
BARE_PDF_TIMEOUT_PAGES = 400


def corpus_files() -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    emls = sorted(p for corpus in ("corpus", "holdout", "holdout2")
                  for p in (ROOT / "tests" / corpus / "cases").glob("*.eml"))
    for eml in emls:
        msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
        for part in msg.walk():
            name = part.get_filename() or ""
            data = part.get_payload(decode=True) or b""
            if data[:4] == b"%PDF" or (data[:2] == b"PK" and b"word/document.xml" in data):
                files.append((f"{eml.stem}/{name}", data))
    for sub, pattern in (("pdf", "*.pdf"), ("docx", "*.docx")):
        for p in sorted((REAL / sub).glob(pattern)) if (REAL / sub).is_dir() else []:
            files.append((f"real/{p.name}", p.read_bytes()))
    return files


def pdf_pages(data: bytes) -> int:
    try:
        return len(pypdfium2.PdfDocument(data))
    except Exception:
        return 0


def docx_pages(data: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            app = z.read("docProps/app.xml").decode("utf-8", "replace")
        start = app.find("<Pages>")
        if start >= 0:
            return max(1, int(app[start + 7 : app.find("</Pages>")]))
    except Exception:
        pass
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception:
        return 0  # not a readable DOCX: no page count, left out of the figures
    chars = sum(len(p.text) for p in d.paragraphs)
    return max(1, chars // 3000)


def bare_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:BARE_PDF_TIMEOUT_PAGES]:
            page.extract_text()


def bare_docx(data: bytes) -> None:
    d = docx.Document(io.BytesIO(data))
    for p in d.paragraphs:
        _ = p.text
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                _ = c.text


def wrap(name: str, data: bytes) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = "AMI La Fabrique CTO"
    msg["From"] = "bench@example.org"
    msg["Date"] = "Mon, 22 Aug 2022 10:00:00 +0200"
    msg.set_content("Veuillez trouver ci-joint notre proposition.")
    kind = ("application", "pdf") if data[:4] == b"%PDF" else (
        "application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
    msg.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=Path(name).name)
    return msg.as_bytes()


def timed(fn, *args) -> tuple[float, bool]:
    t0 = time.perf_counter()
    try:
        fn(*args)
        ok = True
    except Exception:
        ok = False
    return time.perf_counter() - t0, ok


def main() -> int:
    config = load_config(ROOT / "config.toml")
    rows = []
    for name, data in corpus_files():
        is_pdf = data[:4] == b"%PDF"
        pages = pdf_pages(data) if is_pdf else docx_pages(data)
        if pages == 0:
            continue
        raw = wrap(name, data)
        t_inspect, _ = timed(inspect_message, raw, config)
        t_bare, bare_ok = timed(bare_pdfplumber if is_pdf else bare_docx, data)
        rows.append({"file": name, "kind": "pdf" if is_pdf else "docx", "pages": pages,
                     "inspect_s": t_inspect, "bare_s": t_bare, "bare_ok": bare_ok})
    summary = {}
    print(f"{'type':6} {'fichiers':>8} {'pages':>7} {'inspect p/s':>12} {'brut p/s':>10} {'rapport':>8}")
    for kind, baseline in (("pdf", "pdfplumber extract_text"), ("docx", "python-docx texte brut")):
        sel = [r for r in rows if r["kind"] == kind and r["bare_ok"]]
        if not sel:
            continue
        pages = sum(r["pages"] for r in sel)
        ti = sum(r["inspect_s"] for r in sel)
        tb = sum(r["bare_s"] for r in sel)
        summary[kind] = {"files": len(sel), "pages": pages, "inspect_pages_per_s": pages / ti,
                         "bare_pages_per_s": pages / tb, "ratio": (pages / ti) / (pages / tb),
                         "baseline": baseline}
        s = summary[kind]
        print(f"{kind:6} {len(sel):8d} {pages:7d} {s['inspect_pages_per_s']:12.1f} "
              f"{s['bare_pages_per_s']:10.1f} {s['ratio']:7.2f}x   (référence : {baseline})")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps({"summary": summary, "files": rows}, indent=1))
    slow = sorted(rows, key=lambda r: r["inspect_s"] / r["pages"], reverse=True)[:5]
    print("\nLes plus lents (inspect, s/page) :")
    for r in slow:
        print(f"  {r['file']}: {r['inspect_s'] / r['pages']:.3f} s/page ({r['pages']} p.), brut "
              f"{r['bare_s'] / r['pages']:.3f} s/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
