"""Export an initiative as JSON and import it into an engagement (a round trip loses nothing).

The document (``FORMAT``, version ``VERSION``) holds everything of one initiative: the initiative,
its KPIs and both sides' agreements, access grants, shadowing sessions, clusters, cards of every
kind (soft-deleted ones too, with ``deleted_at``), the evidence links between cards, comments,
budget requests with their decisions, spend and the whole event log. People are referenced as
``{"email", "name"}``; ``people`` lists each once with the id they had, so that the ids inside
event data can be mapped too. Lists are in a fixed order (by time, then id) and money is in cents.

An import validates the whole document before writing anything, then recreates every row with
new ids in the target engagement. Ids are remapped consistently everywhere, including inside
event data (any string equal to an id of the document), and the new ids sort in the same order
as the old ones, so the re-export lists rows in the same order. People are matched by email; an
unknown email becomes a new account without a password (it cannot sign in until one is set).
Authors, sides, timestamps, versions, event ``seq`` numbers and the initiative's ``last_seq`` are
kept as they were: export → import → export gives the same document once ids are canonicalised.

The import itself is recorded as one engagement-level event (``initiative.imported``, no
initiative and so no ``seq``): the initiative's own log stays exactly the imported one.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

from marshmallow import ValidationError, fields, validate
from sqlalchemy import insert, select

from ..db import new_id, session
from ..errors import Invalid, NotFound, from_validation
from ..models import (
    AccessGrant, BudgetRequest, Card, CardLink, Cluster, Comment, Decision, Engagement, Event, Initiative,
    Kpi, KpiAgreement, LibraryEntry, ShadowingSession, Spend, User,
)
from ..models.card import AUDIENCES, CARD_KINDS, DECISIONS, EXPERIMENT_STATUSES, OBSERVATION_KINDS
from ..models.engagement import SIDES
from ..models.initiative import GRANT_SCOPES, INITIATIVE_STATUSES
from ..permissions import scoped
from ..schemas.common import MAX_TEXT, BaseSchema
from .accounts import create_user, find_user
from .events import record

FORMAT = "co-learning-board/initiative"
VERSION = 1

# Scalar columns exported as they are, per document section (people and ids are handled apart).
INITIATIVE_FIELDS = ("id", "engagement_id", "title", "problem", "outcome", "status", "last_seq",
                     "created_at", "updated_at", "version")
KPI_FIELDS = ("id", "name", "unit", "baseline", "target", "created_at", "version")
AGREEMENT_FIELDS = ("id", "side", "agreed_at")
GRANT_FIELDS = ("id", "scope", "expires_at", "granted_at", "revoked_at")
SESSION_FIELDS = ("id", "host", "context", "started_at", "duration_minutes", "customer_contact", "created_at", "version")
CLUSTER_FIELDS = ("id", "label", "created_at")
CARD_FIELDS = (
    "id", "kind", "side", "lane_position", "cluster_id",
    "text", "observation_kind", "tags", "shadowing_session_id", "pii_kept",
    "title", "persona", "situation", "struggle", "outcome", "told",
    "hypothesis", "test", "metric", "criterion", "audience", "status", "observed", "learned", "decision", "published",
    "inspired_by_id", "created_at", "updated_at", "deleted_at", "version",
)
LINK_FIELDS = ("from_card_id", "to_card_id", "created_at")
COMMENT_FIELDS = ("id", "card_id", "side", "text", "created_at")
REQUEST_FIELDS = ("id", "card_id", "amount_cents", "currency", "purpose", "requested_at")
DECISION_FIELDS = ("id", "approve", "amount_cents", "comment", "decided_at")
SPEND_FIELDS = ("id", "card_id", "amount_cents", "currency", "note", "recorded_at")
# Columns holding lists of user ids, exported as lists of person references.
PEOPLE_LISTS = {"comments": ("mentions",)}
# Person references: document field -> user-id column.
PERSON_COLUMNS = {
    "initiative": {"created_by": "created_by_id"},
    "kpi_agreements": {"user": "user_id"},
    "access_grants": {"granted_by": "granted_by_id", "revoked_by": "revoked_by_id"},
    "shadowing_sessions": {"shadower": "shadower_id"},
    "cards": {"author": "author_id"},
    "comments": {"author": "author_id"},
    "budget_requests": {"requested_by": "requested_by_id"},
    "decision": {"decided_by": "decided_by_id"},
    "spend": {"recorded_by": "recorded_by_id"},
    "events": {"actor": "actor_id"},
}


# --------------------------------------------------------------------------------------------- export

def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(timezone.utc).isoformat()


def _plain(value: Any) -> Any:
    return _iso(value) if isinstance(value, datetime) else value


def _strings(value: Any) -> Iterable[str]:
    """Every string inside a JSON value (keys too)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


