"""Revisions 0003 and 0004 build exactly the tables of storage/schema.py, and go down and up."""

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


def test_0004_goes_down_and_up(tmp_path):
    """The committee's release, the reviewed mark and the saved filters."""
    engine = open_db(f"sqlite:///{tmp_path / 'f.db'}")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
        assert "saved_filters" not in inspect(conn).get_table_names()
        assert "released_at" not in {c["name"] for c in inspect(conn).get_columns("dossiers")}
        command.upgrade(cfg, "head")
        assert {"released_at", "reviewed_at"} <= {c["name"] for c in inspect(conn).get_columns("dossiers")}
        assert "saved_filters" in inspect(conn).get_table_names()
    engine.dispose()


def test_0006_goes_down_and_up(tmp_path):
    """The secretariat's corrections of a dossier's facts."""
    engine = open_db(f"sqlite:///{tmp_path / 'f.db'}")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
        assert "dossier_corrections" not in inspect(conn).get_table_names()
        command.upgrade(cfg, "head")
        assert "dossier_corrections" in inspect(conn).get_table_names()
    engine.dispose()
