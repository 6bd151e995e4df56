"""Alembic, driven from code: ``board db upgrade`` and the test fixtures use this."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from .db import normalise_url

MIGRATIONS = Path(__file__).parent / "migrations"
# Full-text search objects (migration 0005) are each backend's own and not in the models.
SEARCH_PREFIX = "search_"


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Whether model comparisons (autogenerate, tests) look at a database object: not the search index."""
    return not (name or "").startswith(SEARCH_PREFIX)


def alembic_config(url: str) -> Config:
    """An Alembic config for the database at ``url``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Autogenerate a migration from the models (developers only)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
