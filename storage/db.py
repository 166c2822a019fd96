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
    upgrade(engine)
    return engine
