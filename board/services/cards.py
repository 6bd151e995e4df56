"""Cards: observations, stories and experiments, with the rules of each kind."""
from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from ..db import session, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..infra.orm_insert import insert_now
from ..models import Card, CardLink, Cluster, Initiative, KpiMeasurement, ShadowingSession, User
from .. import pii
from ..models.card import CITES, KIND_FIELDS
from ..permissions import WRITE, member_or_404, require, scoped
from ..schemas.cards import card_schema
from .common import apply, check_version
from . import reflect
from .card_events import event_view, record_card as _record
from .experiments import check_status_change

REQUIRED = {"observation": "text", "story": "title", "experiment": "title"}
COMMON = ("kind", "lane_position", "cluster_id", "version")


def list_cards(actor: User, initiative_id: str, kind: str | None = None) -> list[Card]:
    """The live cards of a board the actor may see (their own private ones too), in lane order."""
    scoped(actor, Initiative, initiative_id)
    query = select(Card).where(Card.initiative_id == initiative_id, Card.deleted_at.is_(None), reflect.seen_by(actor))
    if kind:
        query = query.where(Card.kind == kind)
    return list(session.scalars(query.order_by(Card.kind, Card.lane_position, Card.created_at)))


def get_card(actor: User, card_id: str) -> Card:
    """One live card."""
    return scoped(actor, Card, card_id)[0]


def _needs(kind: str, field: str) -> str:
    article = "An" if kind[0] in "aeiou" else "A"
    return f"{article} {kind} card needs a {field}."


def _check_fields(kind: str, data: dict) -> None:
    """Only the fields of the card's kind may be set."""
    for name in data:
        if name not in COMMON and name not in KIND_FIELDS[kind]:
            raise Invalid(name, f"Does not apply to a {kind} card.")


def _same_board(model, obj_id: str | None, card_or_board: Card | Initiative, field: str):
    """A row of ``model`` on the same board, or a 422 naming ``field``."""
    if obj_id is None:
        return None
    board_id = getattr(card_or_board, "initiative_id", None) or card_or_board.id
    obj = session.get(model, obj_id)
    if obj is None or obj.initiative_id != board_id or getattr(obj, "deleted_at", None):
        raise Invalid(field, "Not found on this initiative's board.")
    if getattr(obj, "private", False):
        raise Invalid(field, "That card is private to its author until the facilitator reveals it.")
    return obj


def _set_evidence(card: Card, ids: list[str]) -> None:
    """Replace what a card cites: a story cites observations, an experiment cites stories."""
    wanted = list(dict.fromkeys(ids))
    for cited_id in wanted:
        cited = _same_board(Card, cited_id, card, "evidence")
        if cited.kind != CITES[card.kind]:
            raise Invalid("evidence", f"A {card.kind} cites {CITES[card.kind]} cards only.")
    card.evidence_links = [link for link in card.evidence_links if link.to_card_id in wanted]
    have = {link.to_card_id for link in card.evidence_links}
    card.evidence_links.extend(CardLink(to_card_id=i, created_at=utcnow()) for i in wanted if i not in have)


def _guard_pii(data: dict, card: Card) -> None:
    """Mask personal data in an observation's text unless the author keeps it (``keep_pii``)."""
    keep = data.pop("keep_pii", False)
    if data.get("text") is None:
        return
    masked, found = pii.mask(data["text"])
    if keep and found:
        data["pii_kept"] = True
    else:
        data["text"] = masked
        data["pii_kept"] = False
        card.pii_masked = found


def _normalise(data: dict, card: Card | Initiative) -> dict:
    """Check references and tidy values shared by create and update."""
    if "tags" in data and data["tags"] is not None:
        data["tags"] = list(dict.fromkeys(t.lower() for t in data["tags"]))
    _same_board(ShadowingSession, data.get("shadowing_session_id"), card, "shadowing_session_id")
    _same_board(Cluster, data.get("cluster_id"), card, "cluster_id")
    _same_board(KpiMeasurement, data.get("measurement_id"), card, "measurement_id")
    return data


_cards = Card.__table__
# built once (see services/events.py); walks ix_cards_lane from the end of the lane
_TOP_POSITION = (select(_cards.c.lane_position)
                 .where(_cards.c.initiative_id == bindparam("initiative"), _cards.c.kind == bindparam("kind"),
                        _cards.c.deleted_at.is_(None))
                 .order_by(_cards.c.lane_position.desc()).limit(1))


