"""The demo (``board seed demo``): seeds/demo.yaml played through the services.

Every piece of the demo is created by the service a person would use, acting as the person the
seed file names, and validated by the schemas the REST API uses: the rules of sides, roles,
grants, KPI agreement and separation of duties hold, and every change is an event in the log.
The caller commits (the CLI's unit of work).
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from .db import session, utcnow
from .tags import tags_of
from .models import Card, Initiative, Invitation, User
from .schemas.budget import budget_request_schema, decision_schema, spend_schema
from .schemas.cards import card_create_schema, card_patch_schema, comment_schema
from .schemas.engagements import engagement_schema, invitation_schema
from .schemas.initiatives import (
    grant_schema, initiative_create_schema, initiative_patch_schema, kpi_create_schema, measurement_schema,
)
from .schemas.library import LibraryDecisionSchema, ProposalSchema
from .schemas.shadowing import shadowing_create_schema
from .services import (
    accounts, budget, cards, comments, engagements, grants, initiatives, invitations, kpis, library, shadowing,
)

SEED_FILE = Path(__file__).resolve().parent.parent / "seeds" / "demo.yaml"
STATUS_PATH = ("framing", "shadowing", "testing", "scaling")
EXPERIMENT_PATH = ("draft", "proposed", "running", "concluded")


def read_seed(path: Path = SEED_FILE) -> dict:
    """The parsed seed file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_demo(path: Path = SEED_FILE) -> bool:
    """Load the demo; ``False`` (and nothing written) when it is already there."""
    spec = read_seed(path)
    first = next(iter(spec["people"].values()))
    if accounts.find_user(first["email"]) is not None:
        return False
    _Demo(spec).load()
    return True



class _Demo:
    """Plays one seed file through the services."""

    def __init__(self, spec: dict):
        self.spec = spec
        self.people: dict[str, User] = {}
        self.now = utcnow()

    def who(self, key: str) -> User:
        try:
            return self.people[key]
        except KeyError:
            raise ValueError(f"seeds: unknown person {key!r}") from None

    def load(self) -> None:
        password = self.spec["password"]
        for key, person in self.spec["people"].items():
            self.people[key] = (accounts.find_user(person["email"])
                                or accounts.create_user(person["email"], password, person["name"]))
        for eng in self.spec["engagements"]:
            self.engagement(eng)

    @staticmethod
    def invite(admin: User, engagement_id: str, email: str, spec: dict) -> Invitation:
        view = invitations.invite(admin, engagement_id, invitation_schema.load(
            {"email": email, "side": spec["side"], "roles": spec["roles"]}))
        return session.get(Invitation, view["id"])

    def engagement(self, spec: dict) -> None:
        admin = self.who(spec["by"])
        engagement = engagements.create_engagement(admin, engagement_schema.load({
            k: spec[k] for k in ("name", "buyer_name", "provider_name", "side")}))
        for m in spec.get("members", []):
            person = self.who(m["who"])
            invitations.accept(self.invite(admin, engagement.id, person.email, m), person)
        for m in spec.get("invitations", []):
            self.invite(admin, engagement.id, m["email"], m)
        for init in spec.get("initiatives", []):
            _Board(self, engagement.id, init).load()


