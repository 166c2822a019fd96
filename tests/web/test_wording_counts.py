"""Every page of the app rendered with no dossier, one and several (and, within the five
the worker filed, decisions counted 0, 1 and 2), its visible text checked for French
agreement (tests/french.py): "1 dossier", "2 dossiers", never "2 dossier" nor "les 1
dossier"."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update

from storage.schema import (
    audit_log,
    conflict_confirmations,
    dossier_corrections,
    dossier_messages,
    dossiers,
    flag_overrides,
    funding_picks,
    notes,
    outbox,
    recusals,
)
from tests.french import agreement_problems, visible_text

from .conftest import ADMIN, COMPLETE_DOCX, INCOMPLETE, SCANNED, csrf_of, login

# What each state keeps of the five dossiers (None: all of them).
STATES = {"aucun dossier": [], "un dossier": [INCOMPLETE], "deux dossiers": [INCOMPLETE, SCANNED],
          "cinq dossiers": None}
PAGES = ["/", "/?todo=1", "/?decision=complete", "/?q=introuvable", "/emails", "/emails?etat=held",
         "/operations", "/committee", "/committee/comparaison", "/committee/simulation", "/compte",
         "/admin/users", "/committee/conflits", "/committee/selection"]


def keep_only(engine, references: list[str] | None) -> None:
    """Delete the other dossiers with everything that points at them; release the rest."""
    with engine.begin() as conn:
        if references is not None:
            gone = [r.id for r in conn.execute(select(dossiers.c.id).where(dossiers.c.reference.notin_(references)))]
            for table in (dossier_messages, outbox, flag_overrides, notes, audit_log, dossier_corrections,
                          conflict_confirmations, recusals, funding_picks):
                conn.execute(delete(table).where(table.c.dossier_id.in_(gone)))
            conn.execute(delete(dossiers).where(dossiers.c.id.in_(gone)))
        conn.execute(update(dossiers).values(released_at=dossiers.c.first_received))


@pytest.mark.parametrize("state", list(STATES))
def test_every_page_agrees_with_its_counts(app, engine, state):
    keep_only(engine, STATES[state])
    with TestClient(app) as client:
        assert login(client, ADMIN).status_code == 303
        pages = {url: client.get(url) for url in PAGES}
        kept = STATES[state] if STATES[state] is not None else [COMPLETE_DOCX, INCOMPLETE, SCANNED]
        for ref in kept:
            pages[f"/dossiers/{ref}"] = client.get(f"/dossiers/{ref}")
            pages[f"/committee/dossiers/{ref}"] = client.get(f"/committee/dossiers/{ref}")
        with engine.connect() as conn:
            mails = [m.id for m in conn.execute(select(outbox.c.id))]
        for m in mails[:3]:
            pages[f"/emails/{m}"] = client.get(f"/emails/{m}")
        token = csrf_of(pages["/"].text)
        pages["bulk approval preview"] = client.post("/queue/bulk", data={
            "csrf_token": token, "action": "approve", "ref": kept or ["FAB-2022-9999"]})
    problems = []
    for url, r in pages.items():
        assert r.status_code == 200, (state, url, r.status_code)
        problems += [f"{url} : {p}" for p in agreement_problems(visible_text(r.text))]
    assert not problems, f"{state}:\n" + "\n".join(problems)
