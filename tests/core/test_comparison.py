"""The committee's comparison table (intake.committee.comparison) on dossiers the real worker filed
from labelled corpus emails: each row carries the figures of the committee view (the
budget as the secretariat corrected it) and, where the corpus labels them, the figures
the proposal states; the workbook reads back with openpyxl with one typed row per
released dossier in the table's order, text cells never formulas, and the simulation
sheet adds up the Anact requests ticked against the envelope."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select, update

from intake.committee.comparison import (
    EUROS_FORMAT,
    PERCENT_FORMAT,
    columns,
    comparison_rows,
    comparison_xlsx,
    parse_amount,
    remainder_text,
    simulate,
    sort_rows,
)
from intake.committee.summaries import settings_of, views_of_released
from intake.config import load_config
from intake.filing.worker import run_once
from storage.blobs import BlobStore
from storage.db import open_db
from storage.schema import dossier_corrections, dossier_messages, dossiers, messages, users
from tests.worker.conftest import Box

CASES = Path(__file__).resolve().parents[1] / "corpus" / "cases"
# Every third labelled case: the formats and layouts of the corpus, in ~10 s of reading.
PICKED = sorted(CASES.glob("*.eml"))[::3]


@pytest.fixture(scope="module")
def filed(tmp_path_factory):
    """The picked corpus emails filed by the real worker into SQLite, all released;
    the expected.json of each dossier's email, by reference."""
    home = tmp_path_factory.mktemp("comparison")
    config = load_config()
    box = Box(home / "Maildir")
    for path in PICKED:
        box.deliver(path)
    engine = open_db(f"sqlite:///{home / 'fabrique.db'}")
    blobs = BlobStore(home / "blobs")
    run_once(config, box.source(), engine, blobs)
    expected_by_id = {}
    for path in PICKED:
        exp = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        expected_by_id[exp["message"]["message_id"]] = exp
    with engine.begin() as conn:
        conn.execute(update(dossiers).values(released_at=datetime(2022, 9, 1, tzinfo=UTC)))
        links = conn.execute(select(dossiers.c.reference, messages.c.message_id)
                             .join(dossier_messages, dossier_messages.c.dossier_id == dossiers.c.id)
                             .join(messages, messages.c.id == dossier_messages.c.message_id))
        ids_of: dict[str, list[str]] = {}
        for ref, mid in links:
            ids_of.setdefault(ref, []).append(mid)
    # a dossier the worker built from one email only (it joins a sender's later emails)
    expected = {ref: expected_by_id[mids[0]] for ref, mids in ids_of.items()
                if len(mids) == 1 and mids[0] in expected_by_id}
    yield engine, blobs, config, expected
    engine.dispose()


def rows_of(filed):
    engine, blobs, config, _ = filed
    views = views_of_released(engine, blobs, config)
    return views, comparison_rows(views, settings_of(config))


def test_each_row_carries_its_views_figures_and_evidence(filed):
    views, rows = rows_of(filed)
    settings = settings_of(filed[2])
    assert len(rows) == len(views) >= 15
    assert [r["reference"] for r in rows] == [v["reference"] for v in views]
    for v, r in zip(views, rows, strict=True):
        budget, s = v["budget"], v["summary"]
        assert r["total_cost"] == budget.get("total_cost")
        assert r["anact_request"] == budget.get("anact_request")
        assert r["cofinancing"] == (budget.get("cofinancing") or {}).get("amount")
        assert r["cofinancing_share"] == (budget.get("cofinancing") or {}).get("share")
        assert r["decision"] == v["decision_label"]
        assert r["blocking"] == sum(1 for f in v["standing"] if f["severity"] == "blocking")
        assert r["warning"] == sum(1 for f in v["standing"] if f["severity"] == "warning")
        for message in v["missing"]:
            assert message in r["flag_messages"]
        if s is None:  # no summary (not a proposal): counts unknown, not zero
            assert r["passages:pertinence"] is None and r["kind:entreprise"] is None
            continue
        partners = s.get("partners") or []
        assert r["partners"] == len(partners)
        # the counts by kind add up to the partners, each kind label where the summary put it
        assert sum(r[f"kind:{k.label}"] for k in settings.partner_kinds) + r["kind:à préciser"] == len(partners)
        for p in partners:
            assert r[f"kind:{p['kind_label']}"] >= 1
        for c in [*s["criteria"], s["commitment"]]:
            assert r[f"passages:{c['id']}"] == len(c["passages"])
            for fact in c["facts"]:
                assert fact in r[f"facts:{c['id']}"]
        for t in v["identity"].get("territories") or []:
            assert t["name"] in r["territories"] and t["region"] in r["regions"]
    # the table counts evidence; it does not score: no such column
    assert not any("note" in c.header.lower() or "score" in c.header.lower() or "rang" in c.header.lower()
                   for c in columns(settings))