class _Board:
    """One initiative of the seed: KPIs, grants, shadowing, cards, budgets and comments, in that order."""

    def __init__(self, demo: _Demo, engagement_id: str, spec: dict):
        self.demo, self.engagement_id, self.spec = demo, engagement_id, spec
        self.sessions: dict[str, str] = {}
        self.cards: dict[str, Card] = {}
        self.initiative: Initiative | None = None

    def who(self, key: str) -> User:
        return self.demo.who(key)

    def load(self) -> None:
        s = self.spec
        self.initiative = initiatives.create_initiative(self.who(s["by"]), self.engagement_id, initiative_create_schema.load(
            {"title": s["title"], "problem": s.get("problem", ""), "outcome": s.get("outcome", "")}))
        target = s.get("status", "framing")
        self.kpis()
        for g in s.get("grants", []):
            expires = self.demo.now + timedelta(days=g["expires_in_days"]) if g.get("expires_in_days") else None
            grants.grant(self.who(g["by"]), self.initiative.id, grant_schema.load(
                {"scope": g["scope"], "expires_at": expires.isoformat() if expires else None}))
        self.advance_to(target, "shadowing")
        for sess in s.get("sessions", []):
            self.session(sess)
        for obs in s.get("observations", []):
            self.observation(obs)
        for story in s.get("stories", []):
            self.story(story)
        for exp in s.get("experiments", []):
            self.experiment(exp)
        for req in s.get("shadowing_budget", []):
            self.budget_request(req, initiative_id=self.initiative.id)
        for sp in s.get("shadowing_spend", []):
            budget.record_spend(self.who(sp["by"]), spend_schema.load({"amount": sp["amount"], "note": sp.get("note", "")}),
                                initiative_id=self.initiative.id)
        for c in s.get("comments", []):
            comments.add_comment(self.who(c["by"]), self.card(c["card"]).id, comment_schema.load({"text": c["text"]}))
        self.advance_to(target, target)

    def card(self, key: str) -> Card:
        try:
            return self.cards[key]
        except KeyError:
            raise ValueError(f"seeds: unknown card {key!r} on {self.spec['title']!r}") from None

    def add_card(self, key: str, card: Card) -> None:
        if key in self.cards:
            raise ValueError(f"seeds: card key {key!r} used twice on {self.spec['title']!r}")
        self.cards[key] = card

    def advance_to(self, target: str, upto: str) -> None:
        """Walk the initiative along framing → shadowing → testing → scaling towards ``upto``, never past
        ``target``; a ``target`` off that path (parked, done) is set directly once ``upto`` is the target."""
        actor = self.who(self.spec["by"])
        if target not in STATUS_PATH:
            if upto == target and self.initiative.status != target:
                self.set_status(actor, target)
            return
        stop = min(STATUS_PATH.index(target), STATUS_PATH.index(upto))
        for status in STATUS_PATH[STATUS_PATH.index(self.initiative.status) + 1:stop + 1]:
            self.set_status(actor, status)

    def set_status(self, actor: User, status: str) -> None:
        self.initiative = initiatives.update_initiative(actor, self.initiative.id, initiative_patch_schema.load(
            {"version": self.initiative.version, "status": status}))

    def kpis(self) -> None:
        for k in self.spec.get("kpis", []):
            kpi = kpis.create_kpi(self.who(k["by"]), self.initiative.id, kpi_create_schema.load(
                {f: k[f] for f in ("name", "unit", "baseline", "target") if f in k}))
            for m in k.get("measured", []):  # values measured since, oldest first
                at = self.demo.now - timedelta(days=m.get("days_ago", 0))
                kpis.record_measurement(self.who(m["by"]), kpi.id, measurement_schema.load(
                    {"value": m["value"], "measured_at": at.isoformat(), "note": m.get("note", "")}))
        for key in self.spec.get("agreed_by", []):
            kpis.agree(self.who(key), self.initiative.id)

    def session(self, spec: dict) -> None:
        started = self.demo.now - timedelta(days=spec.get("days_ago", 0))
        s = shadowing.create_session(self.who(spec["by"]), self.initiative.id, shadowing_create_schema.load({
            "host": spec["host"], "context": spec.get("context", ""), "started_at": started.isoformat(),
            "duration_minutes": spec.get("duration_minutes"), "customer_contact": spec.get("customer_contact", False),
        }))
        self.sessions[spec["key"]] = s.id

    def observation(self, spec: dict) -> None:
        data: dict[str, Any] = {"kind": "observation", "text": spec["text"],
                                "observation_kind": spec.get("kind", "pain_point"), "tags": tags_of(spec["text"])}
        if spec.get("session"):
            data["shadowing_session_id"] = self.sessions[spec["session"]]
        author = self.who(spec["by"])
        card = cards.create_card(author, self.initiative.id, card_create_schema.load(data))
        if spec.get("deleted"):
            card = cards.delete_card(author, card.id, card.version)
        self.add_card(spec["key"], card)

    def story(self, spec: dict) -> None:
        data = {"kind": "story", **{f: spec[f] for f in ("title", "persona", "situation", "struggle", "outcome") if f in spec},
                "evidence": [self.card(k).id for k in spec.get("evidence", [])]}
        card = cards.create_card(self.who(spec["by"]), self.initiative.id, card_create_schema.load(data))
        if spec.get("told_by"):
            card = cards.update_card(self.who(spec["told_by"]), card.id, card_patch_schema.load(
                {"version": card.version, "told": True}))
        self.add_card(spec["key"], card)

    def experiment(self, spec: dict) -> None:
        fields = ("title", "hypothesis", "test", "metric", "criterion", "audience")
        card = cards.create_card(self.who(spec["by"]), self.initiative.id, card_create_schema.load(
            {"kind": "experiment", **{f: spec[f] for f in fields if f in spec}}))
        self.add_card(spec["key"], card)
        for req in spec.get("budget", []):
            self.budget_request(req, card_id=card.id)
        target = spec.get("status", "draft")
        mover = self.who(spec.get("moved_by", spec["by"]))
        steps = EXPERIMENT_PATH[1:EXPERIMENT_PATH.index(target) + 1] if target in EXPERIMENT_PATH else ()
        for status in steps:
            if status == "concluded":
                break
            card = self.update(mover, card, {"status": status})
        for sp in spec.get("spend", []):
            budget.record_spend(self.who(sp["by"]), spend_schema.load({"amount": sp["amount"], "note": sp.get("note", "")}),
                                card_id=card.id)
        if target == "concluded":
            learning = spec["learning"]
            card = self.update(self.who(learning["by"]), card, {
                "status": "concluded", **{f: learning[f] for f in ("observed", "learned", "decision") if f in learning}})
            if spec.get("published_by"):
                card = self.update(self.who(spec["published_by"]), card, {"published": True})
            if spec.get("library"):
                self.library_entry(card, spec["library"])
        elif target == "parked":
            card = self.update(mover, card, {"status": "parked"})
        self.cards[spec["key"]] = card

    def library_entry(self, card: Card, spec: dict) -> None:
        """Propose the experiment's learning for the library, and decide it when the seed says who does."""
        entry = library.propose(self.who(spec["by"]), card.id, ProposalSchema().load(
            {f: spec[f] for f in ("title", "hypothesis", "learning", "tags") if f in spec}))
        if spec.get("decided_by"):
            decision = LibraryDecisionSchema().load({"approve": spec["approve"], "comment": spec.get("comment", "")})
            library.decide(self.who(spec["decided_by"]), entry["id"], decision["approve"], decision["comment"])

    def update(self, actor: User, card: Card, changes: dict) -> Card:
        return cards.update_card(actor, card.id, card_patch_schema.load({"version": card.version, **changes}))

    def budget_request(self, spec: dict, **owner) -> None:
        req = budget.request_budget(self.who(spec["by"]), budget_request_schema.load(
            {"amount": spec["amount"], "currency": spec["currency"], "purpose": spec.get("purpose", "")}), **owner)
        if spec.get("decided_by"):
            decision = {"approve": spec["approve"], "comment": spec.get("comment", "")}
            if spec.get("approved") is not None:
                decision["amount"] = spec["approved"]
            budget.decide(self.who(spec["decided_by"]), req.id, decision_schema.load(decision))  # resolves the sponsors' notices
        if spec.get("learned"):  # the tranche's learning card, which opens the next tranche
            budget.write_learning(self.who(spec["learned"]["by"]), req.id, {"learned": spec["learned"]["text"]})
