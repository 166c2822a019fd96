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

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from sqlalchemy import Connection, insert

from intake import vocabulary
from intake.config import Config, ConfigError, config_data
from parsers.dates import describe_schedule
from storage.queries import now
from storage.schema import audit_log

from .accounts import ROLE_LABELS, User
from .search import marked

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "web"


@dataclass(frozen=True)
class PageTemplates:
    """The web app's one Jinja2 environment, its style sheet and the sheet's CSP hash."""
    env: Environment
    css: str
    css_hash: str

    def csp(self, extra: str = "") -> str:
        return (f"default-src 'none'; style-src 'sha256-{self.css_hash}'; img-src 'self' data:; {extra}"
                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def page_templates(call=None) -> PageTemplates:
    """templates/web, and templates/summary for the committee summary shared with the
    PDFs; the call's part and category titles (config.toml) as the pages' words."""
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES)),
                                           PrefixLoader({"summary": FileSystemLoader(str(TEMPLATES.parent / "summary"))})]),
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(paris=vocabulary.paris, euros=vocabulary.euros, percent=vocabulary.percent,
                       calendar=describe_schedule, marked=marked)  # web.search: the search's words
    categories = vocabulary.category_labels(call)
    env.globals.update(L=vocabulary, ROLE_LABELS=ROLE_LABELS,
                       category_label=lambda cat: categories.get(cat, cat),
                       flag_target=lambda code, target: vocabulary.flag_target_label(code, target, call),
                       file_kind=vocabulary.file_kind)
    # the app's style, then the committee summary's (shared with the PDFs) sized for screens
    css = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in (
        "app.css", "../summary/summary.css", "summary-web.css"))
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return PageTemplates(env, css, digest)


@lru_cache(maxsize=1)
def _default_templates() -> PageTemplates:
    return page_templates()


def templates_of(request: Request) -> PageTemplates:
    """The environment web.app built for its call (`app.state.templates`)."""
    return getattr(request.app.state, "templates", None) or _default_templates()


def render(request: Request, template: str, status: int = 200, /, **ctx) -> HTMLResponse:
    """A page of templates/web/, with what base.html needs (style, user, CSRF token)."""
    templates = templates_of(request)
    session = getattr(request.state, "session", None)
    html = templates.env.get_template(template).render(
        css=Markup(templates.css), session=session, user=session.user if session else None,
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
