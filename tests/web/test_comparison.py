"""The committee's comparison table and funding simulation in the web app, over the
dossiers the real worker filed from examples/*.eml: a committee account sees only the
released dossiers, sorts the table by any column with links, downloads the same rows as
XLSX, ticks proposals and sees their Anact requests against the call's envelope (its own
ticks, nobody else's), behind the CSRF token. One Chromium test clicks a header to sort."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select, update

from intake.config import load_config
from intake.vocabulary import euros
from storage.schema import dossiers, funding_picks, users
from web.app import create_app

from .conftest import (
    CHROMIUM,
    COMMITTEE,
    COMPLETE_BODY,
    COMPLETE_DOCX,
    INCOMPLETE,
    LATE,
    PASSWORD,
    SCANNED,
    configured,
    csrf_of,
    login,
)

RELEASED = [COMPLETE_DOCX, SCANNED, COMPLETE_BODY, INCOMPLETE]  # LATE stays with the secretariat
ROW_REF = re.compile(r'<th scope="row" class="nowrap"><a href="/committee/dossiers/(FAB-\d{4}-\d{4})">')


def with_envelope(text: str, value: float | None) -> str:
    """config.toml's text with `[committee] envelope_euros` set to `value` (or absent)."""
    text = "\n".join(line for line in text.splitlines() if not re.match(r"\s*envelope_euros\s*=", line)) + "\n"
    if value is None:
        return text
    if re.search(r"^\[committee\]\s*$", text, re.M):
        return re.sub(r"^\[committee\]\s*$", f"[committee]\nenvelope_euros = {value}", text, count=1, flags=re.M)
    return text + f"\n[committee]\nenvelope_euros = {value}\n"


def config_with(web_config, tmp_path, value: float | None):
    path = tmp_path / "config.toml"
    path.write_text(with_envelope(web_config.path.read_text(encoding="utf-8"), value), encoding="utf-8")
    return load_config(path)


def release(engine, references=RELEASED) -> None:
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.reference.in_(references))
                     .values(released_at=datetime(2022, 9, 1, tzinfo=UTC)))


@pytest.fixture
def make_client(engine, blobs, web_config, intake_home, tmp_path):
    """A client logged in as `email`, the app configured with this envelope."""
    release(engine)
    opened = []

    def make(email: str = COMMITTEE, envelope: float | None = 150_000) -> TestClient:
        config = config_with(web_config, tmp_path, envelope)
        c = TestClient(configured(create_app(engine, blobs, call=config.call), config, intake_home))
        opened.append(c)
        assert login(c, email).status_code == 303
        return c

    yield make
    for c in opened:
        c.close()


def figures(engine, blobs, web_config) -> dict[str, dict]:
    """The committee views' figures, by reference (what the table must show)."""
    from intake.committee.summaries import views_of_released

    return {v["reference"]: v["budget"] for v in views_of_released(engine, blobs, web_config)}


def order_of(html: str) -> list[str]:
    """The references down the page's tables: the figures, then the criteria, same order."""
    bodies = [part.split("</tbody>", 1)[0] for part in html.split("<tbody>")[1:]]
    orders = [ROW_REF.findall(b) for b in bodies]
    assert len(orders) == 2 and orders[0] == orders[1], orders
    return orders[0]


# ------------------------------------------------------------------ the table

def test_the_committee_sees_the_released_dossiers_side_by_side(make_client, engine, blobs, web_config):
    client = make_client()
    r = client.get("/committee/comparaison")
    assert r.status_code == 200
    html = r.text
    assert order_of(html) == RELEASED  # by reference; LATE was not released
    assert LATE not in html
    assert "<caption>4 dossiers transmis" in html
    budgets = figures(engine, blobs, web_config)
    for ref in RELEASED:
        b = budgets[ref]
        row = html.split(f'/committee/dossiers/{ref}">', 1)[1].split("</tr>", 1)[0]
        assert f'<td class="num">{euros(b.get("anact_request"))}</td>' in row
        assert f'<td class="num">{euros(b.get("total_cost"))}</td>' in row
    # amounts as the call writes them: "33 500 €", shares "30,2 %"
    assert "33\u202f500\u00a0€" in html and "30,2\u00a0%" in html
    # accessible headers: every one a column header, the sorted one says so
    assert html.count('<th scope="col"') == 9 + 1 + 8  # figures; reference and the 7 criteria + commitment
    assert re.search(r'<th scope="col" aria-sort="ascending">\s*<a href="/committee/comparaison\?tri=reference&amp;'
                     r'ordre=desc">Référence', html)
    # evidence, not a verdict: passages counted, the call's wording given, no score
    assert "passages" in html and "Pertinence du projet au regard de l&#39;objet" in html
    assert "Aucune note, aucun classement" in html
    thead = html.split("<thead>", 1)[1].split("</thead>", 1)[0].lower()
    assert not any(word in thead for word in ("score", "note", "rang"))
    assert "<script" not in html