def _next_position(initiative_id: str, kind: str) -> float:
    """The end of the kind's lane."""
    session.flush()  # cards the unit of work still holds count too
    top = session.connection().execute(_TOP_POSITION, {"initiative": initiative_id, "kind": kind}).scalar()
    return (top or 0.0) + 1.0


_WITH_WORKSHOP = (joinedload(Initiative.workshop),)  # a new card shows whether the workshop hides authors


def create_card(actor: User, initiative_id: str, data: dict) -> Card:
    """A new card by the actor, on their side."""
    initiative, me = scoped(actor, Initiative, initiative_id, write=True, options=_WITH_WORKSHOP)
    kind = data["kind"]
    _check_fields(kind, data)
    required = REQUIRED[kind]
    if not (data.get(required) or "").strip():
        raise Invalid(required, _needs(kind, required))
    evidence = data.pop("evidence", None)
    _normalise(data, initiative)
    if kind == "experiment":
        data.setdefault("audience", "staff")
        data.setdefault("status", "draft")
        if data["status"] not in ("draft", "proposed"):
            raise Invalid("status", "A new experiment starts as draft or proposed.")
        if data.get("published"):
            raise Invalid("published", "Only a concluded experiment's learning can be published.")
    if kind == "observation":
        data.setdefault("observation_kind", "pain_point")
        data.setdefault("tags", [])
    data.setdefault("lane_position", _next_position(initiative.id, kind))
    card = Card(engagement_id=initiative.engagement_id, initiative_id=initiative.id,
                author_id=actor.id, author=actor, side=me.side)
    set_committed_value(card, "workshop", initiative.workshop)
    card.private = bool(initiative.workshop and initiative.workshop.phase == "reflect")
    if kind == "observation":
        _guard_pii(data, card)
    for key, value in data.items():
        setattr(card, key, value)
    insert_now(session(), card)  # without the flush's bookkeeping (board/infra/orm_insert.py)
    # a new card cites only the evidence given: known without asking the database (saves a SELECT
    # per create; see docs/performance.md)
    set_committed_value(card, "evidence_links", [])
    if evidence:
        _set_evidence(card, evidence)
    _record(actor, card, "card.created", event_view(card))
    reflect.announce_waiting(card)
    return card


# citations are read when needed (a story's or experiment's), not loaded with every card to change
_CITATIONS_WHEN_READ = (lazyload(Card.evidence_links),)


def update_card(actor: User, card_id: str, data: dict) -> Card:
    """Edit a card based on ``version``; experiment status changes follow the rules."""
    card, _ = scoped(actor, Card, card_id, write=True, options=_CITATIONS_WHEN_READ)
    check_version(card, data.pop("version"), card_schema.dump)
    _check_fields(card.kind, data)
    required = REQUIRED[card.kind]
    if required in data and not (data[required] or "").strip():
        raise Invalid(required, _needs(card.kind, required))
    evidence = data.pop("evidence", None)
    _normalise(data, card)
    if card.kind == "experiment":
        check_status_change(card, data)
    if card.kind == "observation":
        if "keep_pii" in data and "text" not in data:
            data["text"] = card.text  # keeping (or not) applies to the text as it stands
        _guard_pii(data, card)
    changed = apply(card, data)
    if evidence is not None and evidence != card.evidence:
        _set_evidence(card, evidence)
        changed["evidence"] = evidence
    if changed:
        card.updated_at = utcnow()
        session.flush()  # the version check, and the new version for the event
        _record(actor, card, "card.updated", {**event_view(card), "changed": sorted(changed)})
    return card


def delete_card(actor: User, card_id: str, version: int) -> Card:
    """Delete a card (kept for undo: ``restore`` brings it back)."""
    card, _ = scoped(actor, Card, card_id, write=True, options=_CITATIONS_WHEN_READ)
    check_version(card, version, card_schema.dump)
    card.deleted_at = utcnow()
    session.flush()  # the version check, and the new version for the event
    _record(actor, card, "card.deleted", {"id": card.id, "version": card.version})
    reflect.announce_waiting(card)
    return card


def restore_card(actor: User, card_id: str) -> Card:
    """Undo a delete."""
    card = session.get(Card, card_id) if isinstance(card_id, str) else None
    if card is None or (card.private and card.author_id != actor.id):
        raise NotFound("Card not found.")
    require(member_or_404(actor, card.engagement_id, "Card"), WRITE)
    if card.deleted_at is None:
        raise Conflict("This card is not deleted.", current=card_schema.dump(card))
    card.deleted_at = None
    session.flush()  # the new version, for the event
    _record(actor, card, "card.restored", event_view(card))
    reflect.announce_waiting(card)
    return card
