"""full-text search

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:10:00

Each backend indexes with its own engine; the models do not describe these objects (their names all
start with ``search_``, which ``board.migrate.include_name`` leaves out of model comparisons).

- SQLite: one FTS5 table per source (``search_cards``, ``search_comments``, ``search_library``),
  external-content over a view (``search_*_src``) that shapes the row as indexed (a card's body
  fields in one column, tags as ``#tag`` words), kept current by triggers on the source table.
  Rows are matched by ``rowid``: a migration that rebuilds ``cards``, ``comments`` or
  ``library_entries`` (Alembic batch mode on SQLite) drops these triggers and renumbers rowids, so
  it must recreate them and refill the index: ``INSERT INTO search_x(search_x) VALUES('delete-all')``,
  then ``INSERT INTO search_x(rowid, title, body, tags) SELECT * FROM search_x_src`` (FTS5's own
  'rebuild' fails on a view that calls ``json_each``).
- PostgreSQL: a generated ``search_vector`` tsvector column on each source table (title weight A,
  tags B, body C) with a GIN index.
"""
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

CARD_BODY = ("text", "persona", "situation", "struggle", "outcome", "hypothesis", "test", "metric",
             "criterion", "observed", "learned")
# index name -> (source table, title column or None, body columns, tags column or None)
SOURCES = {
    "search_cards": ("cards", "title", CARD_BODY, "tags"),
    "search_comments": ("comments", None, ("text",), None),
    "search_library": ("library_entries", "title", ("hypothesis", "learning"), "tags"),
}


def _sqlite_upgrade(name: str, table: str, title: str | None, body: tuple, tags: str | None) -> None:
    body_sql = " || char(10) || ".join(f"coalesce({table}.{c}, '')" for c in body)
    title_sql = f"coalesce({table}.{title}, '')" if title else "''"
    tags_sql = (f"coalesce((SELECT group_concat('#' || value, ' ') FROM json_each({table}.{tags})), '')"
                if tags else "''")
    op.execute(f"CREATE VIEW {name}_src AS SELECT {table}.rowid AS src_rowid, {title_sql} AS title, "
               f"{body_sql} AS body, {tags_sql} AS tags FROM {table}")
    op.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(title, body, tags, content='{name}_src', "
               f"content_rowid='src_rowid', tokenize='porter unicode61 remove_diacritics 2')")
    watched = ", ".join(c for c in (title, *body, tags) if c)
    columns = "rowid, title, body, tags"
    removes = (f"INSERT INTO {name}({name}, {columns}) SELECT 'delete', src_rowid, title, body, tags "
               f"FROM {name}_src WHERE src_rowid = old.rowid;")
    adds = f"INSERT INTO {name}({columns}) SELECT src_rowid, title, body, tags FROM {name}_src WHERE src_rowid = new.rowid;"
    # the index forgets a row's old form before it changes (read through the view), learns the new one after
    op.execute(f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN {adds} END")
    op.execute(f"CREATE TRIGGER {name}_bd BEFORE DELETE ON {table} BEGIN {removes} END")
    op.execute(f"CREATE TRIGGER {name}_bu BEFORE UPDATE OF {watched} ON {table} BEGIN {removes} END")
    op.execute(f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {table} BEGIN {adds} END")
    op.execute(f"INSERT INTO {name}({columns}) SELECT src_rowid, title, body, tags FROM {name}_src")


def _pg_upgrade(name: str, table: str, title: str | None, body: tuple, tags: str | None) -> None:
    parts = []
    if title:
        parts.append(f"setweight(to_tsvector('english'::regconfig, coalesce({title}, '')), 'A')")
    if tags:  # jsonb prints non-ASCII tags as they are (the json column may hold \\u escapes)
        parts.append(f"setweight(to_tsvector('english'::regconfig, "
                     f"translate(coalesce({tags}::jsonb::text, ''), '[]\",', '    ')), 'B')")
    body_sql = " || ' ' || ".join(f"coalesce({c}, '')" for c in body)
    parts.append(f"setweight(to_tsvector('english'::regconfig, {body_sql}), 'C')")
    op.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
               f"GENERATED ALWAYS AS ({' || '.join(parts)}) STORED")
    op.execute(f"CREATE INDEX {name}_gin ON {table} USING gin (search_vector)")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, (table, title, body, tags) in SOURCES.items():
        if dialect == "sqlite":
            _sqlite_upgrade(name, table, title, body, tags)
        elif dialect == "postgresql":
            _pg_upgrade(name, table, title, body, tags)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, (table, *_rest) in SOURCES.items():
        if dialect == "sqlite":
            for suffix in ("ai", "bd", "bu", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {name}")
            op.execute(f"DROP VIEW IF EXISTS {name}_src")
        elif dialect == "postgresql":
            op.execute(f"DROP INDEX IF EXISTS {name}_gin")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
