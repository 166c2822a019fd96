"""Conflicts of interest on the web: each user declares their affiliations on their
account page (/compte); a committee member who opens a released dossier naming one of
them (applicant, partner, co-funder; matched by intake.committee.conflicts) is first shown a
warning, and opens the dossier only after confirming. The confirmation is kept
(conflict_confirmations) and written in the dossier's journal; it covers the
organisations shown then: a new match (a new affiliation, a corrected name) asks again.

A member may instead step aside ("je me déporte", recusals): the dossier is then hidden
from them on every committee page, export and PDF (`member_scope`), and its own pages
answer that they stepped aside. Both choices are in the dossier's journal.

Every committee page reads `member_scope` (what the user may see, and which dossiers to
mark); web.committee calls `member_gate` before showing a dossier.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.engine import Row

from intake.committee.conflicts import Match, match_affiliations, parse_affiliations
from intake.committee.summaries import organisation_names, stored_summary
from storage.queries import now
from storage.schema import conflict_confirmations, dossiers, recusals, users

from . import queries as wq
from .accounts import MIN_PASSWORD_LENGTH, AccountError, User, change_own_password
from .pages import audit, render, user_of

router = APIRouter()

ACCOUNT = "/compte"
PASSWORD = "/compte/mot-de-passe"
CONFLICT = "/committee/dossiers/{reference}/conflit"
STEP_ASIDE = "/committee/dossiers/{reference}/deport"
PACK_CONFLICTS = "/committee/conflits"
# Routes a committee account may use besides web.committee's pages: (method, path).
COMMITTEE_ROUTES: frozenset[tuple[str, str]] = frozenset({
    ("GET", ACCOUNT), ("POST", ACCOUNT), ("POST", PASSWORD), ("GET", CONFLICT), ("POST", CONFLICT), ("POST", STEP_ASIDE),
    ("GET", PACK_CONFLICTS),
})
MAX_AFFILIATIONS = 100
MAX_LINE = 300


# ------------------------------------------------------------------ helpers for web.committee

def affiliations_of(conn: Connection, user: User) -> list[str]:
    """What the user declared (read now: the session's User does not carry it)."""
    return parse_affiliations(conn.execute(select(users.c.affiliations).where(users.c.id == user.id)).scalar())


def dossier_names(d: Row) -> list[str]:
    """The organisations a dossier names: applicant (from its summary), partners,
    co-funders."""
    summary = stored_summary(d) or {}
    return organisation_names((summary.get("identity") or {}).get("applicant"), _data(d))


def conflict_url(reference: str) -> str:
    return f"/committee/dossiers/{quote(reference)}/conflit"


def conflict_gate(request: Request, conn: Connection, d_row: Row, names: list[str]) -> Response | None:
    """A redirect to the warning when the current user's affiliations match a name of
    this dossier that they have not confirmed yet; None to go on to the dossier."""
    user = user_of(request)
    matches = match_affiliations(affiliations_of(conn, user), names)
    if not matches or _confirmed(conn, user, d_row, matches):
        return None
    return RedirectResponse(conflict_url(d_row.reference), status_code=303)


def member_gate(request: Request, conn: Connection, d_row: Row) -> Response | None:
    """The conflict warning a committee member must pass before a released dossier (its
    page, its PDF, its original emails); the page saying they stepped aside from it; the
    secretariat goes straight on."""
    user = user_of(request)
    if user.can_act:
        return None
    aside = _recusal(conn, user, d_row)
    if aside is not None:
        return render(request, "conflict.html", 403, d=d_row, aside=aside, rows=[], affiliations=[],
                      confirmation=None, covered=False, action="")
    return conflict_gate(request, conn, d_row, dossier_names(d_row))


@dataclass(frozen=True)
class MemberScope:
    """What one user sees of the released dossiers: `hidden`, the references they stepped
    aside from (gone from every committee page, export and PDF); `marked`, reference -> the
    organisations matching their affiliations, for the others (a marker wherever shown);
    `unresolved`, the marked references they have neither confirmed nor stepped aside from."""

    hidden: frozenset[str] = frozenset()
    marked: dict[str, list[Match]] = field(default_factory=dict)
    unresolved: tuple[str, ...] = ()

    def shows(self, reference: str) -> bool:
        return reference not in self.hidden

    def marker(self, reference: str) -> str:
        """The marker's words for a dossier ("" when none)."""
        names = list(dict.fromkeys(m.name for m in self.marked.get(reference, [])))
        return f"Conflit d'intérêts possible : {', '.join(names)}" if names else ""


def member_scope(conn: Connection, user: User) -> MemberScope:
    """The user's scope over the released dossiers (one place every committee page reads)."""
    aside = {r.reference for r in conn.execute(
        select(dossiers.c.reference).join(recusals, recusals.c.dossier_id == dossiers.c.id)
        .where(recusals.c.user_id == user.id))}
    rows = [d for d in conn.execute(select(dossiers).where(dossiers.c.released_at.is_not(None))
                                    .order_by(dossiers.c.reference)) if d.reference not in aside]
    marked = conflicts_for(conn, user, [{"d": d} for d in rows])
    unresolved = tuple(d.reference for d in rows
                       if d.reference in marked and not _confirmed(conn, user, d, marked[d.reference]))
    return MemberScope(frozenset(aside), marked, unresolved)


def conflicts_for(conn: Connection, user: User, views: list[dict]) -> dict[str, list[Match]]:
    """reference -> the user's matches, for the dossiers that have one. A view is
    intake.committee.summaries.committee_view's dict (reference, names) or a web.committee list
    row ({"d": row, ...})."""
    affiliations = affiliations_of(conn, user)
    if not affiliations:
        return {}
    out: dict[str, list[Match]] = {}
    for v in views:
        d = v.get("d")
        reference = v.get("reference") or (d.reference if d is not None else None)
        names = v.get("names")
        if names is None:
            names = dossier_names(d) if d is not None else []
        found = match_affiliations(affiliations, names)
        if reference and found:
            out[reference] = found
    return out


def _data(d: Row) -> dict:
    try:
        return json.loads(d.dossier_json or "{}")
    except ValueError:
        return {}


def _confirmation(conn: Connection, user: User, d: Row) -> Row | None:
    return conn.execute(select(conflict_confirmations).where(
        conflict_confirmations.c.user_id == user.id, conflict_confirmations.c.dossier_id == d.id)).first()


def _confirmed(conn: Connection, user: User, d: Row, matches: list[Match]) -> bool:
    row = _confirmation(conn, user, d)
    if row is None:
        return False
    return {m.name for m in matches} <= set(row.names.splitlines())


def _recusal(conn: Connection, user: User, d: Row) -> Row | None:
    return conn.execute(select(recusals).where(recusals.c.user_id == user.id, recusals.c.dossier_id == d.id)).first()


def _released(conn: Connection, reference: str) -> Row:
    d = wq.dossier_by_reference(conn, reference)
    if d is None or d.released_at is None:
        raise HTTPException(404)
    return d


def _roles(d: Row) -> dict[str, str]:
    """casefolded name -> its place in the proposal, in French."""
    data = _data(d)
    summary = stored_summary(d) or {}
    out: dict[str, str] = {}
    for src in ((data.get("budget") or {}).get("cofinancing") or {}).get("sources") or []:
        out.setdefault((src.get("label") or "").strip().casefold(), "co-financeur")
    for p in data.get("partners") or []:
        out[(p.get("name") or "").strip().casefold()] = "partenaire"
    applicant = ((summary.get("identity") or {}).get("applicant") or "").strip().casefold()
    if applicant:
        out[applicant] = "porteur du projet"
    return out


# ------------------------------------------------------------------ the warning

def _matched(conn: Connection, user: User, reference: str) -> tuple[Row, list[str], list[Match]]:
    """The released dossier, the user's affiliations and the names of it they match."""
    d = _released(conn, reference)
    affiliations = affiliations_of(conn, user)
    return d, affiliations, match_affiliations(affiliations, dossier_names(d))


@router.get(CONFLICT, response_class=HTMLResponse)
def conflict_page(request: Request, reference: str):
    user = user_of(request)
    with request.app.state.db.connect() as conn:
        d, affiliations, matches = _matched(conn, user, reference)
        confirmation = _confirmation(conn, user, d)
        covered = _confirmed(conn, user, d, matches)
        aside = _recusal(conn, user, d)
    if aside is not None:
        return render(request, "conflict.html", 403, d=d, aside=aside, rows=[], affiliations=[],
                      confirmation=None, covered=False, action="")
    if not matches:  # nothing to warn about (any more)
        return RedirectResponse(f"/committee/dossiers/{quote(d.reference)}", status_code=303)
    roles = _roles(d)
    rows = [{"match": m, "role": roles.get(m.name.casefold(), "organisation citée")} for m in matches]
    return render(request, "conflict.html", d=d, rows=rows, affiliations=affiliations, aside=None,
                  confirmation=confirmation, covered=covered, action=conflict_url(d.reference),
                  step_aside=STEP_ASIDE.format(reference=quote(d.reference)),
                  back=request.query_params.get("retour", ""))


@router.post(CONFLICT)
def confirm_conflict(request: Request, reference: str, retour: str = Form("")):
    user = user_of(request)
    with request.app.state.db.begin() as conn:
        d, _affiliations, matches = _matched(conn, user, reference)
        if matches:
            names = list(dict.fromkeys(m.name for m in matches))
            row = _confirmation(conn, user, d)
            if row is None:
                conn.execute(insert(conflict_confirmations).values(
                    user_id=user.id, dossier_id=d.id, names="\n".join(names), confirmed_at=now()))
            else:  # confirming again, for newly matched names: they join those confirmed
                merged = list(dict.fromkeys(row.names.splitlines() + names))
                conn.execute(update(conflict_confirmations).where(conflict_confirmations.c.id == row.id)
                             .values(names="\n".join(merged), confirmed_at=now()))
            audit(conn, user, d.id, "conflict_confirmed", after={
                "organisations": names,
                "affiliations": list(dict.fromkeys(m.affiliation for m in matches))})
    if retour == "pack":
        return RedirectResponse(PACK_CONFLICTS, status_code=303)
    return RedirectResponse(f"/committee/dossiers/{quote(d.reference)}", status_code=303)


@router.post(STEP_ASIDE)
def step_aside(request: Request, reference: str, retour: str = Form("")):
    """The member steps aside: the dossier is hidden from them everywhere from now on."""
    user = user_of(request)
    with request.app.state.db.begin() as conn:
        d, _affiliations, matches = _matched(conn, user, reference)
        if _recusal(conn, user, d) is None:
            names = list(dict.fromkeys(m.name for m in matches))
            conn.execute(insert(recusals).values(user_id=user.id, dossier_id=d.id, names="\n".join(names),
                                                 stepped_aside_at=now()))
            audit(conn, user, d.id, "conflict_stepped_aside", after={
                "organisations": names, "affiliations": list(dict.fromkeys(m.affiliation for m in matches))})
    target = PACK_CONFLICTS if retour == "pack" else "/committee"
    return RedirectResponse(f"{target}?fait=deporte&ref={quote(d.reference)}", status_code=303)


@router.get(PACK_CONFLICTS, response_class=HTMLResponse)
def pack_conflicts(request: Request):
    """Before the meeting's pack: every dossier in it that names one of the member's
    affiliations, each to confirm or step aside from, then the pack."""
    user = user_of(request)
    with request.app.state.db.connect() as conn:
        scope = member_scope(conn, user)
        rows = [] if not scope.marked else list(conn.execute(
            select(dossiers).where(dossiers.c.reference.in_(list(scope.marked))).order_by(dossiers.c.reference)))
    return render(request, "pack_conflicts.html", rows=rows, scope=scope,
                  stepped=request.query_params.get("ref", "") if request.query_params.get("fait") == "deporte" else "")


# ------------------------------------------------------------------ the account page

@router.post(PASSWORD)
def change_password(request: Request, current: str = Form(""), new: str = Form(""), repeated: str = Form("")):
    """The user's own password; the page says which field is wrong (passwords are never
    sent back into the form)."""
    session = request.state.session
    try:
        with request.app.state.db.begin() as conn:
            change_own_password(conn, session, current, new, repeated)
            audit(conn, session.user, None, "password_changed")
    except AccountError as e:
        return _account_page(request, status=400, password_error=f"Mot de passe inchangé : {e}",
                             password_field=e.field)
    return RedirectResponse(f"{ACCOUNT}?fait=mot-de-passe#mot-de-passe", status_code=303)



def _account_page(request: Request, *, text: str | None = None, error: str = "", status: int = 200,
                  password_error: str = "", password_field: str = ""):
    user = user_of(request)
    with request.app.state.db.connect() as conn:
        affiliations = affiliations_of(conn, user)
        flagged = member_scope(conn, user).marked
    notice = {"affiliations": "Vos affiliations sont enregistrées.",
              "mot-de-passe": "Votre mot de passe est changé. Vos autres sessions sont fermées."
              }.get(request.query_params.get("fait", ""), "")
    return render(request, "account.html", status, affiliations=affiliations,
                  text="\n".join(affiliations) if text is None else text, flagged=flagged,
                  notice=notice, error=error, max_affiliations=MAX_AFFILIATIONS,
                  password_error=password_error, password_field=password_field, min_length=MIN_PASSWORD_LENGTH)


@router.get(ACCOUNT, response_class=HTMLResponse)
def account(request: Request):
    return _account_page(request)


@router.post(ACCOUNT)
def save_affiliations(request: Request, affiliations: str = Form("")):
    user = user_of(request)
    declared = parse_affiliations(affiliations)
    if len(declared) > MAX_AFFILIATIONS:
        return _account_page(request, text=affiliations, status=400,
                             error=f"Déclarez au plus {MAX_AFFILIATIONS} organisations.")
    long = next((a for a in declared if len(a) > MAX_LINE), None)
    if long is not None:
        return _account_page(request, text=affiliations, status=400,
                             error=f"Une ligne dépasse {MAX_LINE} caractères : une organisation par ligne.")
    with request.app.state.db.begin() as conn:
        before = affiliations_of(conn, user)
        if before != declared:
            conn.execute(update(users).where(users.c.id == user.id)
                         .values(affiliations="\n".join(declared) or None))
            audit(conn, user, None, "affiliations_declared", before={"affiliations": before},
                  after={"affiliations": declared})
    return RedirectResponse(f"{ACCOUNT}?fait=affiliations", status_code=303)