def test_sorting_by_the_anact_request_both_ways(make_client, engine, blobs, web_config):
    client = make_client()
    budgets = figures(engine, blobs, web_config)
    known = sorted((b["anact_request"], ref) for ref, b in budgets.items()
                   if ref in RELEASED and b.get("anact_request") is not None)
    unknown = [ref for ref in RELEASED if budgets[ref].get("anact_request") is None]
    assert unknown == [SCANNED]  # its budget is a scan: no figure, listed last both ways
    asc = client.get("/committee/comparaison?tri=anact_request&ordre=asc").text
    assert order_of(asc) == [ref for _v, ref in known] + unknown
    assert re.search(r'<th scope="col" class="num" aria-sort="ascending">\s*<a href="/committee/comparaison\?'
                     r'tri=anact_request&amp;ordre=desc">Demande<br>Anact', asc)
    desc = client.get("/committee/comparaison?tri=anact_request&ordre=desc").text
    assert order_of(desc) == [ref for _v, ref in reversed(known)] + unknown
    assert 'aria-sort="descending"' in desc
    # by a criterion: the number of passages found, most first
    html = client.get("/committee/comparaison?tri=passages:innovation&ordre=desc").text
    assert re.search(r'aria-sort="descending">\s*<a href="/committee/comparaison\?tri=passages%3Ainnovation&amp;'
                     r'ordre=asc">2. Innovation', html)
    from intake.committee.summaries import views_of_released

    crit = html.split('id="criteres-releves"', 1)[1]
    order = re.findall(r'<th scope="row" class="nowrap"><a href="/committee/dossiers/(FAB-[\d-]+)"', crit)
    found = {v["reference"]: len(next((c.get("passages") or [] for c in (v.get("summary") or {}).get("criteria", [])
                                       if c.get("id") == "innovation"), []))
             for v in views_of_released(engine, blobs, web_config)}
    counts = [found[ref] for ref in order]
    assert counts == sorted(counts, reverse=True) and len(counts) == 4
    assert "<q>" in crit and "passage le plus" not in crit  # each cell quotes its best passage
    # an unknown column falls back to the reference order
    assert order_of(client.get("/committee/comparaison?tri=nimporte&ordre=desc").text) == list(reversed(RELEASED))


