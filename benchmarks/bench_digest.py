"""Time to build the committee's pack for 50 proposals, next to WeasyPrint laying out 50
plain one-page documents in the same run.

The proposals: the labelled corpus (tests/corpus/cases/*.eml) is delivered into a Maildir
at its Date headers and filed by ONE `intake.filing.worker.run_once` pass (real reading, flags,
summaries), then the first 50 dossiers that are proposals are released to the committee.
Measured, in this process, after one warm-up layout:
- "pack": the pack alone (cover with contents + 50 summaries), HTML then PDF, one process;
- "digest": `intake.committee.digest.build_digest` as `fabrique-intake digest` runs it (the 50 single
  PDFs, the pack and the comparison workbook; PDFs laid out on the machine's cores);
- baseline: WeasyPrint writing a plain one-page French HTML document (DejaVu Sans, about
  4,000 characters) 50 times, one process.
Prints the figures (seconds, pages, ratio to the baseline) and writes
benchmarks/results/digest.json. `--proposals N` for a smaller run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, update  # noqa: E402

from intake.committee.digest import build_digest, render_pack_html, write_pdf  # noqa: E402
from intake.committee.summaries import settings_of, views_of_released  # noqa: E402
from intake.config import load_config  # noqa: E402
from intake.filing.sources import MaildirSource  # noqa: E402
from intake.filing.worker import run_once  # noqa: E402
from storage.blobs import BlobStore  # noqa: E402
from storage.db import open_db  # noqa: E402
from storage.schema import dossiers  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "digest.json"
PLAIN = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 12mm; } body { font-family: "DejaVu Sans"; font-size: 8pt; }
</style></head><body><h1>Proposition {n}</h1>{paragraphs}</body></html>"""
SENTENCE = ("Le projet associe la direction, l'encadrement et les représentants du personnel "
            "à l'analyse des effets des outils numériques sur le travail réel. ")


def deliver(maildir: Path, files: list[Path]) -> None:
    for d in ("tmp", "new", "cur"):
        (maildir / d).mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(files):
        raw = path.read_bytes()
        when = parsedate_to_datetime(str(BytesHeaderParser(policy=compat32).parsebytes(raw)["Date"]))
        key = f"{int(when.timestamp())}.M{i}P{os.getpid()}.bench"
        (maildir / "new" / key).write_bytes(raw)
        os.utime(maildir / "new" / key, (when.timestamp(), when.timestamp()))


def plain(n: int, paragraphs: str) -> str:
    return PLAIN.replace("{n}", str(n)).replace("{paragraphs}", paragraphs)


def plain_pages(n: int, folder: Path) -> float:
    """Seconds for WeasyPrint to write `n` plain one-page documents."""
    paragraphs = "".join(f"<p>{SENTENCE * 3}</p>" for _ in range(10))
    t = time.perf_counter()
    for i in range(n):
        assert write_pdf(plain(i + 1, paragraphs), folder / f"plain-{i}.pdf") == 1
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--proposals", type=int, default=50)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-digest-"))
    try:
        config = load_config(ROOT / "config.toml")
        files = sorted((ROOT / "tests" / "corpus" / "cases").glob("*.eml"))
        deliver(work / "Maildir", files)
        engine = open_db(f"sqlite:///{work / 'fabrique.db'}")
        blobs = BlobStore(work / "blobs")
        t = time.perf_counter()
        filed = run_once(config, MaildirSource(work / "Maildir"), engine, blobs)
        filing_s = time.perf_counter() - t
        print(f"{len(files)} courriels classés en {filing_s:.1f} s : {filed.french()}")
        with engine.begin() as conn:
            refs = list(conn.execute(select(dossiers.c.reference).where(
                dossiers.c.decision.is_distinct_from("not_a_proposal")).order_by(dossiers.c.reference)
                .limit(args.proposals)).scalars())
            conn.execute(update(dossiers).where(dossiers.c.reference.in_(refs))
                         .values(released_at=dossiers.c.first_received))
        if len(refs) < args.proposals:
            print(f"seulement {len(refs)} propositions dans le corpus", file=sys.stderr)

        views = views_of_released(engine, blobs, config)  # summaries as stored by the worker
        settings = settings_of(config)
        write_pdf(plain(0, "<p>échauffement</p>"), work / "warm.pdf")

        baseline_s = plain_pages(len(views), work)

        t = time.perf_counter()
        pack_html = render_pack_html(views, settings, config.call)
        pack_pages = write_pdf(pack_html, work / "pack.pdf")
        pack_s = time.perf_counter() - t

        t = time.perf_counter()
        result = build_digest(engine, blobs, config, work / "digest")
        digest_s = time.perf_counter() - t
        engine.dispose()

        pages = sorted(result.pages.values())
        results = {
            "proposals": len(views), "corpus_emails": len(files), "filing_s": round(filing_s, 2),
            "pack_s": round(pack_s, 2), "pack_pages": pack_pages,
            "digest_s": round(digest_s, 2), "digest_pack_pages": result.pack_pages,
            "summary_pages": {str(n): pages.count(n) for n in sorted(set(pages))},
            "baseline_plain_pages_s": round(baseline_s, 2),
            "pack_vs_baseline": round(pack_s / baseline_s, 2),
            "digest_vs_baseline": round(digest_s / baseline_s, 2),
            "pack_s_per_page": round(pack_s / max(pack_pages, 1), 3),
            "baseline_s_per_page": round(baseline_s / max(len(views), 1), 3),
            "workers": min(4, os.cpu_count() or 1),
            "machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "cpus": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 2)},
        }
        print(f"Dossier du comité, {len(views)} propositions ({pack_pages} pages) : {pack_s:.1f} s "
              f"({results['pack_s_per_page']:.2f} s par page)")
        print(f"Commande digest complète (50 PDF + dossier + tableau, {results['workers']} processus) : "
              f"{digest_s:.1f} s")
        print(f"Référence : WeasyPrint, {len(views)} documents d'une page : {baseline_s:.1f} s "
              f"({results['baseline_s_per_page']:.2f} s par page)")
        print(f"Rapports : dossier / référence = {results['pack_vs_baseline']:.2f} ; "
              f"digest / référence = {results['digest_vs_baseline']:.2f}")
        print(f"Pages par résumé : {results['summary_pages']}")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"Résultats : {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
