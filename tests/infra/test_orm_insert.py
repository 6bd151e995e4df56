"""board/infra/orm_insert.py writes the row the ORM's flush would, and leaves the object as the flush does."""
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import registry

from board import db, uow
from board.infra.orm_insert import insert_now
from board.models import Card, Initiative


def _card(initiative: Initiative, author_id: str, text: str) -> Card:
    return Card(engagement_id=initiative.engagement_id, initiative_id=initiative.id, author_id=author_id,
                side="buyer", kind="observation", text=text, tags=["a", "b"], observation_kind="pain_point")


def test_a_fast_insert_writes_what_the_flush_writes(app, world):
    with app.app_context():
        initiative = db.session.get(Initiative, world.initiative)
        author = world.users["buyer"]
        fast, flushed = _card(initiative, author, "fast"), _card(initiative, author, "flushed")
        insert_now(db.session(), fast)
        db.session.add(flushed)
        db.session.flush()
        state = sa_inspect(fast)
        assert state.persistent and not state.modified and fast in db.session  # saved, nothing left to flush
        uow.commit()
        rows = {r.text: r._asdict() for r in db.session.execute(select(Card.__table__)
                                                                 .where(Card.id.in_([fast.id, flushed.id])))}
    same = {k: v for k, v in rows["fast"].items() if k not in ("id", "text", "created_at", "updated_at")}
    assert same == {k: v for k, v in rows["flushed"].items() if k not in ("id", "text", "created_at", "updated_at")}
    assert rows["fast"]["created_at"] is not None and rows["fast"]["version"] == 1


def test_a_model_with_server_side_defaults_is_refused():
    table = Table("with_server_default", MetaData(), Column("id", Integer, primary_key=True),
                  Column("name", String, server_default=text("'x'")))

    class Row:
        pass

    registry().map_imperatively(Row, table)
    with pytest.raises(TypeError, match="server-side defaults"):
        insert_now(None, Row())