def test_the_xlsx_has_the_pages_rows_in_the_pages_order(make_client, engine, blobs, web_config):
    client = make_client(envelope=None)
    page = client.get("/committee/comparaison?tri=anact_request&ordre=desc").text
    assert 'href="/committee/comparaison.xlsx?tri=anact_request&amp;ordre=desc"' in page
    r = client.get("/committee/comparaison.xlsx?tri=anact_request&ordre=desc")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert r.headers["content-disposition"].startswith('attachment; filename="comparaison-')
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Comparaison", "Critères"]  # no envelope configured: no simulation
    ws = wb["Comparaison"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Référence", "Projet", "Porteur"]
    refs = [ws.cell(i, 1).value for i in range(2, ws.max_row + 1)]
    assert refs == order_of(page)
    budgets = figures(engine, blobs, web_config)
    col = header.index("Demande à l'Anact") + 1
    for i, ref in enumerate(refs, 2):
        cell = ws.cell(i, col)
        assert cell.value == budgets[ref].get("anact_request")
        if cell.value is not None:
            assert cell.data_type == "n"


# ------------------------------------------------------------------ the simulation

def _tick(client, refs: list[str], enveloppe: str = ""):
    token = csrf_of(client.get("/committee/simulation").text)
    data = {"csrf_token": token, "ref": refs}
    if enveloppe:
        data["enveloppe"] = enveloppe
    return client.post("/committee/simulation", data=data, follow_redirects=False)


def test_ticking_two_proposals_shows_their_total_against_the_envelope(make_client, engine, blobs, web_config):
    client = make_client(envelope=150_000)
    html = client.get("/committee/simulation").text
    assert "150\u202f000\u00a0€" in html and "(configuration de l'appel)" in html
    assert "checked" not in html
    r = _tick(client, [COMPLETE_DOCX, COMPLETE_BODY])
    assert r.status_code == 303 and r.headers["location"] == "/committee/simulation?fait=enregistre"
    html = client.get(r.headers["location"]).text
    budgets = figures(engine, blobs, web_config)
    total = budgets[COMPLETE_DOCX]["anact_request"] + budgets[COMPLETE_BODY]["anact_request"]  # 33 500 + 60 000
    assert "Votre sélection est enregistrée." in html
    assert "<dd>2 sur 4</dd>" in html
    assert f"<strong>{euros(total)}</strong>" in html
    assert f"Reste disponible : {euros(150_000 - total)}" in html
    for ref in (COMPLETE_DOCX, COMPLETE_BODY):
        assert f'value="{ref}" checked' in html
    assert f'value="{INCOMPLETE}" checked' not in html
    # another envelope typed for the simulation: the overrun said plainly
    html = client.get("/committee/simulation?enveloppe=80 000").text
    assert f"Dépassement de {euros(total - 80_000)}" in html
    assert "(montant saisi pour cette simulation)" in html
    # the workbook carries the same simulation
    wb = load_workbook(io.BytesIO(client.get("/committee/comparaison.xlsx?enveloppe=80000").content))
    sh = wb["Simulation"]
    assert [sh.cell(i, 1).value for i in (2, 3)] == [COMPLETE_DOCX, COMPLETE_BODY]
    values = {sh.cell(i, 3).value: sh.cell(i, 4).value for i in range(4, sh.max_row + 1) if sh.cell(i, 3).value}
    assert values == {"Total demandé": total, "Enveloppe": 80_000, "Dépassement": total - 80_000}
    # ticking nothing empties the selection
    assert _tick(client, []).status_code == 303
    assert "<dd>0 sur 4</dd>" in client.get("/committee/simulation").text


def test_without_an_envelope_the_page_says_so(make_client):
    client = make_client(envelope=None)
    html = client.get("/committee/simulation").text
    assert "Enveloppe non renseignée dans la configuration" in html
    assert "Reste disponible" not in html and "Dépassement" not in html
    html = client.get("/committee/simulation?enveloppe=beaucoup").text
    assert "n'est pas un montant en euros" in html


def test_a_members_picks_are_their_own(make_client, engine):
    committee = make_client()
    assert _tick(committee, [COMPLETE_DOCX, INCOMPLETE, LATE]).status_code == 303  # LATE is not released
    secretariat = make_client("secretariat@anact.test")
    html = secretariat.get("/committee/simulation").text
    assert "checked" not in html and "<dd>0 sur 4</dd>" in html
    assert _tick(secretariat, [SCANNED]).status_code == 303
    with engine.connect() as conn:
        picks = {(u, ref) for u, ref in conn.execute(
            select(users.c.email, dossiers.c.reference).join(funding_picks, funding_picks.c.user_id == users.c.id)
            .join(dossiers, dossiers.c.id == funding_picks.c.dossier_id))}
    assert picks == {(COMMITTEE, COMPLETE_DOCX), (COMMITTEE, INCOMPLETE), ("secretariat@anact.test", SCANNED)}
    html = committee.get("/committee/simulation").text
    assert f'value="{COMPLETE_DOCX}" checked' in html and f'value="{SCANNED}" checked' not in html


def test_saving_without_the_csrf_token_is_refused(make_client, engine):
    client = make_client()
    r = client.post("/committee/simulation", data={"ref": [COMPLETE_DOCX]}, follow_redirects=False)
    assert r.status_code == 403
    with engine.connect() as conn:
        assert conn.execute(select(funding_picks)).first() is None


def test_the_pages_ask_for_a_login(engine, blobs, web_config, intake_home):
    with TestClient(configured(create_app(engine, blobs, call=web_config.call), web_config, intake_home)) as c:
        r = c.get("/committee/comparaison", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert c.get("/committee/comparaison.xlsx", follow_redirects=False).status_code == 303


# ------------------------------------------------------------------ in a browser

@pytest.mark.skipif(not CHROMIUM.exists(), reason="navigateur absent (/usr/bin/chromium)")
def test_sorting_the_table_in_a_browser(browser, intake_home, tmp_path, blobs, web_config):
    from .conftest import ARTIFACTS
    from .test_browser import check_accessibility_basics, copy_of, serving

    engine = copy_of(intake_home, tmp_path, release)
    config = config_with(web_config, tmp_path, 150_000)
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []  # what the browser refused (a CSP violation) or could not load
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    page.on("response", lambda r: errors.append(r.url) if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None)
    try:
        with serving(configured(create_app(engine, blobs, call=config.call), config, intake_home)) as base:
            page.goto(base + "/committee/comparaison")
            page.get_by_label("Adresse électronique").fill(COMMITTEE)
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.wait_for_url(base + "/committee/comparaison")
            assert page.locator("h1").inner_text() == "Comparaison des dossiers transmis"
            check_accessibility_basics(page)
            rows = page.locator("table").first.locator("tbody th[scope=row]")
            assert rows.all_inner_texts() == RELEASED
            page.get_by_role("link", name="Demande Anact").click()
            page.wait_for_url(re.compile(r"tri=anact_request&ordre=asc"))
            header = page.locator("th[aria-sort]")
            assert header.get_attribute("aria-sort") == "ascending" and header.inner_text().split() == ["Demande", "Anact", "▲"]
            assert rows.all_inner_texts() == [COMPLETE_DOCX, INCOMPLETE, COMPLETE_BODY, SCANNED]
            page.get_by_role("link", name="Demande Anact").click()
            page.wait_for_url(re.compile(r"ordre=desc"))
            assert rows.all_inner_texts() == [COMPLETE_BODY, INCOMPLETE, COMPLETE_DOCX, SCANNED]
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "comite-comparaison.png"), full_page=True)
            # the simulation: tick two, save, read the total against the envelope
            page.goto(base + "/committee/simulation")
            check_accessibility_basics(page)
            page.get_by_label(f"Financer {COMPLETE_DOCX}").check()
            page.get_by_label(f"Financer {INCOMPLETE}").check()
            page.get_by_role("button", name="Enregistrer ma sélection").click()
            page.wait_for_url(re.compile(r"fait=enregistre"))
            assert "84\u202f500\u00a0€" in page.locator("dl.summary").inner_text()
            assert "Reste disponible : 65\u202f500\u00a0€" in page.locator("dl.summary").inner_text()
            # another envelope, typed: the overrun in plain words
            page.get_by_label("Simuler avec une autre enveloppe (€)").fill("80 000")
            page.get_by_role("button", name="Appliquer ce montant").click()
            page.wait_for_url(re.compile(r"enveloppe=80"))
            assert "Dépassement de 4\u202f500\u00a0€" in page.locator("dl.summary").inner_text()
            assert page.get_by_label(f"Financer {COMPLETE_DOCX}").is_checked()
            # a tick not saved yet is kept when another amount is applied
            page.get_by_label(f"Financer {COMPLETE_BODY}").check()
            page.get_by_label("Simuler avec une autre enveloppe (€)").fill("200 000")
            page.get_by_role("button", name="Appliquer ce montant").click()
            page.wait_for_url(re.compile(r"enveloppe=200"))
            for ref in (COMPLETE_DOCX, INCOMPLETE, COMPLETE_BODY):
                assert page.get_by_label(f"Financer {ref}").is_checked(), ref
            assert "3 sur 4" in page.locator("dl.summary").inner_text()
            page.screenshot(path=str(ARTIFACTS / "comite-simulation.png"), full_page=True)
        assert errors == []  # no CSP violation, no script
    finally:
        context.close()
        engine.dispose()


