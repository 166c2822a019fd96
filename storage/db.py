"""Opening the database: SQLite (WAL) by default, PostgreSQL by URL, schema brought to
the latest Alembic revision on every open so a deployed service never runs on an old one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_URL = "sqlite:///var/fabrique.db"


def resolve_url(url: str, base: Path = REPO_ROOT) -> str:
    """A relative SQLite path is taken from `base` (the repository, or the config file's
    folder), not from wherever the command happens to run."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return url
    path = Path(u.database)
    if not path.is_absolute():
        path = base / path
    return u.set(database=str(path)).render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")   # readers (web app) never block the worker
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _no_nul(value):
    return value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value


def _postgres_text(conn, cursor, statement, parameters, context, executemany):
    """PostgreSQL text cannot hold U+0000 (SQLite can): a NUL in a header, a subject or an
    error message would fail the statement and leave its message stuck before the ledger.
    It is stored as U+FFFD, in every parameter, so lookups match what was written."""
    if isinstance(parameters, dict):
        parameters = {k: _no_nul(v) for k, v in parameters.items()}
    elif isinstance(parameters, list | tuple) and parameters and isinstance(parameters[0], dict):
        parameters = [{k: _no_nul(v) for k, v in p.items()} for p in parameters]
    elif isinstance(parameters, list | tuple):
        parameters = type(parameters)(_no_nul(v) for v in parameters)
    return statement, parameters


def upgrade(engine: Engine) -> None:
    """Run the Alembic migrations to head on this engine."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_db(url: str = DEFAULT_URL, *, base: Path = REPO_ROOT) -> Engine:
    """An engine on `url` whose schema is at the latest revision."""
    url = resolve_url(url, base)
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        if u.get_backend_name() == "postgresql":
            event.listen(engine, "before_cursor_execute", _postgres_text, retval=True)
    upgrade(engine)
    return engine
