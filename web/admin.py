"""Accounts, for the admin role only: list, create (with a generated password shown
once, on the answer to the form, never stored in clear nor in the URL), give a new
password, disable (the account's sessions end at once). Each change is in the journal
(without a dossier), as `fabrique-intake users` writes it."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from storage.schema import ROLES, users

from .accounts import (
    AccountError,
    add_user,
    disable_user,
    list_users,
    normalise_email,
    set_password,
)
from .pages import audit, render, require_admin, user_of

router = APIRouter(dependencies=[Depends(require_admin)])


def generated_password() -> str:
    return secrets.token_urlsafe(15)  # 20 characters, 120 bits


def users_page(request: Request, *, status: int = 200, error: str = "", notice: str = "", shown: dict | None = None,
               form: dict | None = None) -> HTMLResponse:
    with request.app.state.db.connect() as conn:
        rows = list_users(conn)
    return render(request, "users.html", status, rows=rows, roles=ROLES, error=error, notice=notice, shown=shown,
                  form=form or {"role": "secretariat"})


@router.get("/admin/users", response_class=HTMLResponse)
def users_list(request: Request):
    return users_page(request)


@router.post("/admin/users", response_class=HTMLResponse)
def create_user(request: Request, email: str = Form(""), name: str = Form(""), role: str = Form("secretariat")):
    password = generated_password()
    try:
        with request.app.state.db.begin() as conn:
            add_user(conn, email, name, role, password)
            audit(conn, user_of(request), None, "user_added", None, {"email": normalise_email(email), "role": role},
                  "page des comptes")
    except AccountError as e:
        return users_page(request, status=400, error=f"Compte non créé : {e}",
                          form={"email": email, "name": name, "role": role})
    return users_page(request, notice=f"Compte créé : {normalise_email(email)}.",
                      shown={"email": normalise_email(email), "password": password})


def _target(conn, user_id: int):
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise HTTPException(404)
    return row


@router.post("/admin/users/{user_id}/disable", response_class=HTMLResponse)
def disable(request: Request, user_id: int):
    me = user_of(request)
    if user_id == me.id:
        return users_page(request, status=400, error="Vous ne pouvez pas désactiver votre propre compte.")
    with request.app.state.db.begin() as conn:
        row = _target(conn, user_id)
        disable_user(conn, row.email)
        audit(conn, me, None, "user_disabled", None, {"email": row.email}, "page des comptes")
    return users_page(request, notice=f"Compte désactivé : {row.email} (ses sessions sont fermées).")


@router.post("/admin/users/{user_id}/password", response_class=HTMLResponse)
def new_password(request: Request, user_id: int):
    """A new generated password; the account is active again and its sessions end."""
    me = user_of(request)
    if user_id == me.id:  # it would end this very session
        return users_page(request, status=400, error="Un nouveau mot de passe pour votre propre compte "
                                                     "fermerait cette session : demandez-le à un autre administrateur.")
    password = generated_password()
    with request.app.state.db.begin() as conn:
        row = _target(conn, user_id)
        set_password(conn, row.email, password)
        audit(conn, me, None, "user_password", None, {"email": row.email}, "page des comptes")
    return users_page(request, notice=f"Nouveau mot de passe pour {row.email}.",
                      shown={"email": row.email, "password": password})