def test_a_hostile_dossier_stays_text_in_the_table_the_simulation_and_the_workbook(make_client, engine, blobs):
    from .test_escaping import EVIL, hostile_dossier
    from .test_escaping import REFERENCE as HOSTILE

    hostile_dossier(engine, blobs)
    release(engine, [HOSTILE])
    client = make_client()
    for url in ("/committee/comparaison", "/committee/comparaison?tri=title&ordre=desc", "/committee/simulation"):
        html = client.get(url).text
        assert HOSTILE in html
        assert EVIL not in html and "<script" not in html and "<img" not in html
        assert "Projet &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    wb = load_workbook(io.BytesIO(client.get("/committee/comparaison.xlsx").content))
    ws = wb["Comparaison"]
    line = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, 1).value == HOSTILE)
    assert ws.cell(line, 2).value == f"Projet {EVIL}" and ws.cell(line, 2).data_type == "s"


def test_with_nothing_released_the_pages_say_so(make_client, engine):
    with engine.begin() as conn:
        conn.execute(update(dossiers).values(released_at=None))
    client = make_client("secretariat@anact.test")  # the secretariat reads the same pages
    assert "Aucun dossier n'a encore été transmis au comité." in client.get("/committee/comparaison").text
    assert "Aucun dossier n'a encore été transmis au comité." in client.get("/committee/simulation").text
    wb = load_workbook(io.BytesIO(client.get("/committee/comparaison.xlsx").content))
    assert wb["Comparaison"].max_row == 1
