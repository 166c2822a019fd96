"""Corrections of a dossier's facts on its page: a budget figure (the share recomputed,
the flags that depend on it re-evaluated against the call's values), a section marked
present or absent, the decision set directly with a reason and taken back. Each one is
audited and the decision is re-derived where the app shows it (queue, exports, API)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from sqlalchemy import select

from intake.config import load_config
from intake.decisions import apply_corrections, final_decision
from storage.schema import audit_log, dossier_corrections

from .conftest import COMPLETE_DOCX, INCOMPLETE, csrf_of
from .test_dossier import badge, decision_of

CALL = load_config().call


def correct(client, reference: str, field: str, value: str, reason: str = "Pièce justificative reçue.",
            confirm: str = "oui"):
    """A correction, confirmed even where the page would first say the budget no longer
    adds up (see test_a_correction_that_leaves_the_budget_unbalanced_is_said)."""
    page = client.get(f"/dossiers/{reference}")
    return client.post(f"/dossiers/{reference}/corrections", follow_redirects=False, data={
        "csrf_token": csrf_of(page.text), "field": field, "value": value, "reason": reason, "confirm": confirm})


# ------------------------------------------------------------------ the pure re-evaluation

READING = {"decision": "incomplete", "sections": {"contexte": {"present": True}},
           "budget": {"total_cost": 60000.0, "anact_request": 51000.0,
                      "cofinancing": {"amount": 9000.0, "share": 0.15}},
           "flags": [{"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"}],
           "attachments": []}
LIMITS = {"anact_cap": CALL.anact_cap, "min_share": CALL.cofinancing_min_share}


def test_a_figure_recomputes_the_share_and_the_flags():
    fixed = apply_corrections(READING, {"cofinancing_amount": "12000"}, **LIMITS)
    assert fixed["budget"]["cofinancing"] == {"amount": 12000.0, "share": 0.2}
    assert fixed["flags"] == []
    assert READING["budget"]["cofinancing"]["amount"] == 9000.0  # the reading is kept
    assert final_decision(READING, {}, {"cofinancing_amount": "12000"}, **LIMITS) == "complete"
    over = apply_corrections(READING, {"cofinancing_amount": "20000", "anact_request": str(CALL.anact_cap + 1)},
                             **LIMITS)
    assert [f["code"] for f in over["flags"]] == ["anact_request_over_cap"]
    # the call's values, not literals: a stricter call raises the flag again
    strict = apply_corrections(READING, {"cofinancing_amount": "12000"}, anact_cap=CALL.anact_cap,
                               min_share=Decimal("0.25"))
    assert [f["code"] for f in strict["flags"]] == ["cofinancing_below_minimum"]


def test_sections_and_a_decision_set_directly():
    absent = apply_corrections(READING, {"cofinancing_amount": "12000", "section:contexte": "absent"}, **LIMITS)
    assert [(f["code"], f["target"]) for f in absent["flags"]] == [("missing_section", "contexte")]
    assert final_decision(READING, {}, {"cofinancing_amount": "12000", "section:contexte": "absent"},
                          **LIMITS) == "incomplete"
    assert final_decision(READING, {}, {"decision": "complete"}, **LIMITS) == "complete"


# ------------------------------------------------------------------ on the dossier page

def test_correcting_a_figure_changes_the_decision_everywhere(secretariat, engine):
    assert decision_of(engine, INCOMPLETE) == "incomplete"
    r = correct(secretariat, INCOMPLETE, "cofinancing_amount", "12 000,00",
                "Le conseil régional confirme 3 000 € de plus (courrier du 22/08).")
    assert r.status_code == 303 and r.headers["location"].startswith(f"/dossiers/{INCOMPLETE}?fait=correction")
    assert decision_of(engine, INCOMPLETE) == "complete"
    page = secretariat.get(r.headers["location"]).text
    assert badge(page) == "complet"
    assert "20\u00a0%" in page  # the share, recomputed
    # the reading's alert is not silently gone: the page says a correction lifted it
    alerts = page[page.index('id="alertes"'):page.index('id="messages"')]
    assert "la lecture n&#39;a rien relevé" not in alerts
    assert "Levée par les corrections du secrétariat : Co-financement insuffisant." in alerts
    journal = page[page.index('id="journal"'):]
    assert "Donnée corrigée : Montant des co-financements" in journal
    assert "Claire Secrétariat" in journal and "conseil régional" in journal
    assert "12\u202f000\u00a0€" in journal
    with engine.connect() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.action == "correction")).one()
    assert json.loads(row.before) == {"field": "cofinancing_amount", "value": None, "read": 9000.0}
    assert json.loads(row.after)["value"] == "12000"
    # the queue, the exports and the API read the stored decision
    queue = secretariat.get("/", params={"decision": "complete"}).text
    assert INCOMPLETE in queue
    assert secretariat.get(f"/api/dossiers/{INCOMPLETE}").json()["decision"] == "complete"
    rows = list(csv.DictReader(io.StringIO(secretariat.get("/exports/dossiers.csv").text.lstrip("\ufeff")),
                               delimiter=";"))
    assert next(r for r in rows if INCOMPLETE in r.values())["Code de la décision"] == "complete"
    # ...and the corrected figures: the queue's share column, the exports' amounts, no flag left
    row_html = queue[queue.index(INCOMPLETE):]
    row_html = row_html[:row_html.index("</tr>")]
    assert "20\u00a0%" in row_html and "corrigé" in row_html and "15\u00a0%" not in row_html
    mine = next(r for r in rows if INCOMPLETE in r.values())
    assert mine["Co-financement (€)"].replace("\u202f", "").replace(" ", "").startswith("12000"), mine
    assert mine["Co-financement insuffisant (cofinancing_below_minimum)"] in ("", "0")
    # taken back: the reading holds again
    assert correct(secretariat, INCOMPLETE, "cofinancing_amount", "").status_code == 303
    assert decision_of(engine, INCOMPLETE) == "incomplete"


def test_anact_request_over_the_call_cap(secretariat, engine):
    r = correct(secretariat, COMPLETE_DOCX, "anact_request", str(CALL.anact_cap + 500))
    assert r.status_code == 303
    assert decision_of(engine, COMPLETE_DOCX) == "incomplete"
    page = secretariat.get(f"/dossiers/{COMPLETE_DOCX}").text
    assert "dépasse le montant maximal" in page


def test_a_section_marked_absent_then_present(secretariat, engine):
    sid = next(iter(CALL.sections))
    assert correct(secretariat, COMPLETE_DOCX, f"section:{sid}", "absent").status_code == 303
    assert decision_of(engine, COMPLETE_DOCX) == "incomplete"
    assert correct(secretariat, COMPLETE_DOCX, f"section:{sid}", "present").status_code == 303
    assert decision_of(engine, COMPLETE_DOCX) == "complete"


def test_the_decision_set_directly_and_taken_back(secretariat, engine):
    r = correct(secretariat, INCOMPLETE, "decision", "complete", "Décision du comité de sélection du 3/09.")
    assert r.status_code == 303
    assert decision_of(engine, INCOMPLETE) == "complete"
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    assert 'id="decision-set"' in page and "Décision du comité de sélection" in page
    # a figure corrected meanwhile does not move a decision set directly
    correct(secretariat, INCOMPLETE, "anact_request", str(CALL.anact_cap + 1))
    assert decision_of(engine, INCOMPLETE) == "complete"
    assert correct(secretariat, INCOMPLETE, "decision", "", "Erreur de saisie.").status_code == 303
    assert decision_of(engine, INCOMPLETE) == "incomplete"
    with engine.connect() as conn:
        assert conn.execute(select(dossier_corrections.c.field)).scalars().all() == ["anact_request"]


def test_refused_corrections(secretariat, engine):
    for field, value, reason, words in (
            ("cofinancing_amount", "12000", "", "Indiquez la raison"),
            ("cofinancing_amount", "douze mille", "x", "Montant illisible"),
            ("cofinancing_amount", "-5", "x", "positif"),
            ("decision", "accepted", "x", "Décision inconnue"),
            ("section:nulle_part", "present", "x", "pas demandée"),
            ("budget_json", "1", "x", "Correction inconnue")):
        r = correct(secretariat, INCOMPLETE, field, value, reason)
        assert r.status_code == 400, (field, value)
        assert words in r.text, words
    assert decision_of(engine, INCOMPLETE) == "incomplete"
    # the error stands beside the field, which keeps what was typed and takes the focus
    r = correct(secretariat, INCOMPLETE, "cofinancing_amount", "quatre-vingt mille", "Courrier du 22/08.")
    form = r.text[r.text.index('id="fix-cofinancing_amount"'):]
    form = form[:form.index("</form>")]
    assert 'id="err-cofinancing_amount" role="alert">Montant illisible' in form
    assert 'value="quatre-vingt mille"' in form and "autofocus" in form and 'value="Courrier du 22/08."' in form
    other = r.text[r.text.index('id="fix-anact_request"'):]
    assert "quatre-vingt" not in other[:other.index("</form>")]


def test_the_committee_cannot_correct(client, engine):
    from .conftest import COMMITTEE, login

    login(client, COMMITTEE)
    token = csrf_of(client.get("/committee").text)
    r = client.post(f"/dossiers/{INCOMPLETE}/corrections", follow_redirects=False, data={
        "csrf_token": token, "field": "decision", "value": "complete", "reason": "x"})
    assert r.status_code == 403
    assert decision_of(engine, INCOMPLETE) == "incomplete"


def test_a_re_reading_keeps_the_corrections(secretariat, engine, web_config):
    """The worker re-reads a dossier (a joining email, a reprocess): the corrected figure
    still holds on the new reading."""
    from intake.decisions import corrected_decision
    from storage.schema import dossiers

    correct(secretariat, INCOMPLETE, "cofinancing_amount", "12000")
    with engine.connect() as conn:
        d = conn.execute(select(dossiers).where(dossiers.c.reference == INCOMPLETE)).one()
        assert corrected_decision(conn, d.id, json.loads(d.dossier_json), web_config.call) == "complete"


def test_a_correction_withdraws_the_waiting_request_and_plans_the_answer_that_fits(
        secretariat, engine, web_config, blobs, tmp_path):
    """The held completion request asked for the co-financing the secretariat has since
    corrected: it is withdrawn (kept, never sent, journaled), and the worker's next pass
    writes the acknowledgement from the corrected figures."""
    import email
    from email import policy

    from intake.filing.worker import run_once
    from storage.schema import dossiers, outbox
    from tests.worker.conftest import Box

    with engine.connect() as conn:
        did = conn.execute(select(dossiers.c.id).where(dossiers.c.reference == INCOMPLETE)).scalar()
        held = conn.execute(select(outbox).where(outbox.c.dossier_id == did)).all()
    assert [(r.kind, r.state) for r in held] == [("completion_request", "held")]
    correct(secretariat, INCOMPLETE, "cofinancing_amount", "12000",
            "Le conseil régional confirme 3 000 € de plus (courrier du 22/08).")
    with engine.connect() as conn:
        rows = conn.execute(select(outbox).where(outbox.c.dossier_id == did)).all()
        d = conn.execute(select(dossiers).where(dossiers.c.id == did)).one()
    assert [(r.kind, r.state) for r in rows] == [("completion_request", "withdrawn")]
    assert "le dossier a changé" in rows[0].last_error
    assert d.answered_decision is None and d.answer_due_at is not None
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    assert "retiré : le dossier a changé" in page
    journal = page[page.index('id="journal"'):]
    assert "Courriel retiré avant" in journal and "Nouvelle réponse prévue" in journal
    # nothing left to validate: the page no longer offers to send the old request
    assert f"/emails/{rows[0].id}/approve" not in page

    run_once(web_config, Box(tmp_path / "Maildir").source(), engine, blobs)
    with engine.connect() as conn:
        rows = conn.execute(select(outbox).where(outbox.c.dossier_id == did).order_by(outbox.c.id)).all()
    assert [(r.kind, r.state) for r in rows] == [("completion_request", "withdrawn"), ("acknowledgement", "queued")]
    assert rows[1].decision == "complete"
    mail = email.message_from_bytes(blobs.get(rows[1].raw_sha256), policy=policy.default)
    text = " ".join(mail.get_body(preferencelist=("plain",)).get_content().split())
    assert "12 000 € de co-financement (20 %)" in text and "Nous accusons réception" in text


def test_the_committee_list_shows_the_corrected_figures(client, engine):
    """Corrected before the committee reads it: the list says what the dossier's page,
    the summary and the comparison say (the share recomputed, no blocking alert)."""
    from .conftest import COMMITTEE, login
    from .test_conflicts import release

    release(client, INCOMPLETE)  # logs the secretariat in
    assert correct(client, INCOMPLETE, "cofinancing_amount", "12000").status_code == 303
    client.cookies.clear()
    assert login(client, COMMITTEE).status_code == 303
    page = client.get("/committee").text
    row = page[page.index(INCOMPLETE):]
    row = row[:row.index("</tr>")]
    assert "20\u00a0%" in row and "15\u00a0%" not in row and "bloquante" not in row


def decision_of_correction(client) -> str | None:
    """The anact_request correction shown on the dossier page, None when there is none."""
    page = client.get(f"/dossiers/{INCOMPLETE}").text
    row = page[page.index('id="fix-anact_request"'):]
    row = row[:row.index("</tr>")]
    return "Corrigé" if "<strong>Corrigé</strong>" in row else None


def test_a_correction_that_leaves_the_budget_unbalanced_is_said(secretariat):
    """The Anact request corrected alone: request + co-financing no longer make the total;
    the page says so with the figures before saving, then after, so that the other figure
    gets corrected too."""
    asked = correct(secretariat, INCOMPLETE, "anact_request", "45000", "Courriel du porteur.", confirm="")
    assert asked.status_code == 200
    form = asked.text[asked.text.index('id="fix-anact_request"'):]
    form = " ".join(form[:form.index("</form>")].split()).replace("&#39;", "'").replace("\u202f", " ").replace(
        "\u00a0", " ")
    assert "Avec ce montant, le budget ne s'additionne plus : 45 000 € demandés à l'Anact et 9 000 € de " \
           "co-financement font 54 000 €, pour un coût total de 60 000 € (écart de 6 000 €)" in form
    assert 'value="45000"' in form and 'value="Courriel du porteur."' in form  # what was typed, kept
    assert 'name="confirm" value="oui"' in form and "Enregistrer quand même" in form
    assert decision_of_correction(secretariat) is None  # nothing saved yet
    assert correct(secretariat, INCOMPLETE, "anact_request", "45000").status_code == 303
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    note = page[page.index('id="budget-desequilibre"'):]
    note = " ".join(note[:note.index("</p>")].split())
    assert "Les chiffres retenus ne s'additionnent plus" in note.replace("&#39;", "'")
    assert "45 000 € demandés à l'Anact et 9 000 € de co-financement font 54 000 €" in \
        note.replace("&#39;", "'").replace("\u202f", " ").replace("\u00a0", " ")
    assert "60 000 €" in note.replace("\u202f", " ").replace("\u00a0", " ")
    # set right: the co-financing corrected too, the note goes
    assert correct(secretariat, INCOMPLETE, "cofinancing_amount", "15000").status_code == 303
    assert 'id="budget-desequilibre"' not in secretariat.get(f"/dossiers/{INCOMPLETE}").text
