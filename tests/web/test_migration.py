"""Revision 0003 builds exactly the tables of storage/schema.py, and goes down and up."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.db import MIGRATIONS, open_db
from storage.schema import metadata

NEW_TABLES = {"users", "sessions", "login_attempts", "flag_overrides", "notes", "audit_log"}


def test_migrations_match_the_schema(tmp_path):
    engine = open_db(f"sqlite:///{tmp_path / 'f.db'}")
    with engine.connect() as conn:
        assert NEW_TABLES <= set(inspect(conn).get_table_names())
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []


def test_0003_goes_down_and_up(tmp_path):
    engine = open_db(f"sqlite:///{tmp_path / 'f.db'}")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        assert not NEW_TABLES & set(inspect(conn).get_table_names())
        command.upgrade(cfg, "head")
        assert NEW_TABLES <= set(inspect(conn).get_table_names())
    engine.dispose()
