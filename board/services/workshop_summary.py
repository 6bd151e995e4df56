"""What a workshop leaves behind: its summary, read from the board's event log.

A workshop *starts* with the first use of a facilitator's tool (a timer action, a focus, hiding authors,
opening a voting round) after the board's last ``workshop.ended`` event (or ever, on a board whose
workshop never ended), and ends with ``workshop.ended``. What happened in between is in the log:
who wrote cards, comments or votes, how many of each, the voting, and the experiments moved.
The summary travels as the ``summary`` of the ``workshop.ended`` event: the log is its record.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select

from .. import pii
from ..db import session
from ..models import Card, Event, Membership, User, VotingRound
from .common import card_title
from .voting import results

ENDED = "workshop.ended"
TOOLS = ("workshop.started", "workshop.phase", "workshop.timer", "workshop.focus", "workshop.anonymity",
         "voting.started")
WRITES = ("card.created", "card.updated", "comment.created", "vote.cast")
TOP = 10  # cards of the ranking kept in a summary


def _last_end(initiative_id: str) -> Event | None:
    return session.scalars(select(Event).where(Event.initiative_id == initiative_id, Event.type == ENDED)
                           .order_by(Event.seq.desc()).limit(1)).first()


def current_round(rnd: dict | None) -> dict | None:
    """A board's latest round (``voting.view``), unless a workshop ended after it opened: that round's results
    are in the workshop's summary, off the board."""
    if rnd is None or rnd["status"] == "open":
        return rnd
    last = _last_end(rnd["initiative_id"])
    return None if last and last.at >= rnd["created_at"] else rnd


def started(initiative_id: str) -> Event | None:
    """The event that started the board's running workshop (see the module), or ``None``: none runs."""
    last = _last_end(initiative_id)
    return session.scalars(select(Event).where(Event.initiative_id == initiative_id, Event.type.in_(TOOLS),
                                               Event.seq > (last.seq if last else 0))
                           .order_by(Event.seq).limit(1)).first()


def _title(card: Card | None, data: dict) -> str:
    """A card's one line for the summary (and so the sponsor report): personal data masked."""
    return pii.mask(card_title(card) if card else (data.get("title") or data.get("text") or ""))[0]


def _participants(events: list[Event], engagement_id: str) -> list[dict]:
    """Who wrote a card, a comment or a vote, by side then name."""
    people = {e.actor_id: e.actor for e in events if e.type in WRITES and e.actor is not None}
    sides = dict(session.execute(select(Membership.user_id, Membership.side).where(
        Membership.engagement_id == engagement_id, Membership.user_id.in_(people))).all())
    rows = [{"id": u.id, "name": u.name, "side": sides.get(u.id)} for u in people.values()]
    return sorted(rows, key=lambda p: (p["side"] or "~", p["name"], p["id"]))


def _voting(events: list[Event]) -> dict | None:
    """The workshop's last round (revealed by now): its counts and its best cards."""
    round_id = next((e.data["round_id"] for e in reversed(events) if e.type == "voting.started"), None)
    rnd = session.get(VotingRound, round_id) if round_id else None
    if rnd is None:
        return None
    counts = results(rnd)
    top = counts["results"][:TOP]
    cards = {c.id: c for c in session.scalars(select(Card).where(Card.id.in_([r["card_id"] for r in top])))}
    return {"round_id": rnd.id, "votes_per_person": rnd.votes_per_person, "votes_cast": counts["votes_cast"],
            "voters": counts["voters"], "ranking": [{**r, "title": _title(cards.get(r["card_id"]), {})} for r in top]}


def _decisions(events: list[Event]) -> list[dict]:
    """Experiments whose status or decision changed, in the order they first did, each with its steps."""
    moved: dict[str, dict] = {}
    for e in events:
        d = e.data
        if e.type != "card.updated" or d.get("kind") != "experiment" or not {"status", "decision"} & set(d.get("changed", ())):
            continue
        row = moved.setdefault(d["id"], {"card_id": d["id"], "title": "", "statuses": []})
        if not row["statuses"] or row["statuses"][-1] != d.get("status"):
            row["statuses"].append(d.get("status"))
        row.update(title=_title(None, d), status=d.get("status"), decision=d.get("decision"))
    return list(moved.values())


DISCUSSED = ("workshop.phase", "workshop.agenda")


def _topics(events: list[Event]) -> list[dict]:
    """The cards talked through in discuss, in order, each with what was captured on it during the workshop:
    comments on it, and stories or experiments written citing it."""
    topics = list(dict.fromkeys(e.data["focus_card_id"] for e in events if e.type in DISCUSSED
                                and e.data.get("phase") == "discuss" and e.data.get("focus_card_id")))
    captured: dict[str, list[dict]] = {t: [] for t in topics}
    for e in events:
        d = e.data
        if e.type == "comment.created" and d.get("card_id") in captured:
            captured[d["card_id"]].append({"type": "comment", "card_id": None, "text": pii.mask(d.get("text") or "")[0]})
        elif e.type == "card.created" and d.get("kind") in ("story", "experiment"):
            for cited in d.get("evidence") or ():
                if cited in captured:
                    captured[cited].append({"type": d["kind"], "card_id": d["id"], "text": _title(None, d)})
    cards = {c.id: c for c in session.scalars(select(Card).where(Card.id.in_(topics)))} if topics else {}
    return [{"card_id": t, "title": _title(cards.get(t), {}), "outcomes": captured[t]} for t in topics]


def summarise(start: Event, ended: datetime, by: User, template: str | None = None) -> dict:
    """The summary of the workshop that ``start`` started (from ``template``, if it was), ended by ``by`` at
    ``ended`` (names are fine now: anonymity ends with the workshop)."""
    # cards written privately in reflect have events without a seq: they count by time
    events = list(session.scalars(select(Event).where(
        Event.initiative_id == start.initiative_id,
        or_(Event.seq >= start.seq, and_(Event.seq.is_(None), Event.at >= start.at))).order_by(Event.at, Event.id)))
    kinds = [e.data.get("kind") for e in events if e.type == "card.created"]
    return {
        "started_at": start.at, "ended_at": ended, "ended_by": {"id": by.id, "name": by.name}, "template": template,
        "participants": _participants(events, start.engagement_id),
        "cards": {kind: kinds.count(kind) for kind in ("observation", "story", "experiment")},
        "comments": sum(e.type == "comment.created" for e in events),
        "voting": _voting(events),
        "decisions": _decisions(events),
        "topics": _topics(events),
    }


def summaries(initiative_id: str) -> list[dict]:
    """The board's ended workshops' summaries, oldest first (times as datetimes)."""
    events = session.scalars(select(Event).where(Event.initiative_id == initiative_id, Event.type == ENDED)
                             .order_by(Event.seq))
    return [{**e.data["summary"], "started_at": datetime.fromisoformat(e.data["summary"]["started_at"]),
             "ended_at": datetime.fromisoformat(e.data["summary"]["ended_at"])} for e in events]
