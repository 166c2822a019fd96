"""The secretariat's pages at the sizes people use (1,440 and 1,024 px wide), with 40
dossiers in the queue: the header on one line, the queue one line per dossier at 1,440 px
and nothing cut off at 1,024 px, the dossier page without sideways scrolling. The
screenshots are kept in tests/web/artifacts/ to be looked at."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from storage.schema import dossier_messages, dossiers, outbox

from .conftest import ADMIN, INCOMPLETE, PASSWORD
from .test_browser import CHROMIUM, shot
from .test_browser_operations import served

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="navigateur absent (/usr/bin/chromium) : tests dans le navigateur ignorés ; "
           "installez le paquet Debian « chromium » (scripts/setup.sh le fait)")

QUEUE_SIZE = 40
# Other applicants' ways of naming a project: long, short, with and without an acronym.
TITLES = [
    "PRÉVENIR – Prévention des risques psychosociaux dans les établissements médico-sociaux du Grand Est",
    "Dialogue social et télétravail",
    "TRANSITIONS : accompagner les reconversions professionnelles dans l'industrie agroalimentaire bretonne",
    "Outil d'autodiagnostic de la qualité de vie au travail pour les TPE",
    "Le travail des saisonniers du tourisme : conditions, logement, santé",
    "IA-Dialogue",
]


def forty_dossiers(engine) -> None:
    """The five dossiers the worker filed, and 35 more like them from other senders,
    received over three weeks (their emails and answers with them)."""
    rng = random.Random(40)
    with engine.begin() as conn:
        originals = [dict(r._mapping) for r in conn.execute(select(dossiers).order_by(dossiers.c.id))]
        links: dict[int, list[int]] = {}
        for r in conn.execute(select(dossier_messages)):
            links.setdefault(r.dossier_id, []).append(r.message_id)
        mails: dict[int, list[dict]] = {}
        for r in conn.execute(select(outbox).order_by(outbox.c.id)):
            mails.setdefault(r.dossier_id, []).append(dict(r._mapping))
        next_id = (conn.execute(select(func.max(dossiers.c.id))).scalar() or 0) + 1
        for n in range(QUEUE_SIZE - len(originals)):
            src = originals[n % len(originals)]
            new_id = next_id + n
            row = dict(src, id=new_id, reference=f"FAB-2022-{new_id:04d}")
            data = json.loads(src["dossier_json"])
            title = TITLES[n % len(TITLES)]
            data["title"] = row["title"] = title
            row["dossier_json"] = json.dumps(data, ensure_ascii=False)
            local, _, domain = (src.get("sender_address") or "porteur@exemple.fr").partition("@")
            row["sender_address"] = row["sender"] = f"{local}.{n}@{domain or 'exemple.fr'}"
            shift = timedelta(minutes=rng.randint(-60 * 24 * 20, 0))
            for col in ("first_received", "created_at", "updated_at"):
                if row.get(col) is not None:
                    row[col] = row[col] + shift
            conn.execute(insert(dossiers).values(**row))
            for m in links.get(src["id"], []):
                conn.execute(insert(dossier_messages).values(dossier_id=new_id, message_id=m))
            for k, m in enumerate(mails.get(src["id"], [])):
                m = dict(m, dossier_id=new_id, email_message_id=f"<mise-en-page-{new_id}-{k}@anact.test>")
                m.pop("id")
                conn.execute(insert(outbox).values(**m))


LAYOUT_JS = """() => {
  const line = parseFloat(getComputedStyle(document.body).lineHeight) || 24;
  const header = document.querySelector('header.site');
  const items = [...header.children].map(e => e.getBoundingClientRect());
  const tops = items.map(r => Math.round(r.top));
  const rows = [...document.querySelectorAll('main table tbody tr')].map(r => r.getBoundingClientRect().height);
  const wrap = document.querySelector('main .table-wrap');
  return {line, headerOneLine: Math.max(...tops) - Math.min(...tops) < line,
          rows, tallest: Math.max(...rows),
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          tableOverflow: wrap ? wrap.scrollWidth - wrap.clientWidth : 0};
}"""


@pytest.mark.parametrize("width", [1440, 1024])
def test_the_queue_and_the_dossier_at_common_widths(browser, intake_home, tmp_path, blobs, web_config, width):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    asked: list[str] = []  # a favicon is in every page: the browser never asks the server for one
    page.on("request", lambda r: asked.append(r.url) if "favicon" in r.url else None)
    try:
        with served(intake_home, tmp_path, blobs, web_config, forty_dossiers) as (base, _engine):
            page.goto(base + "/login")
            page.get_by_label("Adresse électronique").fill(ADMIN)  # the widest header: every section
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.wait_for_url(base + "/")
            assert page.locator("main tbody tr").count() == QUEUE_SIZE
            layout = page.evaluate(LAYOUT_JS)
            shot(page, f"file-{width}.png")
            assert layout["headerOneLine"], layout
            assert layout["pageOverflow"] <= 0 and layout["tableOverflow"] <= 0, layout  # nothing cut off
            if width >= 1440:  # one line per dossier
                assert layout["tallest"] < 2 * layout["line"], layout
            else:  # at most two lines: still usable
                assert layout["tallest"] < 3 * layout["line"], layout
            # each row still names its project, its first blocking alert and its last email
            row = page.locator("main tbody tr").filter(has_text=INCOMPLETE)
            assert "Vox Travail" in row.inner_text() and "Co-financement insuffisant" in row.inner_text()
            assert "à valider" in row.inner_text()

            page.goto(f"{base}/dossiers/{INCOMPLETE}")
            layout = page.evaluate(LAYOUT_JS)
            shot(page, f"dossier-{width}.png", full_page=False)
            assert layout["headerOneLine"], layout
            assert layout["pageOverflow"] <= 0, layout
            assert page.locator("link[rel=icon]").count() == 1 and asked == []
    finally:
        context.close()
