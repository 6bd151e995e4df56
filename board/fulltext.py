"""Full-text matching on each backend's own engine: SQLite FTS5 or PostgreSQL tsvector/tsquery.

The index objects are made by migration 0005 (names ``search_*``). Users' words never reach either
query language as syntax: ``words`` keeps letters and digits only, each becomes a quoted term (FTS5)
or a bare lexeme (tsquery), all of them required, and the last one also matches as a prefix
("prefi" finds "prefill"). Matches are marked in snippets with ``START`` and ``STOP``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, column, func, literal_column, table

from .db import session

WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 12
START, STOP = "\x02", "\x03"  # control characters: never in the text a snippet is cut from
HEADLINE = f"StartSel={START}, StopSel={STOP}, MaxFragments=1, MaxWords=24, MinWords=10, ShortWord=2"


@dataclass(frozen=True)
class Source:
    """One indexed table: its FTS5 table (SQLite), and the columns a snippet is cut from (PostgreSQL)."""

    table: str
    index: str
    title: str | None
    body: tuple[str, ...]
    tags: str | None


CARD_BODY = ("text", "persona", "situation", "struggle", "outcome", "hypothesis", "test", "metric",
             "criterion", "observed", "learned")
CARDS = Source("cards", "search_cards", "title", CARD_BODY, "tags")
COMMENTS = Source("comments", "search_comments", None, ("text",), None)
LIBRARY = Source("library_entries", "search_library", "title", ("hypothesis", "learning"), "tags")
# relative weight of a match in the title, the body and the tags (SQLite bm25 column weights)
WEIGHTS = (4.0, 1.0, 2.0)


def words(q: str) -> list[str]:
    """The searchable words of a query: letters and digits only, lower-case, at most ``MAX_WORDS``."""
    return [w.lower() for w in WORD.findall(q or "")][:MAX_WORDS]


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term required, the last one as a prefix too."""
    return " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'


def tsquery(terms: list[str]) -> str:
    """A ``to_tsquery`` expression: every term required, the last one as a prefix too."""
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


def ranked(stmt: Select, source: Source, terms: list[str], limit: int) -> list:
    """Rows of ``stmt`` (which selects from ``source.table``) matching ``terms``, best first, each with
    ``rank`` (higher is better) and ``snippet`` (marked with ``START``/``STOP``) appended."""
    if session.get_bind().dialect.name == "sqlite":
        stmt = _sqlite(stmt, source, terms)
    else:
        stmt = _postgres(stmt, source, terms)
    return list(session.execute(stmt.limit(limit)))


def _sqlite(stmt: Select, source: Source, terms: list[str]) -> Select:
    index = table(source.index, column("rowid"))
    fts = literal_column(source.index)
    bm25 = func.bm25(fts, *WEIGHTS)  # lower is better
    snippet = func.snippet(fts, -1, START, STOP, "…", 24)
    return (stmt.add_columns((-bm25).label("rank"), snippet.label("snippet"))
            .join(index, index.c.rowid == literal_column(f"{source.table}.rowid"))
            .where(fts.op("MATCH")(fts5_query(terms)))
            .order_by(bm25, literal_column(f"{source.table}.id")))


def _postgres(stmt: Select, source: Source, terms: list[str]) -> Select:
    config = literal_column("'english'::regconfig")
    query = func.to_tsquery(config, tsquery(terms))
    vector = literal_column(f"{source.table}.search_vector")
    parts = [literal_column(f"{source.table}.{c}") for c in (source.title, *source.body) if c]
    if source.tags:
        parts.append(func.translate(literal_column(f"{source.table}.{source.tags}::jsonb::text"), '[]",', "    "))
    document = func.concat_ws(" \n ", *parts)
    rank = func.ts_rank(vector, query)
    return (stmt.add_columns(rank.label("rank"), func.ts_headline(config, document, query, HEADLINE).label("snippet"))
            .where(vector.op("@@")(query))
            .order_by(rank.desc(), literal_column(f"{source.table}.id")))
