"""Dot voting: N votes per person per round, hidden until the facilitator reveals them."""
from __future__ import annotations

from sqlalchemy import delete, func, select

from ..db import session, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..models import Card, Cluster, Initiative, User, Vote, VotingRound
from ..models.card import CARD_KINDS
from ..permissions import FACILITATE, require, scoped
from .events import record


MAX_SCOPED_CARDS = 200


def check_scope(initiative_id: str, scope: dict | None) -> dict | None:
    """A round's scope as stored (``None``: every card), or a 422 naming ``scope``: one lane's ``kind``, one
    ``cluster_id`` of the board, or chosen ``card_ids`` of it."""
    if not scope:
        return None
    if len(scope) != 1:
        raise Invalid("scope", "Give one of kind, cluster_id or card_ids.")
    (key, value), = scope.items()
    if key == "kind":
        if value not in CARD_KINDS:
            raise Invalid("scope", f"kind must be one of {', '.join(CARD_KINDS)}.")
    elif key == "cluster_id":
        cluster = session.get(Cluster, value) if isinstance(value, str) else None
        if cluster is None or cluster.initiative_id != initiative_id:
            raise Invalid("scope", "That cluster is not on this initiative's board.")
    elif key == "card_ids":
        ids = list(dict.fromkeys(value)) if isinstance(value, list) else []
        if not ids or len(ids) > MAX_SCOPED_CARDS or not all(isinstance(i, str) for i in ids):
            raise Invalid("scope", f"card_ids: choose 1 to {MAX_SCOPED_CARDS} cards.")
        found = session.scalar(select(func.count()).where(Card.id.in_(ids), Card.initiative_id == initiative_id,
                                                          Card.deleted_at.is_(None), Card.private.is_(False)))
        if found != len(ids):
            raise Invalid("scope", "card_ids: some of these cards are not on this initiative's board.")
        value = ids
    else:
        raise Invalid("scope", "Give one of kind, cluster_id or card_ids.")
    return {key: value}


def in_scope(scope: dict | None, card: Card) -> bool:
    """Whether a round with this scope takes votes on ``card``."""
    if not scope:
        return True
    if "kind" in scope:
        return card.kind == scope["kind"]
    if "cluster_id" in scope:
        return card.cluster_id == scope["cluster_id"]
    return card.id in scope["card_ids"]


def scope_words(scope: dict | None) -> str:
    """What a round covers, in words."""
    if not scope:
        return "every card"
    if "kind" in scope:
        return f"{scope['kind']} cards"
    if "cluster_id" in scope:
        return "the cards of one cluster"
    return f"{len(scope['card_ids'])} chosen cards"


def _counts(round_id: str) -> list[dict]:
    """Cards ranked by votes, most first (ties: board order)."""
    rows = session.execute(
        select(Vote.card_id, func.count()).where(Vote.round_id == round_id).group_by(Vote.card_id)
    ).all()
    positions = dict(session.execute(select(Card.id, Card.lane_position).where(Card.id.in_([r[0] for r in rows]))).all())
    ranked = sorted(rows, key=lambda r: (-r[1], positions.get(r[0], 0.0), r[0]))
    return [{"card_id": card_id, "votes": n, "rank": i + 1} for i, (card_id, n) in enumerate(ranked)]


def view(rnd: VotingRound, user: User) -> dict:
    """A round as ``user`` may see it: only their own votes until it is revealed."""
    mine = list(session.scalars(select(Vote.card_id).where(Vote.round_id == rnd.id, Vote.user_id == user.id)
                                .order_by(Vote.created_at)))
    cast = session.scalar(select(func.count()).where(Vote.round_id == rnd.id))
    voters = session.scalar(select(func.count(func.distinct(Vote.user_id))).where(Vote.round_id == rnd.id))
    return {
        "id": rnd.id, "initiative_id": rnd.initiative_id, "votes_per_person": rnd.votes_per_person,
        "status": rnd.status, "created_at": rnd.created_at, "revealed_at": rnd.revealed_at, "scope": rnd.scope,
        "my_votes": mine, "votes_left": max(0, rnd.votes_per_person - len(mine)),
        "votes_cast": cast, "voters": voters,
        "results": _counts(rnd.id) if rnd.status == "revealed" else None,
    }


def _public(rnd: VotingRound) -> dict:
    """What every member may know while votes are hidden: how many were cast and by how many, not for what."""
    cast = session.scalar(select(func.count()).where(Vote.round_id == rnd.id))
    voters = session.scalar(select(func.count(func.distinct(Vote.user_id))).where(Vote.round_id == rnd.id))
    return {"round_id": rnd.id, "votes_per_person": rnd.votes_per_person, "status": rnd.status, "votes_cast": cast,
            "voters": voters, "scope": rnd.scope}


def start_round(actor: User, initiative_id: str, votes_per_person: int, scope: dict | None = None) -> dict:
    """The facilitator opens a round (over the cards ``scope`` names, or all); one open round per board."""
    initiative, me = scoped(actor, Initiative, initiative_id, write=True)
    require(me, FACILITATE)
    return open_round(actor, initiative, votes_per_person, scope)