def test_rows_state_the_figures_the_proposals_state(filed):
    """Against the corpus labels: the amounts of the table are the proposal's own."""
    _views, rows = rows_of(filed)
    expected = filed[3]
    checked, wrong = 0, []
    for r in rows:
        exp = (expected.get(r["reference"]) or {}).get("budget")
        if not exp:
            continue
        checked += 1
        got = (r["total_cost"], r["anact_request"], r["cofinancing"])
        want = (exp.get("total_cost"), exp.get("anact_request"), (exp.get("cofinancing") or {}).get("amount"))
        if got != want or (exp.get("cofinancing") or {}).get("share") not in (None, pytest.approx(r["cofinancing_share"],
                                                                                                    abs=1e-3)):
            wrong.append((r["reference"], got, want))
    assert checked >= 10
    assert not wrong, wrong


def test_rows_follow_the_secretariats_corrections(filed):
    """A corrected Anact request is the one the committee compares, with the flag the
    correction raises (over the call's cap) counted and worded."""
    engine, blobs, config, _ = filed
    ref = rows_of(filed)[1][0]["reference"]
    with engine.begin() as conn:
        did = conn.execute(select(dossiers.c.id).where(dossiers.c.reference == ref)).scalar_one()
        uid = conn.execute(insert(users).values(email="s@anact.test", name="S", role="secretariat",
                                                password_hash="x", created_at=datetime.now(UTC))).inserted_primary_key[0]
        conn.execute(insert(dossier_corrections).values(dossier_id=did, field="anact_request", value="95000",
                                                        reason="test", user_id=uid, created_at=datetime.now(UTC),
                                                        updated_at=datetime.now(UTC)))
    try:
        row = next(r for r in rows_of(filed)[1] if r["reference"] == ref)
        assert row["anact_request"] == 95000.0
        assert row["corrected"] == ["anact_request"]
        assert row["blocking"] >= 1 and "dépasse le montant maximal" in row["flag_messages"]
    finally:
        with engine.begin() as conn:
            conn.execute(dossier_corrections.delete())


def test_sorting_puts_empty_values_last_and_keeps_ties_by_reference(filed):
    _views, rows = rows_of(filed)
    asc = sort_rows(rows, "anact_request")
    desc = sort_rows(rows, "anact_request", descending=True)
    known = [r["anact_request"] for r in asc if r["anact_request"] is not None]
    assert known == sorted(known) and len(known) >= 12
    assert [r["anact_request"] for r in desc if r["anact_request"] is not None] == sorted(known, reverse=True)
    assert all(r["anact_request"] is None for r in asc[len(known):])
    assert all(r["anact_request"] is None for r in desc[len(known):])
    titles = [r["title"] for r in sort_rows(rows, "title")]
    assert titles[0].casefold() <= titles[-1].casefold()


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_the_workbook_reads_back_with_one_typed_row_per_dossier(filed):
    engine, blobs, config, _ = filed
    settings = settings_of(config)
    # a title written to be a formula, as an applicant could
    views = views_of_released(engine, blobs, config)
    hostile = views[2]["reference"]
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.reference == hostile)
                     .values(title='=HYPERLINK("http://evil.example","Cliquez")'))
    try:
        rows = sort_rows(comparison_rows(views_of_released(engine, blobs, config), settings), "anact_request",
                         descending=True)
    finally:
        with engine.begin() as conn:
            conn.execute(update(dossiers).where(dossiers.c.reference == hostile).values(title=views[2]["title"]))
    wb = _book(comparison_xlsx(rows, settings))
    assert wb.sheetnames == ["Comparaison", "Critères"]
    ws = wb["Comparaison"]
    cols = columns(settings)
    header = [c.value for c in ws[1]]
    assert header == [c.header for c in cols]
    assert header[:11] == ["Référence", "Projet", "Porteur", "Expéditeur", "Nature du porteur", "État du dossier", "Coût total",
                           "Demande à l'Anact", "Co-financement", "Part du co-financement", "Partenaires"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(cols)).column_letter}{len(rows) + 1}"
    assert ws.max_row == len(rows) + 1
    assert [ws.cell(i, 1).value for i in range(2, ws.max_row + 1)] == [r["reference"] for r in rows]
    at = {c.key: i for i, c in enumerate(cols, 1)}
    for i, r in enumerate(rows, 2):
        cost, share = ws.cell(i, at["total_cost"]), ws.cell(i, at["cofinancing_share"])
        anact, partners = ws.cell(i, at["anact_request"]), ws.cell(i, at["partners"])
        assert anact.value == r["anact_request"] and cost.value == r["total_cost"]
        if r["anact_request"] is not None:
            assert anact.data_type == "n" and anact.number_format == EUROS_FORMAT
        if r["cofinancing_share"] is not None:
            assert share.data_type == "n" and share.number_format == PERCENT_FORMAT
            assert share.value == pytest.approx(r["cofinancing_share"])
        assert partners.data_type == "n" and partners.value == r["partners"]
        # the passage that bears most on the criterion, quoted with its place: not a count
        quote = ws.cell(i, at["quote:pertinence"]).value
        assert quote == (r["quote:pertinence"] or None)
        if r["passages:pertinence"]:
            assert quote.startswith("« ") and " » (" in quote and not quote.strip("« ").isdigit()
        assert ws.cell(i, at["facts:ancrage"]).value == (r["facts:ancrage"] or None)
    # the hostile title is text, quote-prefixed: shown as typed, never evaluated
    line = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, 1).value == hostile)
    cell = ws.cell(line, at["title"])
    assert cell.value == '=HYPERLINK("http://evil.example","Cliquez")'
    assert cell.data_type == "s" and cell.quotePrefix
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    crit = wb["Critères"]
    wording = [crit.cell(i, 2).value for i in range(2, 10)]
    assert wording == [c.label for c in [*settings.criteria, settings.commitment]]
    assert len(wording) == 8


