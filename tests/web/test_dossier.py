"""The dossier page and the secretariat's changes: a flag set aside re-derives the
decision, every change is in the audit log shown on the page, held emails are approved
(and then go out) or discarded."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from intake.answering.mailer import FileOutbox
from intake.answering.outbox import send_due
from storage.schema import audit_log, dossiers, flag_overrides, outbox

from .conftest import COMPLETE_DOCX, INCOMPLETE, SCANNED, csrf_of


def decision_of(engine, reference: str) -> str:
    with engine.connect() as conn:
        return conn.execute(select(dossiers.c.decision).where(dossiers.c.reference == reference)).scalar()


def override(client, reference: str, code: str, status: str, comment: str, target: str = ""):
    page = client.get(f"/dossiers/{reference}")
    return client.post(f"/dossiers/{reference}/flags", follow_redirects=False, data={
        "csrf_token": csrf_of(page.text), "code": code, "target": target, "status": status,
        "comment": comment})


def badge(html: str) -> str:
    return re.search(r'id="decision">([^<]+)<', html).group(1)


def test_the_page_shows_what_was_read(secretariat):
    html = secretariat.get(f"/dossiers/{COMPLETE_DOCX}").text
    assert "<title>FAB-2022-0001" in html
    assert badge(html) == "complet"
    for words in ("Courriels reçus", "claire.lemonnier@trajectoires-travail.fr", "traité",
                  "Réponses au porteur", "accusé de réception", "Fichiers", ".docx", ".xlsx", "lu",
                  "1. Contexte", "présente", "Trouvée dans", "Budget", "Coût total du projet",
                  "Demande à l'Anact", "Partenaires", "Journal des modifications"):
        assert words in html, words
    assert html.count('class="present"') == 10


def test_override_re_derives_the_decision_and_is_audited(secretariat, engine):
    assert decision_of(engine, INCOMPLETE) == "incomplete"
    r = override(secretariat, INCOMPLETE, "cofinancing_below_minimum", "not_applicable",
                 "Le conseil régional confirme 3 000 € de plus par courrier du 22/08.")
    assert r.status_code == 303 and r.headers["location"].startswith(f"/dossiers/{INCOMPLETE}?fait=alerte")
    assert decision_of(engine, INCOMPLETE) == "complete"
    page = secretariat.get(r.headers["location"]).text
    assert badge(page) == "complet"
    assert "La correction de l&#39;alerte est enregistrée." in page
    assert "lecture automatique : incomplet" in page
    journal = page[page.index('id="journal"'):]
    assert "Claire Secrétariat" in journal and "Co-financement insuffisant" in journal
    assert "incomplet" in journal and "complet" in journal and "conseil régional" in journal
    with engine.connect() as conn:
        rows = list(conn.execute(select(audit_log).order_by(audit_log.c.id)))
    # the held completion request, written before, is withdrawn and the answer that fits planned
    assert [r.action for r in rows] == ["flag_override", "decision", "email_withdrawn", "answer_planned"]
    assert json.loads(rows[3].after) == {"kind": "acknowledgement"}
    assert json.loads(rows[0].before)["status"] is None
    assert json.loads(rows[0].after)["status"] == "not_applicable"
    assert (json.loads(rows[1].before), json.loads(rows[1].after)) == (
        {"decision": "incomplete"}, {"decision": "complete"})
    # the machine reading itself is kept as it was
    with engine.connect() as conn:
        stored = json.loads(conn.execute(select(dossiers.c.dossier_json)
                                         .where(dossiers.c.reference == INCOMPLETE)).scalar())
    assert stored["decision"] == "incomplete"

    # taken back: the decision is the reading's again
    r = override(secretariat, INCOMPLETE, "cofinancing_below_minimum", "", "Erreur de ma part.")
    assert r.status_code == 303 and decision_of(engine, INCOMPLETE) == "incomplete"
    with engine.connect() as conn:
        assert conn.execute(select(flag_overrides)).first() is None
        assert [r.action for r in conn.execute(select(audit_log).order_by(audit_log.c.id))] == [
            "flag_override", "decision", "email_withdrawn", "answer_planned",
            "flag_override", "decision", "answer_planned"]


def test_confirming_a_flag_changes_nothing_but_is_recorded(secretariat, engine):
    r = override(secretariat, INCOMPLETE, "ineligible_expense", "confirmed", "Un véhicule n'est pas éligible.",
                 target="Achat d'un véhicule de service")
    assert r.status_code == 303
    assert decision_of(engine, INCOMPLETE) == "incomplete"
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    assert "confirmée</strong> par Claire Secrétariat" in page


def test_a_scanned_file_set_aside_leaves_what_is_missing(secretariat, engine):
    """needs_review -> incomplete once the secretariat has looked at the scan, then
    complete once the budget it holds is accepted."""
    assert decision_of(engine, SCANNED) == "needs_review"
    with engine.connect() as conn:
        data = json.loads(conn.execute(select(dossiers.c.dossier_json)
                                       .where(dossiers.c.reference == SCANNED)).scalar())
    scan = next(f for f in data["flags"] if f["code"] == "scanned_document")
    assert override(secretariat, SCANNED, "scanned_document", "not_applicable", "Budget lu sur le scan.",
                    target=scan["target"]).status_code == 303
    assert decision_of(engine, SCANNED) == "incomplete"
    blocking = [f for f in data["flags"] if f["severity"] == "blocking"]
    for f in blocking:
        assert override(secretariat, SCANNED, f["code"], "not_applicable", "Présent sur le scan.",
                        target=f["target"]).status_code == 303
    assert decision_of(engine, SCANNED) == "complete"


def test_refused_overrides_say_why(secretariat, engine):
    r = override(secretariat, INCOMPLETE, "cofinancing_below_minimum", "not_applicable", "   ")
    assert r.status_code == 400 and "Indiquez la raison" in r.text
    r = override(secretariat, INCOMPLETE, "missing_section", "not_applicable", "x", target="contexte")
    assert r.status_code == 400 and "ne figure pas" in r.text
    r = override(secretariat, INCOMPLETE, "cofinancing_below_minimum", "supprimer", "x")
    assert r.status_code == 400
    assert decision_of(engine, INCOMPLETE) == "incomplete"
    with engine.connect() as conn:
        assert conn.execute(select(audit_log)).first() is None


def test_notes(secretariat, engine):
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/notes", follow_redirects=False,
                         data={"csrf_token": csrf_of(page), "body": "Appelé le porteur : budget rectifié à venir."})
    assert r.status_code == 303
    page = secretariat.get(r.headers["location"]).text
    notes = page[page.index('id="notes"'):page.index('id="journal"')]
    assert "Appelé le porteur" in notes and "Claire Secrétariat" in notes
    assert "Note ajoutée" in page[page.index('id="journal"'):]
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/notes", data={"csrf_token": csrf_of(page), "body": " "})
    assert r.status_code == 400 and "La note est vide" in r.text


def held_email(engine, reference: str):
    with engine.connect() as conn:
        return conn.execute(select(outbox).join(dossiers, dossiers.c.id == outbox.c.dossier_id)
                            .where(dossiers.c.reference == reference, outbox.c.state == "held")).one()


def test_approve_a_held_completion_request_then_it_goes_out(secretariat, engine, blobs, tmp_path):
    held = held_email(engine, INCOMPLETE)
    assert held.kind == "completion_request"
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    # no one-click sending from the dossier: the email is read first, with its recipient
    assert f'href="/emails/{held.id}#envoi">Relire et valider' in page and "à valider" in page
    assert f"/emails/{held.id}/approve" not in page
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/emails/{held.id}/approve", follow_redirects=False,
                         data={"csrf_token": csrf_of(page)})
    assert r.status_code == 303 and r.headers["location"] == f"/emails/{held.id}?confirmer=envoi#envoi"
    preview = secretariat.get(r.headers["location"]).text
    assert "puis confirmez l&#39;envoi" in preview and f"Envoyer ce courriel à {held.recipient}" in preview
    assert "Bonjour Thomas Keller," in preview  # the text itself is shown
    with engine.connect() as conn:
        assert conn.execute(select(outbox.c.state).where(outbox.c.id == held.id)).scalar() == "held"
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/emails/{held.id}/approve", follow_redirects=False,
                         data={"csrf_token": csrf_of(page), "confirm": "oui"})
    assert r.status_code == 303
    with engine.connect() as conn:
        assert conn.execute(select(outbox.c.state).where(outbox.c.id == held.id)).scalar() == "queued"
        entry = conn.execute(select(audit_log)).one()
    assert entry.action == "email_approved" and json.loads(entry.after)["state"] == "queued"
    sent = send_due(engine, blobs, FileOutbox(tmp_path / "out"), envelope_from="fabrique@anact.fr")
    assert sent.sent == 1
    assert len(list((tmp_path / "out").glob("*.eml"))) == 1
    # approving twice is refused, with the reason
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/emails/{held.id}/approve",
                         data={"csrf_token": csrf_of(page), "confirm": "oui"})
    assert r.status_code == 400 and "pas en attente de validation" in r.text


def test_discard_a_held_email_and_no_action_across_dossiers(secretariat, engine):
    held = held_email(engine, INCOMPLETE)
    page = secretariat.get(f"/dossiers/{COMPLETE_DOCX}").text
    r = secretariat.post(f"/dossiers/{COMPLETE_DOCX}/emails/{held.id}/discard", data={"csrf_token": csrf_of(page)})
    assert r.status_code == 400 and "n&#39;appartient pas à ce dossier" in r.text
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/emails/{held.id}/discard", follow_redirects=False,
                         data={"csrf_token": csrf_of(page), "reason": "Dossier complété par téléphone."})
    assert r.status_code == 303
    with engine.connect() as conn:
        assert conn.execute(select(outbox.c.state).where(outbox.c.id == held.id)).scalar() == "discarded"
    page = secretariat.get(r.headers["location"]).text
    assert "Le courriel est écarté" in page and "Dossier complété par téléphone." in page


def test_a_question_reads_as_a_question(secretariat, engine, web_config, blobs, tmp_path):
    """A question sent to the mailbox: the queue says its proposal checks are beside the
    point instead of "12 bloquantes", and its page shows what the person wrote."""
    from intake.filing.worker import run_once
    from tests.worker.conftest import Box

    box = Box(tmp_path / "Maildir")
    box.deliver(b"From: Paul Martin <paul.martin@exemple.fr>\r\nTo: fabrique@anact.fr\r\n"
                 b"Subject: Question sur l'AMI\r\nMessage-ID: <question-1@exemple.fr>\r\n"
                 b"Date: Mon, 15 Aug 2022 10:00:00 +0200\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                 b"Bonjour,\r\n\r\nUne association peut-elle porter seule un projet ? Merci d'avance.\r\n\r\n"
                 b"Paul Martin\r\n")
    run_once(web_config, box.source(), engine, blobs)
    with engine.connect() as conn:
        ref = conn.execute(select(dossiers.c.reference).where(dossiers.c.decision == "not_a_proposal")).scalar()
    assert ref
    queue = secretariat.get("/").text
    row = queue[queue.index(f">{ref}<"):]
    row = row[:row.index("</tr>")]
    assert "sans objet : pas une candidature" in row and "bloquante" not in row
    page = secretariat.get(f"/dossiers/{ref}").text
    alerts = page[page.index('id="alertes"'):page.index('id="messages"')]
    assert "n'est pas une candidature" in alerts, alerts[:600]
    assert "Une association peut-elle porter seule un projet ?" in page


def test_a_dossier_without_a_budget_says_so_without_dashes(secretariat):
    """No budget read: "non trouvé", not "— (— du coût total de —)"."""
    from .conftest import SCANNED

    page = secretariat.get(f"/dossiers/{SCANNED}").text
    dd = page[page.index("<dt>Co-financement</dt>"):]
    dd = dd[:dd.index("</dd>")]
    assert "non trouvé" in dd and "du coût total de" not in dd


def test_a_note_is_edited_then_deleted_by_its_author_and_the_journal_keeps_both(secretariat, engine, app):
    from storage.schema import notes

    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    secretariat.post(f"/dossiers/{INCOMPLETE}/notes", data={"csrf_token": csrf_of(page),
                                                            "body": "Appelé le porteur : budget en cours."})
    with engine.connect() as conn:
        note = conn.execute(select(notes)).one()
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    assert f'action="/dossiers/{INCOMPLETE}/notes/{note.id}/edit"' in page
    # an empty text is refused beside the note, the page keeps the note
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/notes/{note.id}/edit", data={"csrf_token": csrf_of(page), "body": " "})
    assert r.status_code == 400 and f'id="err-note-{note.id}"' in r.text and "pour l&#39;ôter, supprimez-la" in r.text
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/notes/{note.id}/edit", follow_redirects=False, data={
        "csrf_token": csrf_of(page), "body": "Budget reçu par courrier le 22/08.", "comite": "1"})
    assert r.status_code == 303 and r.headers["location"].endswith("#notes")
    shown = secretariat.get(r.headers["location"]).text
    assert "Budget reçu par courrier le 22/08." in shown and "La note est modifiée" in shown
    journal = shown.split('id="journal"')[1]
    assert "Note modifiée" in journal and "Appelé le porteur : budget en cours." in journal
    assert "Budget reçu par courrier le 22/08. (pour le comité)" in journal
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/notes/{note.id}/delete", follow_redirects=False,
                         data={"csrf_token": csrf_of(shown)})
    assert r.status_code == 303
    after = secretariat.get(r.headers["location"]).text
    assert "Aucune note." in after and "Note supprimée" in after.split('id="journal"')[1]
    with engine.connect() as conn:
        assert conn.execute(select(notes)).all() == []
        actions = [a.action for a in conn.execute(select(audit_log).order_by(audit_log.c.id))]
    assert actions == ["note", "note_edited", "note_deleted"]


def test_only_the_author_edits_a_note(secretariat, engine, app):
    from fastapi.testclient import TestClient

    from storage.schema import notes

    from .conftest import ADMIN, login

    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    secretariat.post(f"/dossiers/{INCOMPLETE}/notes", data={"csrf_token": csrf_of(page), "body": "Ma note."})
    with engine.begin() as conn:
        note = conn.execute(select(notes)).one()
        from web.accounts import add_user
        add_user(conn, "autre@anact.test", "Autre Secrétariat", "secretariat", "mot-de-passe-de-test")
    with TestClient(app) as other:
        assert login(other, "autre@anact.test").status_code == 303
        page = other.get(f"/dossiers/{INCOMPLETE}").text
        assert f"/notes/{note.id}/edit" not in page
        r = other.post(f"/dossiers/{INCOMPLETE}/notes/{note.id}/delete", data={"csrf_token": csrf_of(page)})
        assert r.status_code == 400 and "Seul l&#39;auteur d&#39;une note" in r.text
    with TestClient(app) as admin:
        assert login(admin, ADMIN).status_code == 303
        page = admin.get(f"/dossiers/{INCOMPLETE}").text
        r = admin.post(f"/dossiers/{INCOMPLETE}/notes/{note.id}/delete", data={"csrf_token": csrf_of(page)},
                       follow_redirects=False)
        assert r.status_code == 303


def test_a_dossier_is_marked_reviewed_from_its_own_page(secretariat, engine):
    queue = secretariat.get("/?todo=1").text
    assert "« À traiter » : les dossiers incomplets ou à examiner" in queue  # the count explained
    assert f">{SCANNED}<" in queue
    page = secretariat.get(f"/dossiers/{SCANNED}").text
    assert "Pas encore marqué examiné" in page
    r = secretariat.post(f"/dossiers/{SCANNED}/reviewed", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert r.status_code == 303
    page = secretariat.get(r.headers["location"]).text
    assert "Le dossier est marqué examiné" in page and "Marqué examiné le" in page
    assert f'action="/dossiers/{SCANNED}/reviewed"' not in page  # nothing to mark until it changes
    assert f">{SCANNED}<" not in secretariat.get("/?todo=1").text
    with engine.connect() as conn:
        entry = conn.execute(select(audit_log)).one()
    assert entry.action == "reviewed" and entry.reason == "depuis le dossier"