class _People:
    """The people an export references, loaded once each."""

    def __init__(self):
        self.users: dict[str, User] = {}

    def load(self, ids: Iterable[str | None]) -> None:
        wanted = sorted({i for i in ids if i and i not in self.users})
        for start in range(0, len(wanted), 500):
            for user in session.scalars(select(User).where(User.id.in_(wanted[start:start + 500]))):
                self.users[user.id] = user

    def ref(self, user_id: str | None) -> dict | None:
        if user_id is None:
            return None
        user = self.users[user_id]
        return {"email": user.email, "name": user.name}

    def listing(self) -> list[dict]:
        return [{"id": u.id, "email": u.email, "name": u.name}
                for u in sorted(self.users.values(), key=lambda u: (u.email, u.id))]


def _rows(model, *where, key) -> list:
    return sorted(session.scalars(select(model).where(*where)), key=key)


def _dump(obj: Any, names: Iterable[str], people: _People, section: str) -> dict:
    row = {name: _plain(getattr(obj, name)) for name in names}
    for field, column in PERSON_COLUMNS.get(section, {}).items():
        row[field] = people.ref(getattr(obj, column))
    return row


def export_initiative(initiative_id: str) -> dict:
    """Everything of one initiative as plain JSON; 404 for an unknown id."""
    initiative = (session.get(Initiative, initiative_id, populate_existing=True)
                  if isinstance(initiative_id, str) else None)
    if initiative is None:
        raise NotFound("Initiative not found.")
    iid = initiative.id

    def by(*names):
        return lambda o: tuple(getattr(o, n) for n in names)

    kpis = _rows(Kpi, Kpi.initiative_id == iid, key=by("created_at", "id"))
    agreements = _rows(KpiAgreement, KpiAgreement.initiative_id == iid, key=by("agreed_at", "id"))
    grants = _rows(AccessGrant, AccessGrant.initiative_id == iid, key=by("granted_at", "id"))
    sessions = _rows(ShadowingSession, ShadowingSession.initiative_id == iid, key=by("created_at", "id"))
    clusters = _rows(Cluster, Cluster.initiative_id == iid, key=by("created_at", "id"))
    cards = _rows(Card, Card.initiative_id == iid, key=by("created_at", "id"))
    links = _rows(CardLink, CardLink.from_card_id.in_(select(Card.id).where(Card.initiative_id == iid)),
                  key=by("created_at", "from_card_id", "to_card_id"))
    comments = _rows(Comment, Comment.initiative_id == iid, key=by("created_at", "id"))
    requests = _rows(BudgetRequest, BudgetRequest.initiative_id == iid, key=by("requested_at", "id"))
    spend = _rows(Spend, Spend.initiative_id == iid, key=by("recorded_at", "id"))
    events = list(session.scalars(select(Event).where(Event.initiative_id == iid).order_by(Event.seq)))

    people = _People()
    people.load([initiative.created_by_id])
    people.load(a.user_id for a in agreements)
    people.load(x for g in grants for x in (g.granted_by_id, g.revoked_by_id))
    people.load(s.shadower_id for s in sessions)
    people.load(c.author_id for c in cards)
    people.load(c.author_id for c in comments)
    people.load(u for c in comments for u in c.mentions or [])
    people.load(x for r in requests for x in (r.requested_by_id, r.decision and r.decision.decided_by_id))
    people.load(s.recorded_by_id for s in spend)
    people.load(e.actor_id for e in events)
    people.load(s for e in events for s in _strings(e.data) if len(s) <= 24)  # people named in event data

    def request_row(r: BudgetRequest) -> dict:
        row = _dump(r, REQUEST_FIELDS, people, "budget_requests")
        row["decision"] = _dump(r.decision, DECISION_FIELDS, people, "decision") if r.decision else None
        return row

    return {
        "format": FORMAT,
        "version": VERSION,
        "people": people.listing(),
        "initiative": _dump(initiative, INITIATIVE_FIELDS, people, "initiative"),
        "kpis": [_dump(k, KPI_FIELDS, people, "kpis") for k in kpis],
        "kpi_agreements": [_dump(a, AGREEMENT_FIELDS, people, "kpi_agreements") for a in agreements],
        "access_grants": [_dump(g, GRANT_FIELDS, people, "access_grants") for g in grants],
        "shadowing_sessions": [_dump(s, SESSION_FIELDS, people, "shadowing_sessions") for s in sessions],
        "clusters": [_dump(c, CLUSTER_FIELDS, people, "clusters") for c in clusters],
        "cards": [_dump(c, CARD_FIELDS, people, "cards") for c in cards],
        "card_links": [_dump(link, LINK_FIELDS, people, "card_links") for link in links],
        "comments": [{**_dump(c, COMMENT_FIELDS, people, "comments"), "mentions": [people.ref(u) for u in c.mentions or []]}
                     for c in comments],
        "budget_requests": [request_row(r) for r in requests],
        "spend": [_dump(s, SPEND_FIELDS, people, "spend") for s in spend],
        "events": [{"seq": e.seq, "type": e.type, "actor": people.ref(e.actor_id), "at": _iso(e.at), "data": e.data}
                   for e in events],
    }


