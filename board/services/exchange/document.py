"""The export document's schema, and the rules across it that a schema cannot see."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from marshmallow import ValidationError, fields, validate

from ...errors import Invalid, from_validation
from ...models.card import AUDIENCES, CARD_KINDS, DECISIONS, EXPERIMENT_STATUSES, OBSERVATION_KINDS
from ...models.engagement import SIDES
from ...models.initiative import GRANT_SCOPES, INITIATIVE_STATUSES
from ...schemas.common import MAX_TEXT, BaseSchema
from .fields import FORMAT, PERSON_COLUMNS, VERSION

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


class MeasurementDoc(BaseSchema):
    id = _id(required=True)
    kpi_id = _id(required=True)
    value = fields.Float(allow_nan=False, required=True)
    measured_at = _when(required=True)
    note = _text(required=True)
    experiment_id = _id(required=True, allow_none=True)
    created_by = _person(required=True)
    created_at = _when(required=True)


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
    private = fields.Boolean(load_default=False)
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
    measurement_id = _id(load_default=None, allow_none=True)
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
    tranche = _int(1, load_default=None, allow_none=True)  # documents from before tranches have none
    learned = _text(4000, load_default=None, allow_none=True)
    learned_at = _when(load_default=None, allow_none=True)
    learned_by = _person(load_default=None, allow_none=True)


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
    kpi_measurements = _many(MeasurementDoc)
    access_grants = _many(GrantDoc)
    shadowing_sessions = _many(SessionDoc)
    clusters = _many(ClusterDoc)
    cards = _many(CardDoc)
    card_links = _many(LinkDoc)
    comments = _many(CommentDoc)
    budget_requests = _many(RequestDoc)
    spend = _many(SpendDoc)
    events = _many(EventDoc)
    authors_hidden = fields.Boolean(load_default=False, metadata={
        "description": "Made by a member while the workshop hid authors: no card or comment author, no "
                       "actor of an anonymous event; such a document cannot be imported."})
    money = fields.Raw(load_default=None, metadata={"description": "Derived totals (services.money); "
                                                                  "recomputed, never imported."})


document_schema = DocumentSchema()
REQUIRED_BY_KIND = {"observation": ("text", "observation_kind"), "story": ("title",),
                    "experiment": ("title", "audience", "status")}



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
    for section in ("kpis", "kpi_agreements", "kpi_measurements", "access_grants", "shadowing_sessions", "clusters",
                    "cards", "comments", "budget_requests", "spend"):
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
    measurements = {m["id"] for m in doc["kpi_measurements"]}

    def refers(value: str | None, targets, where: str, what: str) -> None:
        if value is not None and value not in targets:
            raise Invalid(where, f"No {what} with id {value!r} in this document.")

    for i, card in enumerate(doc["cards"]):
        for field in REQUIRED_BY_KIND[card["kind"]]:
            if not card[field]:
                raise Invalid(f"cards.{i}.{field}", f"A {card['kind']} card needs a {field}.")
        refers(card["shadowing_session_id"], sessions, f"cards.{i}.shadowing_session_id", "shadowing session")
        refers(card["cluster_id"], clusters, f"cards.{i}.cluster_id", "cluster")
        refers(card["measurement_id"], measurements, f"cards.{i}.measurement_id", "KPI measurement")
    kpis = {k["id"] for k in doc["kpis"]}
    experiments = {c["id"] for c in doc["cards"] if c["kind"] == "experiment"}
    for i, m in enumerate(doc["kpi_measurements"]):
        refers(m["kpi_id"], kpis, f"kpi_measurements.{i}.kpi_id", "KPI")
        refers(m["experiment_id"], experiments, f"kpi_measurements.{i}.experiment_id", "experiment card")
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
    if data.get("authors_hidden") is True:
        raise Invalid("authors_hidden", "This export was made while the workshop hid authors, so it does not say "
                                        "who wrote what; export the initiative again once authors show.")
    try:
        doc = document_schema.load(data)
    except ValidationError as exc:
        raise from_validation(exc.messages) from exc
    _check(doc)
    return doc
