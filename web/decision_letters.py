"""The letters that announce the committee's decisions: prepared by the secretariat from
/committee/selection, one per dossier retenu or non retenu, held in the outbox for a
person to read and approve on the email's page (web.emails: the preview with its
recipient), then sent by the worker's sender, threaded to the applicant's own emails
(In-Reply-To, References). A letter not sent yet is withdrawn when it is prepared again
(the decision changed); a letter already sent is never sent twice. Each step journaled.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.engine import Row

from intake.answering.answers import compose, incoming_from_raw
from intake.answering.mail_settings import answer_settings
from intake.config import config_data
from storage import queries as sq
from storage.queries import now
from storage.schema import HELD, QUEUED, SENT, WITHDRAWN, dossiers, outbox, selections

from .pages import audit, config_of, require_secretariat, user_of

router = APIRouter(dependencies=[Depends(require_secretariat)])

LETTERS = "/committee/selection/lettres"
KIND_OF = {"retenu": "selected", "non_retenu": "not_selected"}
HOLD_NOTE = "Lettre de décision du comité : à relire, puis à valider pour l'envoyer."


def letters_of(conn: Connection) -> dict[int, Row]:
    """dossier id -> its latest decision letter (any state but withdrawn)."""
    rows = conn.execute(select(outbox).where(outbox.c.kind.in_(tuple(KIND_OF.values())),
                                             outbox.c.state != WITHDRAWN).order_by(outbox.c.id))
    return {r.dossier_id: r for r in rows}


def prepare_letters(conn: Connection, request: Request) -> tuple[int, list[str]]:
    """Compose and hold a letter for every decided dossier (retenu, non retenu) that has
    none matching its decision; returns (prepared, references skipped with why)."""
    config = config_of(request)
    if config is None:
        return 0, ["configuration de l'appel absente"]
    settings = answer_settings(config_data(config))
    blobs, user = request.app.state.blobs, user_of(request)
    existing = letters_of(conn)
    done, skipped = 0, []
    for s in conn.execute(select(selections, dossiers.c.reference, dossiers.c.dossier_json)
                          .join(dossiers, dossiers.c.id == selections.c.dossier_id).order_by(dossiers.c.reference)):
        kind = KIND_OF.get(s.decision)
        if kind is None:
            continue  # liste d'attente: no letter until the committee decides
        old = existing.get(s.dossier_id)
        if old is not None and old.state == SENT:
            if old.kind != kind:
                skipped.append(f"{s.reference} (une lettre a déjà été envoyée : écrivez au porteur)")
            continue
        first = sq.linked_messages(conn, s.dossier_id)
        if not first:
            skipped.append(f"{s.reference} (aucun courriel du porteur)")
            continue
        last = first[-1]
        try:
            incoming = incoming_from_raw(blobs.get(last.sha256), last.internaldate, config.call)
            letter = compose(kind, json.loads(s.dossier_json), s.reference, incoming, settings, config.call,
                             now=now(), decision={"amount": s.amount, "consensus": s.consensus,
                                                  "share_consensus": s.share_consensus})
        except Exception as e:  # noqa: BLE001 - one dossier's unusable address or pruned email
            skipped.append(f"{s.reference} ({type(e).__name__})")
            continue
        if old is not None and old.state in (HELD, QUEUED):
            conn.execute(update(outbox).where(outbox.c.id == old.id).values(
                state=WITHDRAWN, last_error="Retirée : une nouvelle lettre a été préparée.", updated_at=now()))
        sha = blobs.put(letter.raw)
        t = now()
        oid = sq.inserted_id(conn.execute(insert(outbox).values(
            dossier_id=s.dossier_id, answers_message=last.id, kind=kind, decision=None, recipient=letter.to,
            subject=letter.subject, email_message_id=letter.message_id, raw_sha256=sha, state=HELD, attempts=0,
            last_error=HOLD_NOTE, created_at=t, updated_at=t)))
        audit(conn, user, s.dossier_id, "letter_prepared", None, {"email": oid, "kind": kind, "state": HELD})
        done += 1
    return done, skipped


@router.post(LETTERS)
def prepare(request: Request):
    with request.app.state.db.begin() as conn:
        n, skipped = prepare_letters(conn, request)
    params = f"fait=lettres&n={n}" + (f"&sans={len(skipped)}" if skipped else "")
    return RedirectResponse(f"/committee/selection?{params}#lettres", status_code=303)