def export_for(actor: User, initiative_id: str) -> dict:
    """The export, for a member of the initiative's engagement."""
    scoped(actor, Initiative, initiative_id)
    return export_initiative(initiative_id)


# --------------------------------------------------------------------------------------------- the document

EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)


def _when(**kw) -> fields.AwareDateTime:
    return fields.AwareDateTime(validate=validate.Range(min=EARLIEST, max=LATEST, error="Must be between 1900 and 9000."),
                                **kw)


def _id(**kw) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=64), **kw)


def _text(max_len: int = MAX_TEXT, **kw) -> fields.String:
    return fields.String(validate=validate.Length(max=max_len), **kw)


def _name(max_len: int = 200, **kw) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=max_len), **kw)


def _int(minimum: int = 0, **kw) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(min=minimum, max=2**31 - 1), **kw)


def _one_of(choices, **kw) -> fields.String:
    return fields.String(validate=validate.OneOf(choices), **kw)


class PersonDoc(BaseSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    name = _name(120, required=True)


class PersonEntryDoc(PersonDoc):
    id = _id(required=True)


def _person(**kw) -> fields.Nested:
    return fields.Nested(PersonDoc, **kw)


class InitiativeDoc(BaseSchema):
    id = _id(required=True)
    engagement_id = _id(required=True)
    title = _name(200, required=True)
    problem = _text(required=True)
    outcome = _text(required=True)
    status = _one_of(INITIATIVE_STATUSES, required=True)
    last_seq = _int(required=True)
    created_by = _person(required=True, allow_none=True)
    created_at = _when(required=True)
    updated_at = _when(required=True)
    version = _int(1, required=True)


class KpiDoc(BaseSchema):
    id = _id(required=True)
    name = _name(200, required=True)
    unit = _text(40, required=True)
    baseline = fields.Float(allow_nan=False, allow_none=True, required=True)
    target = fields.Float(allow_nan=False, allow_none=True, required=True)
    created_at = _when(required=True)
    version = _int(1, required=True)


class AgreementDoc(BaseSchema):
    id = _id(required=True)
    side = _one_of(SIDES, required=True)
    user = _person(required=True)
    agreed_at = _when(required=True)


class GrantDoc(BaseSchema):
    id = _id(required=True)
    scope = _one_of(GRANT_SCOPES, required=True)
    expires_at = _when(required=True, allow_none=True)
    granted_by = _person(required=True)
    granted_at = _when(required=True)
    revoked_by = _person(required=True, allow_none=True)
    revoked_at = _when(required=True, allow_none=True)


class SessionDoc(BaseSchema):
    id = _id(required=True)
    shadower = _person(required=True)
    host = _name(200, required=True)
    context = _text(required=True)
    started_at = _when(required=True)
    duration_minutes = _int(required=True, allow_none=True)
    customer_contact = fields.Boolean(required=True)
    created_at = _when(required=True)
    version = _int(1, required=True)


class ClusterDoc(BaseSchema):
    id = _id(required=True)
    label = _name(120, required=True)
    created_at = _when(required=True)


class CardDoc(BaseSchema):
    id = _id(required=True)
    kind = _one_of(CARD_KINDS, required=True)
    author = _person(required=True)
    side = _one_of(SIDES, required=True)
    lane_position = fields.Float(allow_nan=False, required=True, validate=validate.Range(min=-1e12, max=1e12))
    cluster_id = _id(required=True, allow_none=True)
    text = _text(required=True, allow_none=True)
    observation_kind = _one_of(OBSERVATION_KINDS, required=True, allow_none=True)
    pii_kept = fields.Boolean(load_default=False)
    tags = fields.List(_name(40), required=True, allow_none=True, validate=validate.Length(max=100))
    shadowing_session_id = _id(required=True, allow_none=True)
    title = _text(200, required=True, allow_none=True)
    persona = _text(required=True, allow_none=True)
    situation = _text(required=True, allow_none=True)
    struggle = _text(required=True, allow_none=True)
    outcome = _text(required=True, allow_none=True)
    told = fields.Boolean(required=True)
    hypothesis = _text(required=True, allow_none=True)
    test = _text(required=True, allow_none=True)
    metric = _text(required=True, allow_none=True)
    criterion = _text(required=True, allow_none=True)
    audience = _one_of(AUDIENCES, required=True, allow_none=True)
    status = _one_of(EXPERIMENT_STATUSES, required=True, allow_none=True)
    observed = _text(required=True, allow_none=True)
    learned = _text(required=True, allow_none=True)
    decision = _one_of(DECISIONS, required=True, allow_none=True)
    published = fields.Boolean(required=True)
    inspired_by_id = _id(load_default=None, allow_none=True)
    created_at = _when(required=True)
    updated_at = _when(required=True)
    deleted_at = _when(required=True, allow_none=True)
    version = _int(1, required=True)


class LinkDoc(BaseSchema):
    from_card_id = _id(required=True)
    to_card_id = _id(required=True)
    created_at = _when(required=True)


class CommentDoc(BaseSchema):
    id = _id(required=True)
    card_id = _id(required=True)
    author = _person(required=True)
    mentions = fields.List(fields.Nested(PersonDoc), load_default=list, validate=validate.Length(max=50))
    side = _one_of(SIDES, required=True)
    text = _name(5000, required=True)
    created_at = _when(required=True)


class DecisionDoc(BaseSchema):
    id = _id(required=True)
    decided_by = _person(required=True)
    approve = fields.Boolean(required=True)
    amount_cents = _int(required=True)
    comment = _text(2000, required=True)
    decided_at = _when(required=True)


CURRENCY = validate.Regexp(r"^[A-Z]{3}$", error="A 3-letter ISO code, e.g. EUR.")


class RequestDoc(BaseSchema):
    id = _id(required=True)
    card_id = _id(required=True, allow_none=True)
    amount_cents = _int(1, required=True)
    currency = fields.String(required=True, validate=CURRENCY)
    purpose = _text(2000, required=True)
    requested_by = _person(required=True)
    requested_at = _when(required=True)
    decision = fields.Nested(DecisionDoc, required=True, allow_none=True)


class SpendDoc(BaseSchema):
    id = _id(required=True)
    card_id = _id(required=True, allow_none=True)
    amount_cents = _int(1, required=True)
    currency = fields.String(required=True, validate=CURRENCY)
    note = _text(2000, required=True)
    recorded_by = _person(required=True)
    recorded_at = _when(required=True)


class EventDoc(BaseSchema):
    seq = _int(1, required=True)
    type = _name(40, required=True)
    actor = _person(required=True, allow_none=True)
    at = _when(required=True)
    data = fields.Dict(keys=fields.String(), required=True)


def _many(schema) -> fields.List:
    return fields.List(fields.Nested(schema), load_default=list)


class DocumentSchema(BaseSchema):
    """An exported initiative (every list may be left out when empty)."""

    format = fields.String(required=True, validate=validate.Equal(FORMAT, error=f"Must be {FORMAT!r}."))
    version = fields.Integer(strict=True, required=True,
                             validate=validate.Equal(VERSION, error=f"Only version {VERSION} can be imported."))
    people = _many(PersonEntryDoc)
    initiative = fields.Nested(InitiativeDoc, required=True)
    kpis = _many(KpiDoc)
    kpi_agreements = _many(AgreementDoc)
    access_grants = _many(GrantDoc)
    shadowing_sessions = _many(SessionDoc)
    clusters = _many(ClusterDoc)
    cards = _many(CardDoc)
    card_links = _many(LinkDoc)
    comments = _many(CommentDoc)
    budget_requests = _many(RequestDoc)
    spend = _many(SpendDoc)
    events = _many(EventDoc)


document_schema = DocumentSchema()
REQUIRED_BY_KIND = {"observation": ("text", "observation_kind"), "story": ("title",),
                    "experiment": ("title", "audience", "status")}


# --------------------------------------------------------------------------------------------- import

def _check(doc: dict) -> None:
    """Rules the schema cannot see: unique ids, references that resolve, a gap-free event log."""
    seen: dict[str, str] = {}

    def unique(value: str, where: str) -> None:
        if value in seen:
            raise Invalid(where, f"Id {value!r} is used twice (also at {seen[value]}).")
        seen[value] = where

    emails: dict[str, str] = {}
    for i, p in enumerate(doc["people"]):
        unique(p["id"], f"people.{i}.id")
        email = p["email"].strip().lower()
        if email in emails:
            raise Invalid(f"people.{i}.email", f"{email} is listed twice.")
        emails[email] = p["id"]

    def person(ref: dict | None, where: str) -> None:
        if ref is not None and ref["email"].strip().lower() not in emails:
            raise Invalid(where, f"{ref['email']} is not listed in people.")

    unique(doc["initiative"]["id"], "initiative.id")
    unique(doc["initiative"]["engagement_id"], "initiative.engagement_id")
    person(doc["initiative"]["created_by"], "initiative.created_by")
    for section in ("kpis", "kpi_agreements", "access_grants", "shadowing_sessions", "clusters", "cards",
                    "comments", "budget_requests", "spend"):
        for i, row in enumerate(doc[section]):
            unique(row["id"], f"{section}.{i}.id")
            for field in PERSON_COLUMNS.get(section, {}):
                person(row[field], f"{section}.{i}.{field}")
    for i, row in enumerate(doc["comments"]):
        for j, ref in enumerate(row["mentions"]):
            person(ref, f"comments.{i}.mentions.{j}")
    for i, row in enumerate(doc["budget_requests"]):
        if row["decision"] is not None:
            unique(row["decision"]["id"], f"budget_requests.{i}.decision.id")
            person(row["decision"]["decided_by"], f"budget_requests.{i}.decision.decided_by")

    sides = [a["side"] for a in doc["kpi_agreements"]]
    for i, side in enumerate(sides):
        if side in sides[:i]:
            raise Invalid(f"kpi_agreements.{i}.side", f"The {side} side has agreed twice.")

    sessions = {s["id"] for s in doc["shadowing_sessions"]}
    clusters = {c["id"] for c in doc["clusters"]}
    cards = {c["id"]: c for c in doc["cards"]}

    def refers(value: str | None, targets, where: str, what: str) -> None:
        if value is not None and value not in targets:
            raise Invalid(where, f"No {what} with id {value!r} in this document.")

    for i, card in enumerate(doc["cards"]):
        for field in REQUIRED_BY_KIND[card["kind"]]:
            if not card[field]:
                raise Invalid(f"cards.{i}.{field}", f"A {card['kind']} card needs a {field}.")
        refers(card["shadowing_session_id"], sessions, f"cards.{i}.shadowing_session_id", "shadowing session")
        refers(card["cluster_id"], clusters, f"cards.{i}.cluster_id", "cluster")
    pairs = set()
    for i, link in enumerate(doc["card_links"]):
        refers(link["from_card_id"], cards, f"card_links.{i}.from_card_id", "card")
        refers(link["to_card_id"], cards, f"card_links.{i}.to_card_id", "card")
        pair = (link["from_card_id"], link["to_card_id"])
        if pair in pairs:
            raise Invalid(f"card_links.{i}", "This link is listed twice.")
        pairs.add(pair)
    for i, comment in enumerate(doc["comments"]):
        refers(comment["card_id"], cards, f"comments.{i}.card_id", "card")
    for section in ("budget_requests", "spend"):
        for i, row in enumerate(doc[section]):
            refers(row["card_id"], cards, f"{section}.{i}.card_id", "card")
            if row["card_id"] is not None and cards[row["card_id"]]["kind"] != "experiment":
                raise Invalid(f"{section}.{i}.card_id", "Budget belongs to an experiment card (or to shadowing).")

    for i, event in enumerate(doc["events"]):
        if event["seq"] != i + 1:
            raise Invalid(f"events.{i}.seq", f"Events are numbered 1, 2, 3… without gaps; expected {i + 1}.")
        person(event["actor"], f"events.{i}.actor")
    if doc["initiative"]["last_seq"] != len(doc["events"]):
        raise Invalid("initiative.last_seq", f"Must be the seq of the last event ({len(doc['events'])}).")


def validate_document(data: Any) -> dict:
    """The loaded document, or a 422 naming what is wrong."""
    if not isinstance(data, dict):
        raise Invalid("document", "An export is a JSON object.")
    try:
        doc = document_schema.load(data)
    except ValidationError as exc:
        raise from_validation(exc.messages) from exc
    _check(doc)
    return doc


def _new_ids(old: list[str]) -> dict[str, str]:
    """Fresh ids for ``old``, sorting in the same order (so rows keep their order on export)."""
    fresh: set[str] = set()
    while len(fresh) < len(old):
        fresh.add(new_id())
    return dict(zip(sorted(old), sorted(fresh)))


def _remap(value: Any, ids: dict[str, str]) -> Any:
    """``value`` with every string that is a known id replaced by its new id."""
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, dict):
        return {_remap(k, ids): _remap(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_remap(v, ids) for v in value]
    return value


def _insert(model, rows: list[dict]) -> None:
    """Insert rows as they are (Core: the ORM would reset ``version`` and timestamps)."""
    if rows:
        session.execute(insert(model.__table__), rows)


def import_initiative(data: Any, engagement_id: str) -> Initiative:
    """Recreate an exported initiative in ``engagement_id`` with new ids; nothing is written on bad input."""
    engagement = session.get(Engagement, engagement_id) if isinstance(engagement_id, str) else None
    if engagement is None:
        raise NotFound("Engagement not found.")
    doc = validate_document(data)

    # people, by email
    users: dict[str, User] = {}
    ids: dict[str, str] = {}
    for p in doc["people"]:
        user = find_user(p["email"]) or create_user(p["email"], None, p["name"])
        users[p["email"].strip().lower()] = user
        ids[p["id"]] = user.id

    def uid(ref: dict | None) -> str | None:
        return None if ref is None else users[ref["email"].strip().lower()].id

    # every other id, fresh and order-preserving
    old = [doc["initiative"]["id"]]
    for section in ("kpis", "kpi_agreements", "access_grants", "shadowing_sessions", "clusters", "cards",
                    "comments", "budget_requests", "spend"):
        old.extend(row["id"] for row in doc[section])
    old.extend(r["decision"]["id"] for r in doc["budget_requests"] if r["decision"])
    ids.update(_new_ids(old))
    ids[doc["initiative"]["engagement_id"]] = engagement.id

    def new(value: str | None) -> str | None:
        return None if value is None else ids[value]

    eid, iid = engagement.id, new(doc["initiative"]["id"])
    owned = {"engagement_id": eid, "initiative_id": iid}

    def rows(section: str, names: tuple, refs: tuple = ("id",), **extra) -> list[dict]:
        out = []
        for row in doc[section]:
            values = {n: row[n] for n in names}
            values.update({r: new(row[r]) for r in refs})
            values.update({column: uid(row[field]) for field, column in PERSON_COLUMNS.get(section, {}).items()})
            out.append({**values, **extra})
        return out

    ini = doc["initiative"]
    _insert(Initiative, [{
        **{n: ini[n] for n in INITIATIVE_FIELDS}, "id": iid, "engagement_id": eid,
        "created_by_id": uid(ini["created_by"]),
    }])
    _insert(Kpi, rows("kpis", KPI_FIELDS, **owned))
    _insert(KpiAgreement, rows("kpi_agreements", AGREEMENT_FIELDS, **owned))
    _insert(AccessGrant, rows("access_grants", GRANT_FIELDS, **owned))
    _insert(ShadowingSession, rows("shadowing_sessions", SESSION_FIELDS, **owned))
    _insert(Cluster, rows("clusters", CLUSTER_FIELDS, **owned))
    card_rows = rows("cards", CARD_FIELDS, ("id", "cluster_id", "shadowing_session_id"), **owned)
    known_entries = set(session.scalars(select(LibraryEntry.id).where(
        LibraryEntry.id.in_({r["inspired_by_id"] for r in card_rows if r["inspired_by_id"]}))))
    for row in card_rows:  # a library entry is kept as the source only where it exists here
        row["inspired_by_id"] = row["inspired_by_id"] if row["inspired_by_id"] in known_entries else None
    _insert(Card, card_rows)
    _insert(CardLink, rows("card_links", LINK_FIELDS, ("from_card_id", "to_card_id")))
    comment_rows = rows("comments", COMMENT_FIELDS, ("id", "card_id"), **owned)
    for row, doc_row in zip(comment_rows, doc["comments"]):
        row["mentions"] = [uid(ref) for ref in doc_row["mentions"]]
    _insert(Comment, comment_rows)
    _insert(BudgetRequest, rows("budget_requests", REQUEST_FIELDS, ("id", "card_id"), **owned))
    _insert(Decision, [
        {**{n: r["decision"][n] for n in DECISION_FIELDS}, "id": new(r["decision"]["id"]), "engagement_id": eid,
         "request_id": new(r["id"]), "decided_by_id": uid(r["decision"]["decided_by"])}
        for r in doc["budget_requests"] if r["decision"]
    ])
    _insert(Spend, rows("spend", SPEND_FIELDS, ("id", "card_id"), **owned))
    _insert(Event, [
        {"engagement_id": eid, "initiative_id": iid, "seq": e["seq"], "type": e["type"], "actor_id": uid(e["actor"]),
         "at": e["at"], "data": _remap(e["data"], ids)}
        for e in doc["events"]
    ])
    initiative = session.get(Initiative, iid, populate_existing=True)
    record(None, eid, None, "initiative.imported",
           {"initiative_id": iid, "title": initiative.title, "events": len(doc["events"])})
    return initiative
