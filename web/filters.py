"""Saved queue filters: each secretariat user names the queue's current filters (the
URL parameters of its GET form: decision, flag, dates, "à traiter", search, sort) and
finds them again as links above the queue. Per user: nobody sees or deletes another's."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import Connection, delete, insert, select, update

from storage.queries import now
from storage.schema import saved_filters

from . import queries as wq
from .pages import require_secretariat, user_of

router = APIRouter(dependencies=[Depends(require_secretariat)])

MAX_NAME = 100
MAX_PER_USER = 50


def clean_params(query: str) -> str:
    """A queue query string as the queue reads it (unknown or invalid values dropped),
    without its page number."""
    return urlencode(wq.QueueFilters.from_params(dict(parse_qsl(query or ""))).params(page=""))


def of_user(conn: Connection, user_id: int) -> list:
    return list(conn.execute(select(saved_filters).where(saved_filters.c.user_id == user_id)
                             .order_by(saved_filters.c.name)))


def save(conn: Connection, user_id: int, name: str, query: str) -> str:
    """Save (or replace) the filter `name`; returns its query string."""
    name = " ".join((name or "").split())
    if not name:
        raise wq.ActionError("Donnez un nom au filtre.")
    if len(name) > MAX_NAME:
        raise wq.ActionError(f"Nom trop long ({MAX_NAME} caractères au plus).")
    params = clean_params(query)
    old = conn.execute(select(saved_filters.c.id).where(saved_filters.c.user_id == user_id,
                                                        saved_filters.c.name == name)).first()
    if old is not None:
        conn.execute(update(saved_filters).where(saved_filters.c.id == old.id).values(params=params))
    elif len(of_user(conn, user_id)) >= MAX_PER_USER:
        raise wq.ActionError(f"{MAX_PER_USER} filtres enregistrés au plus : supprimez-en un d'abord.")
    else:
        conn.execute(insert(saved_filters).values(user_id=user_id, name=name, params=params, created_at=now()))
    return params


@router.post("/filters")
def save_filter(request: Request, name: str = Form(""), params: str = Form("")):
    try:
        with request.app.state.db.begin() as conn:
            query = save(conn, user_of(request).id, name, params)
    except wq.ActionError as e:
        raise HTTPException(400, str(e)) from e
    return RedirectResponse("/?" + (query + "&" if query else "") + "fait=filtre", status_code=303)


@router.post("/filters/{filter_id}/delete")
def delete_filter(request: Request, filter_id: int):
    with request.app.state.db.begin() as conn:
        r = conn.execute(delete(saved_filters).where(saved_filters.c.id == filter_id,
                                                     saved_filters.c.user_id == user_of(request).id))
    if r.rowcount != 1:
        raise HTTPException(404)
    return RedirectResponse("/?fait=filtre-supprime", status_code=303)
