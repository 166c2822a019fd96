"""What the routers of the operations pages (emails, operations, committee, admin, bulk
actions, saved filters) share: a page rendered exactly as web.app renders its own (same
templates, style sheet and CSP hash), the service's configuration, the role a route asks
for, and an audit entry.

The configuration reaches the routes through `app.state`: `config` (intake's Config:
[call], [answers], [web]) and `worker_settings` (where the worker writes its health file,
after `--data`). `fabrique-intake web` sets both; without them a page says what it cannot
show instead of guessing another configuration.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy import Connection, insert

from intake.config import Config, ConfigError
from storage.queries import now
from storage.schema import audit_log

from .accounts import User


@lru_cache(maxsize=1)
def _templates():
    from .app import _environment  # web.app imports the routers lazily: no cycle

    return _environment()


def render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    """A page of templates/web/, with what base.html needs (style, user, CSRF token)."""
    env, css, _digest = _templates()
    session = getattr(request.state, "session", None)
    html = env.get_template(name).render(
        css=Markup(css), session=session, user=session.user if session else None,
        csrf=session.csrf_secret if session else "", request=request, **ctx)
    return HTMLResponse(html, status_code=status)


def user_of(request: Request) -> User:
    return request.state.session.user


def require_secretariat(request: Request) -> None:
    """A router dependency: the secretariat's work (and the admin's). web.app's guard
    already keeps the committee to its own pages; this holds even if that changes."""
    session = getattr(request.state, "session", None)
    if session is None or not session.user.can_act:
        raise HTTPException(403, "Cette page est réservée au secrétariat.")


def require_admin(request: Request) -> None:
    session = getattr(request.state, "session", None)
    if session is None or session.user.role != "admin":
        raise HTTPException(403, "La gestion des comptes est réservée à l'administrateur.")


# ------------------------------------------------------------------ configuration

def config_of(request: Request) -> Config | None:
    return getattr(request.app.state, "config", None)


def worker_settings_of(request: Request):
    return getattr(request.app.state, "worker_settings", None)


@dataclass(frozen=True)
class WebOptions:
    """config.toml [web]."""

    committee_sees_raw: bool = False


def web_options(config: Config | None) -> WebOptions:
    if config is None:
        return WebOptions()
    from intake.worker import config_data

    table = config_data(config).get("web", {})
    if not isinstance(table, dict):
        raise ConfigError("config: « web » doit être une table ([web]).")
    unknown = sorted(set(table) - {"committee_sees_raw"})
    if unknown:
        raise ConfigError(f"config: clé inconnue « web.{unknown[0]} » (clé possible : committee_sees_raw).")
    raw = table.get("committee_sees_raw", False)
    if not isinstance(raw, bool):
        raise ConfigError(f"config: « web.committee_sees_raw » doit valoir true ou false (lu : {raw!r}).")
    return WebOptions(committee_sees_raw=raw)


# ------------------------------------------------------------------ audit

def audit(conn: Connection, user: User | None, dossier_id: int | None, action: str, before=None, after=None,
          reason: str | None = None) -> None:
    """One line of the journal, in the caller's transaction (the change and its entry
    are committed together or not at all)."""
    conn.execute(insert(audit_log).values(
        at=now(), user_id=user.id if user else None, dossier_id=dossier_id, action=action,
        before=None if before is None else json.dumps(before, ensure_ascii=False),
        after=None if after is None else json.dumps(after, ensure_ascii=False), reason=reason or None))