def test_the_simulation_sheet_adds_up_the_requests_ticked(filed):
    _views, rows = rows_of(filed)
    settings = settings_of(filed[2])
    known = [r for r in rows if r["anact_request"] is not None]
    picked = {known[0]["reference"], known[3]["reference"], known[5]["reference"]}
    total = known[0]["anact_request"] + known[3]["anact_request"] + known[5]["anact_request"]
    envelope = 150_000.0
    wb = _book(comparison_xlsx(rows, settings, envelope=envelope, picked=picked))
    assert wb.sheetnames == ["Comparaison", "Critères", "Simulation"]
    sh = wb["Simulation"]
    listed = [sh.cell(i, 1).value for i in range(2, 5)]
    assert listed == [r["reference"] for r in rows if r["reference"] in picked]  # the table's order
    assert [sh.cell(i, 4).value for i in range(2, 5)] == [r["anact_request"] for r in rows if r["reference"] in picked]
    figures = {sh.cell(i, 3).value: sh.cell(i, 4) for i in range(5, sh.max_row + 1) if sh.cell(i, 3).value}
    assert figures["Total demandé"].value == pytest.approx(total)
    assert figures["Enveloppe"].value == envelope
    left = "Reste" if envelope >= total else "Dépassement"
    assert figures[left].value == pytest.approx(abs(envelope - total))
    assert figures["Total demandé"].number_format == EUROS_FORMAT
    # and the words the web page shows for it
    sim = simulate(rows, picked, 100_000.0)
    over = round(sim.total - 100_000.0)
    if over > 0:
        assert remainder_text(sim) == "Dépassement de " + f"{over:,}".replace(",", "\u202f") + "\u00a0€"
    assert remainder_text(simulate(rows, [], 12_500.0)) == "Reste disponible : 12\u202f500\u00a0€"
    assert remainder_text(simulate(rows, [], None)) == "Enveloppe non renseignée"


def test_envelope_amounts_are_read_as_typed_in_french():
    assert parse_amount("150 000") == 150000.0
    assert parse_amount("150\u202f000,50 €") == 150000.5
    assert parse_amount("80000") == 80000.0
    assert parse_amount("beaucoup") is None
    assert parse_amount("-5") is None
    assert parse_amount("") is None


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (soffice)")
def test_a_spreadsheet_in_french_shows_euros_and_percentages_as_written_in_french(filed, tmp_path):
    """The workbook opened by LibreOffice in French, as shown (CSV of the displayed
    values): "33 500 €" and "30,2 %", numbers underneath."""
    _views, rows = rows_of(filed)
    (tmp_path / "comparaison.xlsx").write_bytes(comparison_xlsx(rows, settings_of(filed[2])))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,true", "--outdir", str(tmp_path),
                    str(tmp_path / "comparaison.xlsx")], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "LANG": "fr_FR.UTF-8"})
    shown = list(csv.reader(io.StringIO((tmp_path / "comparaison.csv").read_text(encoding="utf-8")), delimiter=";"))
    header = shown[0]
    assert len(shown) == len(rows) + 1
    anact, share = header.index("Demande à l'Anact"), header.index("Part du co-financement")
    checked = 0
    for r, line in zip(rows, shown[1:], strict=True):
        assert line[0] == r["reference"]
        if r["anact_request"] is not None and r["cofinancing_share"] is not None:
            assert line[anact] == f"{r['anact_request']:,.0f}".replace(",", "\u00a0") + "\u00a0€"
            assert line[share] == f"{r['cofinancing_share'] * 100:.1f}".replace(".", ",") + "\u00a0%"
            checked += 1
    assert checked >= 10