def open_round(actor: User, initiative: Initiative, votes_per_person: int, scope: dict | None) -> dict:
    """Open a round on a board whose facilitator ``actor`` is (409 while one is open)."""
    scope = check_scope(initiative.id, scope)
    if session.scalar(select(VotingRound.id).where(VotingRound.initiative_id == initiative.id,
                                                   VotingRound.status == "open")):
        raise Conflict("A voting round is already open on this board; reveal it first.")
    rnd = VotingRound(engagement_id=initiative.engagement_id, initiative_id=initiative.id,
                      votes_per_person=votes_per_person, created_by_id=actor.id, created_at=utcnow(), scope=scope)
    session.add(rnd)
    session.flush()
    record(actor, rnd.engagement_id, rnd.initiative_id, "voting.started", _public(rnd))
    return view(rnd, actor)


def list_rounds(actor: User, initiative_id: str) -> list[dict]:
    """A board's voting rounds, newest first."""
    scoped(actor, Initiative, initiative_id)
    rounds = session.scalars(select(VotingRound).where(VotingRound.initiative_id == initiative_id)
                             .order_by(VotingRound.created_at.desc()))
    return [view(r, actor) for r in rounds]


def latest_round(actor: User, initiative_id: str) -> dict | None:
    """The board's newest round as the actor may see it (for a board snapshot), or ``None``."""
    rnd = session.scalars(select(VotingRound).where(VotingRound.initiative_id == initiative_id)
                          .order_by(VotingRound.created_at.desc()).limit(1)).first()
    return view(rnd, actor) if rnd else None


def get_round(actor: User, round_id: str) -> dict:
    """One round as the actor may see it."""
    rnd, _ = scoped(actor, VotingRound, round_id, what="Voting round")
    return view(rnd, actor)


def _open_round(actor: User, round_id: str) -> VotingRound:
    """The round, locked until the write commits: one person's quick clicks, sent at once, queue here, so the
    count of their votes is never read by two of them before either adds its vote (PostgreSQL; SQLite's
    writers take turns anyway)."""
    rnd, _ = scoped(actor, VotingRound, round_id, write=True, what="Voting round")
    session.refresh(rnd, with_for_update=True)
    if rnd.status != "open":
        raise Conflict("This round is revealed; voting is over.", current=view(rnd, actor))
    return rnd


def vote(actor: User, round_id: str, card_id: str) -> dict:
    """Put one of the actor's dots on a card (several on one card are allowed)."""
    rnd = _open_round(actor, round_id)
    card = session.get(Card, card_id) if isinstance(card_id, str) else None
    if card is None or card.initiative_id != rnd.initiative_id or card.deleted_at is not None or card.private:
        raise Invalid("card_id", "Not found on this initiative's board.")
    if not in_scope(rnd.scope, card):
        raise Invalid("card_id", f"Not in this round: it takes votes on {scope_words(rnd.scope)} only.")
    used = session.scalar(select(func.count()).where(Vote.round_id == rnd.id, Vote.user_id == actor.id))
    if used >= rnd.votes_per_person:
        raise Conflict(f"You have used all {rnd.votes_per_person} of your votes; take one back to move it.",
                       current=view(rnd, actor), code="no_votes_left")
    session.add(Vote(round_id=rnd.id, card_id=card.id, user_id=actor.id, created_at=utcnow()))
    session.flush()
    # who voted stays hidden until the reveal too: the audit log keeps the actor, the wire does not
    record(actor, rnd.engagement_id, rnd.initiative_id, "vote.cast", _public(rnd), anonymous=True)
    return view(rnd, actor)


def unvote(actor: User, round_id: str, card_id: str) -> dict:
    """Take back one of the actor's dots from a card."""
    rnd = _open_round(actor, round_id)
    mine = session.scalar(select(Vote.id).where(Vote.round_id == rnd.id, Vote.user_id == actor.id,
                                                Vote.card_id == card_id).order_by(Vote.created_at.desc()).limit(1))
    if mine is None:
        raise NotFound("You have no vote on that card in this round.")
    session.execute(delete(Vote).where(Vote.id == mine))
    record(actor, rnd.engagement_id, rnd.initiative_id, "vote.removed", _public(rnd), anonymous=True)
    return view(rnd, actor)


def reveal(actor: User, round_id: str) -> dict:
    """The facilitator reveals the votes: cards ranked by dots."""
    rnd, me = scoped(actor, VotingRound, round_id, write=True, what="Voting round")
    require(me, FACILITATE)
    if rnd.status != "open":
        raise Conflict("This round is already revealed.", current=view(rnd, actor))
    close(rnd)
    record(actor, rnd.engagement_id, rnd.initiative_id, "voting.revealed", results(rnd))
    return view(rnd, actor)


def close(rnd: VotingRound) -> None:
    """End a round's voting (no event: the caller records the change it is part of)."""
    rnd.status, rnd.revealed_at = "revealed", utcnow()
    session.flush()


def results(rnd: VotingRound) -> dict:
    """A revealed round as every member may know it: the counts and the cards ranked by votes."""
    return {**_public(rnd), "results": _counts(rnd.id)}
