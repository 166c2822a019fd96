"""Server time of the secretariat's pages on 2,000 dossiers (SQLite), next to a bare SELECT
of the same rows measured in the same run.

The dossiers: the repository's corpora (examples/, tests/corpus/, tests/holdout*/: about
120 e-mails) are delivered into a Maildir at their Date header and filed by ONE
`intake.filing.worker.run_once` pass (the real reading, flags and answers); the dossier rows are
then cloned (new references, senders and receipt times, the same readings, message links
and answers) until there are 2,000, with flags set aside on some and held or failed
answers on others, as a busy call leaves them.

Measured through the ASGI app in this process (starlette's TestClient, logged in as the
secretariat: session lookup, CSRF, template rendering included, no network): the queue
(`GET /` as it opens; with a decision filter, a search and a sort; page 20) and a dossier
page. Median of 20 each (after one warm-up request). The baseline, per page: the bare
`SELECT` of the rows it shows (the 50 dossier rows of that page by id, the one dossier row
by reference), same engine, same run. Prints a table (ms, ratio to the baseline) and writes
benchmarks/results/web.json. `--quick` runs 300 dossiers and 5 repetitions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from intake.config import load_config  # noqa: E402
from intake.filing.sources import MaildirSource  # noqa: E402
from intake.filing.worker import run_once, worker_settings  # noqa: E402
from storage.blobs import BlobStore  # noqa: E402
from storage.db import open_db  # noqa: E402
from storage.schema import (  # noqa: E402
    HELD,
    NOT_APPLICABLE,
    SEND_FAILED,
    dossier_messages,
    dossiers,
    flag_overrides,
    outbox,
)
from web.accounts import add_user  # noqa: E402
from web.app import create_app  # noqa: E402
from web.queries import PAGE_SIZE, QueueFilters, queue_page  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "web.json"
EMAIL, PASSWORD = "bench@anact.test", "mot-de-passe-du-banc"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def corpus() -> list[Path]:
    files = sorted((ROOT / "examples").glob("*.eml"))
    for sub in sorted((ROOT / "tests").glob("corpus")) + sorted((ROOT / "tests").glob("holdout*")):
        files += sorted(sub.rglob("*.eml"))
    return files


def deliver(maildir: Path, files: list[Path]) -> None:
    for d in ("tmp", "new", "cur"):
        (maildir / d).mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(files):
        raw = path.read_bytes()
        try:
            when = parsedate_to_datetime(str(BytesHeaderParser(policy=compat32).parsebytes(raw)["Date"])).timestamp()
        except (TypeError, ValueError):
            when = time.time()
        key = f"{int(when)}.M{i}P{os.getpid()}.bench"
        tmp = maildir / "tmp" / key
        tmp.write_bytes(raw)
        os.utime(tmp, (when, when))
        os.replace(tmp, maildir / "new" / key)


def clone(engine, target: int, user_id: int, rng: random.Random) -> dict:
    """Clone the filed dossiers until there are `target`, with their message links and
    answers; set flags aside on some, hold or fail answers on others."""
    with engine.begin() as conn:
        originals = [dict(r._mapping) for r in conn.execute(select(dossiers).order_by(dossiers.c.id))]
        links = {}
        for r in conn.execute(select(dossier_messages)):
            links.setdefault(r.dossier_id, []).append(r.message_id)
        mails = {}
        for r in conn.execute(select(outbox).order_by(outbox.c.id)):
            mails.setdefault(r.dossier_id, []).append(dict(r._mapping))
        next_id = (conn.execute(select(func.max(dossiers.c.id))).scalar() or 0) + 1
        year_refs = conn.execute(select(func.count()).select_from(dossiers)).scalar() or 0
        rows, link_rows, mail_rows, aside_rows = [], [], [], []
        n = 0
        while year_refs + len(rows) < target:
            src = originals[n % len(originals)]
            n += 1
            new_id = next_id + len(rows)
            row = dict(src, id=new_id)
            row["reference"] = f"FAB-2030-{new_id:05d}"
            local, _, domain = (src.get("sender_address") or "porteur@exemple.fr").partition("@")
            row["sender_address"] = f"{local}.c{n}@{domain or 'exemple.fr'}"
            row["sender"] = row["sender_address"]
            shift = timedelta(minutes=rng.randint(0, 60 * 24 * 60))
            for col in ("first_received", "created_at", "updated_at"):
                if row.get(col) is not None:
                    row[col] = row[col] + shift
            rows.append(row)
            link_rows += [{"dossier_id": new_id, "message_id": m} for m in links.get(src["id"], [])]
            for k, m in enumerate(mails.get(src["id"], [])):
                state = m["state"]
                r = rng.random()
                if r < 0.05:
                    state = HELD
                elif r < 0.08:
                    state = SEND_FAILED
                mail_rows.append(dict(m, id=None, dossier_id=new_id, state=state,
                                      email_message_id=f"<bench-{new_id}-{k}@anact.test>"))
            flags = json.loads(src["dossier_json"]).get("flags") or []
            if flags and rng.random() < 0.15:
                f = rng.choice(flags)
                aside_rows.append({"dossier_id": new_id, "code": f.get("code") or "", "target": f.get("target") or "",
                                   "status": NOT_APPLICABLE, "comment": "Vérifié à la main (banc).",
                                   "user_id": user_id, "created_at": row["updated_at"],
                                   "updated_at": row["updated_at"]})
        if rows:
            conn.execute(insert(dossiers), rows)
        if link_rows:
            conn.execute(insert(dossier_messages), link_rows)
        for m in mail_rows:
            m.pop("id")
        if mail_rows:
            conn.execute(insert(outbox), mail_rows)
        if aside_rows:
            conn.execute(insert(flag_overrides), aside_rows)
        counts = {
            "dossiers": conn.execute(select(func.count()).select_from(dossiers)).scalar(),
            "outbox": conn.execute(select(func.count()).select_from(outbox)).scalar(),
            "held": conn.execute(select(func.count()).select_from(outbox).where(outbox.c.state == HELD)).scalar(),
            "failed": conn.execute(select(func.count()).select_from(outbox)
                                   .where(outbox.c.state == SEND_FAILED)).scalar(),
            "flags_set_aside": conn.execute(select(func.count()).select_from(flag_overrides)).scalar(),
        }
    return counts


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up (templates compiled, SQLite pages in cache)
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="300 dossiers, 5 repetitions (to check the script)")
    ap.add_argument("--dossiers", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    if args.quick:
        args.dossiers, args.repeat = 300, 5
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-web-"))
    try:
        config = load_config(ROOT / "config.toml")
        files = corpus()
        deliver(work / "Maildir", files)
        engine = open_db(f"sqlite:///{work / 'fabrique.db'}")
        blobs = BlobStore(work / "blobs")
        t = time.perf_counter()
        summary = run_once(config, MaildirSource(work / "Maildir"), engine, blobs)
        filing_s = time.perf_counter() - t
        print(f"{len(files)} courriels classés en {filing_s:.1f} s : {summary.french()}")
        with engine.begin() as conn:
            user_id = add_user(conn, EMAIL, "Banc secrétariat", "secretariat", PASSWORD)
        counts = clone(engine, args.dossiers, user_id, random.Random(20261128))
        print(f"Base : {counts}")

        app = create_app(engine, blobs, call=config.call)
        app.state.config = config
        app.state.worker_settings = worker_settings(config, data_dir=work)
        results: dict = {"corpus_emails": len(files), "filing_s": round(filing_s, 2), "database": counts,
                         "repeat": args.repeat, "pages": {}}
        with TestClient(app) as client:
            token = CSRF_RE.search(client.get("/login").text).group(1)
            r = client.post("/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token,
                                            "next": "/"}, follow_redirects=False)
            assert r.status_code == 303, r.text

            # a search word that matches: the longest word of an incomplete dossier's title
            with engine.connect() as conn:
                title = conn.execute(select(dossiers.c.title).where(dossiers.c.title.is_not(None),
                                                                    dossiers.c.decision == "incomplete")
                                     .order_by(dossiers.c.id)).scalars().first() or "projet"
                reference = conn.execute(select(dossiers.c.reference).order_by(dossiers.c.id.desc())).scalar()
            word = max(re.findall(r"\w{5,}", title) or ["projet"], key=len)
            cases = {
                "queue (/ as it opens)": {},
                "queue (filter + search + sort)": {"decision": "incomplete", "q": word, "sort": "anact",
                                                   "dir": "desc"},
                "queue (page 20)": {"page": "20"},
            }
            for name, params in cases.items():
                f = QueueFilters.from_params(params)
                with engine.connect() as conn:
                    page = queue_page(conn, f)
                    ids = [i for (i,) in conn.execute(select(dossiers.c.id).where(
                        dossiers.c.reference.in_([row["reference"] for row in page.rows])))]

                def get(params=params):
                    resp = client.get("/", params=params)
                    assert resp.status_code == 200, resp.status_code

                def bare(ids=ids):
                    with engine.connect() as conn:
                        conn.execute(select(dossiers).where(dossiers.c.id.in_(ids))).all()

                results["pages"][name] = {"params": params, "rows": len(ids), "matches": page.total,
                                          "app_ms": timed(get, args.repeat), "bare_ms": timed(bare, args.repeat)}

            def dossier_page():
                resp = client.get(f"/dossiers/{reference}")
                assert resp.status_code == 200, resp.status_code

            def dossier_bare():
                with engine.connect() as conn:
                    conn.execute(select(dossiers).where(dossiers.c.reference == reference)).one()

            results["pages"]["dossier"] = {"params": {"reference": reference}, "rows": 1,
                                           "app_ms": timed(dossier_page, args.repeat),
                                           "bare_ms": timed(dossier_bare, args.repeat)}
        engine.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{'page':34} {'app (ms)':>9} {'SELECT (ms)':>12} {'ratio':>7}   lignes / résultats")
    for name, m in results["pages"].items():
        m["app_median_ms"] = round(statistics.median(m["app_ms"]), 2)
        m["bare_median_ms"] = round(statistics.median(m["bare_ms"]), 3)
        m["ratio"] = round(m["app_median_ms"] / m["bare_median_ms"], 1) if m["bare_median_ms"] else None
        m["app_ms"] = [round(x, 2) for x in m["app_ms"]]
        m["bare_ms"] = [round(x, 3) for x in m["bare_ms"]]
        print(f"{name:34} {m['app_median_ms']:9.1f} {m['bare_median_ms']:12.2f} {m['ratio']:7.0f}   "
              f"{m['rows']} / {m.get('matches', 1)}")
    queue_worst = max(m["app_median_ms"] for n, m in results["pages"].items() if n.startswith("queue"))
    print(f"\nFile d'attente, pire médiane : {queue_worst:.0f} ms (objectif < {200} ms, {PAGE_SIZE} lignes par page)")
    results["queue_worst_median_ms"] = queue_worst
    results["machine"] = {"python": platform.python_version(), "platform": platform.platform(),
                          "cpus": os.cpu_count(), "total_s": round(time.perf_counter() - started, 1)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"Résultats : {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
