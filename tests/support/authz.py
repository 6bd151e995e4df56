"""The authorization matrix's table: personas, the rules mapping a persona to a status, the resources
each cell acts on (``Ctx``) and every route of ``/api/v1`` with its rule (``ENDPOINTS``).

``tests/api/test_authz_matrix.py`` runs it; the isolation and invitation tests reuse its routes and personas.
"""
from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from typing import Any, Callable

from tests.support.api import PASSWORD, ApiClient, expect
from tests.support.photos import png

# ---------------------------------------------------------------- personas


@dataclass(frozen=True)
class Persona:
    name: str
    side: str | None = None  # None: not a member of the main engagement
    roles: frozenset = frozenset()
    anonymous: bool = False

    @property
    def member(self) -> bool:
        return self.side is not None

    @property
    def viewer(self) -> bool:
        return "viewer" in self.roles


def _p(name, side=None, *roles, anonymous=False) -> Persona:
    return Persona(name, side, frozenset(roles), anonymous)


MATRIX_PERSONAS = [
    _p("buyer_admin", "buyer", "member", "admin"),
    _p("buyer", "buyer", "member"),
    _p("sponsor", "buyer", "member", "sponsor"),
    _p("sponsor2", "buyer", "member", "sponsor"),
    _p("buyer_facilitator", "buyer", "member", "facilitator"),
    _p("viewer", "buyer", "viewer"),
    _p("provider", "provider", "member"),  # also a member of the other engagement
    _p("facilitator", "provider", "member", "facilitator"),
    _p("provider_admin", "provider", "member", "admin"),
    _p("provider_viewer", "provider", "viewer"),
    _p("outsider"),  # admin of the other engagement only
    _p("foreign_viewer"),  # a viewer of the other engagement only: a role elsewhere never turns 404 into 403
    _p("anonymous", anonymous=True),
    _p("bad_token", anonymous=True),  # a bearer token that is no one's
]
# personas the conftest ``world`` does not make; added by the buyer admin here
EXTRA_MEMBERS = {p.name: p for p in MATRIX_PERSONAS
                 if p.name in ("buyer_facilitator", "provider_admin", "provider_viewer")}
# personas of the other engagement only (side, roles there), added by its admin
FOREIGN_MEMBERS = {"foreign_viewer": ("buyer", ["viewer"])}


# ---------------------------------------------------------------- rules: persona -> status

Rule = Callable[[Persona], int]


def public(ok: int) -> Rule:
    return lambda p: ok


def signed_in(ok: int, anonymous: int = 401) -> Rule:
    return lambda p: anonymous if p.anonymous else ok


def read(ok: int = 200) -> Rule:
    def rule(p: Persona) -> int:
        if p.anonymous:
            return 401
        if not p.member:
            return 404
        return ok
    return rule


def write(ok: int, *, overrides: dict[str, int] | None = None) -> Rule:
    def rule(p: Persona) -> int:
        status = read(ok)(p)
        if status == ok and p.viewer:
            return 403
        if status == ok and overrides and p.name in overrides:
            return overrides[p.name]
        return status
    return rule


def buyer(ok: int) -> Rule:
    def rule(p: Persona) -> int:
        status = write(ok)(p)
        return 403 if status == ok and p.side != "buyer" else status
    return rule


def role(name: str, ok: int) -> Rule:
    def rule(p: Persona) -> int:
        status = write(ok)(p)
        return 403 if status == ok and name not in p.roles else status
    return rule


# ---------------------------------------------------------------- the resources


_counter = itertools.count(1)


class Ctx:
    """The world plus one of each resource, and makers of fresh targets for state-changing calls."""

    def __init__(self, app, world, make_user, client_for, anonymous, add_member):
        self.app, self.world, self.make_user, self.add_member = app, world, make_user, add_member
        self.clients = dict(world.clients)
        self.clients["anonymous"] = anonymous
        self.clients["bad_token"] = ApiClient(app.test_client(), token="clb_" + "x" * 43)
        w = world
        for name, p in EXTRA_MEMBERS.items():
            make_user(f"{name}@example.com", name.replace("_", " ").title())
            add_member(w.engagement, f"{name}@example.com", p.side, sorted(p.roles))
            self.clients[name] = client_for(f"{name}@example.com")
        for name, (side, roles) in FOREIGN_MEMBERS.items():
            make_user(f"{name}@example.com", name.replace("_", " ").title())
            add_member(w.other_engagement, f"{name}@example.com", side, roles)
            self.clients[name] = client_for(f"{name}@example.com")

        ini = w.initiative
        self.ids: dict[str, str] = {"eng": w.engagement, "ini": ini}
        self.ids["kpi"] = expect(w.buyer.post(f"/initiatives/{ini}/kpis", {"name": "Cost per case", "unit": "EUR"}), 201)["id"]
        self.ids["grant"] = expect(w.buyer.post(f"/initiatives/{ini}/access-grants", {"scope": "process"}), 201)["id"]
        self.ids["session"] = expect(w.provider.post(f"/initiatives/{ini}/shadowing-sessions",
                                                     {"host": "Ann, collections agent", "duration_minutes": 60}), 201)["id"]
        self.ids["obs"] = expect(w.provider.post(f"/initiatives/{ini}/cards", {
            "kind": "observation", "text": "Agents retype the address", "shadowing_session_id": self.ids["session"]}), 201)["id"]
        self.ids["story"] = expect(w.buyer.post(f"/initiatives/{ini}/cards", {
            "kind": "story", "title": "The retyped address", "evidence": [self.ids["obs"]]}), 201)["id"]
        self.ids["exp"] = expect(w.provider.post(f"/initiatives/{ini}/cards", {
            "kind": "experiment", "title": "Prefill the address", "hypothesis": "we believe"}), 201)["id"]
        # budget decisions in the matrix are about this one, so that no sponsor approves ``exp``'s budget
        self.ids["exp2"] = expect(w.provider.post(f"/initiatives/{ini}/cards", {
            "kind": "experiment", "title": "Callback window"}), 201)["id"]
        expect(w.buyer.post(f"/cards/{self.ids['obs']}/comments", {"text": "Seen it too"}), 201)
        # a pending request, and approved budget (by ``sponsor``) for the experiment and for shadowing
        self.ids["req"] = self.fresh_request()["req"]
        for target in (f"/cards/{self.ids['exp']}", f"/initiatives/{ini}"):
            req = expect(w.provider.post(f"{target}/budget-requests", {"amount": 1000, "currency": "EUR"}), 201)
            expect(w.sponsor.post(f"/budget-requests/{req['id']}/decision", {"approve": True, "comment": "go"}), 201)
            expect(w.provider.post(f"{target}/spend", {"amount": 1, "note": "coffee"}), 201)
        # the experiment's funded request, whose tranche learning the matrix writes
        self.ids["funded"] = expect(w.provider.get(f"/cards/{self.ids['exp']}/budget-requests"), 200)[0]["id"]
        # workshop: an open voting round, a cluster, and a notification for ``buyer`` (an @mention)
        self.ids["round"] = expect(w.facilitator.post(f"/initiatives/{ini}/voting-rounds",
                                                      {"votes_per_person": 5}), 201)["id"]
        self.ids["cluster"] = expect(w.buyer.post(f"/initiatives/{ini}/clusters", {"label": "Hand-offs"}), 201)["id"]
        expect(w.provider.post(f"/cards/{self.ids['story']}/comments", {"text": "@buyer have a look"}), 201)
        self.ids["notification"] = expect(w.buyer.get("/notifications"), 200)[0]["id"]
        self.ids.update(self.fresh_photo())  # reads of a photo need one that stays

    # fresh targets: each returns placeholders overriding ``ids`` for one call
    def fresh_initiative(self) -> dict:
        return {"ini": expect(self.world.buyer.post(f"/engagements/{self.world.engagement}/initiatives",
                                                    {"title": f"Initiative {next(_counter)}"}), 201)["id"]}

    def fresh_kpi(self) -> dict:
        return {"kpi": expect(self.world.buyer.post(f"/initiatives/{self.ids['ini']}/kpis",
                                                    {"name": f"KPI {next(_counter)}"}), 201)["id"]}

    def fresh_measurement(self) -> dict:
        """A measurement ``provider`` recorded of the main KPI (the author; a facilitator may remove it too)."""
        return {"measurement": expect(self.world.provider.post(f"/kpis/{self.ids['kpi']}/measurements",
                                                               {"value": 4.5}), 201)["id"]}

    def fresh_grant(self) -> dict:
        return {"grant": expect(self.world.buyer.post(f"/initiatives/{self.ids['ini']}/access-grants",
                                                      {"scope": "process"}), 201)["id"]}

    def fresh_session(self) -> dict:
        return {"session": expect(self.world.provider.post(f"/initiatives/{self.ids['ini']}/shadowing-sessions",
                                                           {"host": "Bob"}), 201)["id"]}

    def fresh_card(self, kind: str) -> dict:
        body = {"kind": kind, "text": "seen"} if kind == "observation" else {"kind": kind, "title": "t"}
        return {"card": expect(self.world.provider.post(f"/initiatives/{self.ids['ini']}/cards", body), 201)["id"]}

    def fresh_photo(self) -> dict:
        """A photo ``provider`` added to a fresh observation (the author; a facilitator may remove it too)."""
        card_id = self.fresh_card("observation")["card"]
        card = expect(self.world.provider.request("POST", f"/cards/{card_id}/photos", data=photo_form(),
                                                  content_type="multipart/form-data"), 201)
        return {"photo": card["photos"][-1]["id"]}

    def fresh_deleted_card(self) -> dict:
        card = self.fresh_card("observation")
        expect(self.world.provider.delete(f"/cards/{card['card']}", {"version": 1}), 200)
        return card

    def fresh_request(self) -> dict:
        return {"req": expect(self.world.provider.post(f"/cards/{self.ids['exp2']}/budget-requests", {
            "amount": 100, "currency": "EUR", "purpose": "prototype"}), 201)["id"]}

    def fresh_round(self) -> dict:
        """An open round on a board of its own (one open round per board)."""
        ini = self.fresh_initiative()["ini"]
        card = expect(self.world.provider.post(f"/initiatives/{ini}/cards", {"kind": "observation", "text": "x"}), 201)
        rnd = expect(self.world.facilitator.post(f"/initiatives/{ini}/voting-rounds", {"votes_per_person": 2}), 201)
        return {"ini": ini, "card": card["id"], "round": rnd["id"]}

    def fresh_workshop(self) -> dict:
        """A workshop running (a timer) on a board of its own, to end."""
        ini = self.fresh_initiative()["ini"]
        expect(self.world.facilitator.put(f"/initiatives/{ini}/workshop/timer", {"action": "start", "seconds": 60}), 200)
        return {"ini": ini}

    def fresh_phased(self) -> dict:
        """A workshop started from a template, on a board of its own."""
        ini = self.fresh_initiative()["ini"]
        expect(self.world.facilitator.post(f"/initiatives/{ini}/workshop/start", {"template_id": "shadowing-debrief"}),
               200)
        return {"ini": ini}

    def fresh_discussion(self) -> dict:
        """A phased workshop in discuss, with a one-card agenda."""
        ids, w = self.fresh_round(), self.world
        expect(w.facilitator.post(f"/voting-rounds/{ids['round']}/reveal"), 200)
        expect(w.facilitator.post(f"/initiatives/{ids['ini']}/workshop/start", {"template_id": "story-mapping"}), 200)
        rnd = expect(w.facilitator.put(f"/initiatives/{ids['ini']}/workshop/phase",
                                       {"step": 2, "scope": {"card_ids": [ids["card"]]}}), 200)["voting_round_id"]
        expect(w.provider.post(f"/voting-rounds/{rnd}/votes", {"card_id": ids["card"]}), 201)
        expect(w.facilitator.put(f"/initiatives/{ids['ini']}/workshop/phase", {"step": 3}), 200)
        return {"ini": ids["ini"]}

    def fresh_template(self) -> dict:
        return {"template": expect(self.world.facilitator.post(
            f"/engagements/{self.world.engagement}/workshop-templates",
            {"name": f"Template {next(_counter)}", "steps": [{"phase": "reflect"}]}), 201)["id"]}

    def fresh_votes(self) -> dict:
        """A round in which every member who may vote has a dot on ``card``."""
        ids = self.fresh_round()
        for p in MATRIX_PERSONAS:
            if p.member and not p.viewer:
                expect(self.clients[p.name].post(f"/voting-rounds/{ids['round']}/votes", {"card_id": ids["card"]}), 201)
        return ids

    def fresh_cluster(self) -> dict:
        return {"cluster": expect(self.world.buyer.post(f"/initiatives/{self.ids['ini']}/clusters",
                                                        {"label": f"Cluster {next(_counter)}"}), 201)["id"]}

    def fresh_concluded(self) -> dict:
        """A concluded experiment with a learning (KPIs agreed by both sides first)."""
        w, ini = self.world, self.ids["ini"]
        expect(w.buyer.post(f"/initiatives/{ini}/kpis/agree"), 200)
        expect(w.provider.post(f"/initiatives/{ini}/kpis/agree"), 200)
        card = expect(w.provider.post(f"/initiatives/{ini}/cards", {"kind": "experiment", "title": "Done"}), 201)
        version = card["version"]
        for change in ({"status": "proposed"}, {"status": "running"},
                       {"status": "concluded", "learned": "It works", "decision": "scale"}):
            version = expect(w.provider.patch(f"/cards/{card['id']}", {"version": version, **change}), 200)["version"]
        return {"card": card["id"]}

    def fresh_proposal(self) -> dict:
        card = self.fresh_concluded()["card"]
        return {"entry": expect(self.world.provider.post(f"/cards/{card}/library-proposals", {}), 201)["id"]}

    def approved_entry(self) -> dict:
        if "entry" not in self.ids:
            entry = self.fresh_proposal()["entry"]
            expect(self.world.buyer.post(f"/library-proposals/{entry}/decision", {"approve": True}), 200)
            self.ids["entry"] = entry
        return {"entry": self.ids["entry"]}

    def fresh_member(self) -> dict:
        email = f"extra{next(_counter)}@example.com"
        self.make_user(email)
        return {"user": self.add_member(self.world.engagement, email, "provider")}

    def fresh_invitation(self) -> dict:
        """A pending invitation of someone with no account: its id and its link's token."""
        inv = expect(self.world.buyer_admin.post(f"/engagements/{self.world.engagement}/invitations", {
            "email": f"invitee{next(_counter)}@example.com", "side": "provider", "roles": ["member"]}), 201)
        return {"invitation": inv["id"], "token": inv["link"].rsplit("/", 1)[1]}


def photo_form() -> dict:
    """A ``multipart/form-data`` photo upload (``Endpoint.form``)."""
    return {"photo": (io.BytesIO(png()), "photo.png"), "personal_data_confirmed": "true"}


def photo_remover(p: Persona, ok: int = 200) -> int:
    """Whoever added the photo (``provider``) or a facilitator; other writers 403."""
    status = write(ok)(p)
    return 403 if status == ok and p.name != "provider" and "facilitator" not in p.roles else status


def measurement_remover(p: Persona) -> int:
    """Whoever recorded the measurement (``provider``) or a facilitator; other writers 403."""
    return photo_remover(p, 204)


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Endpoint:
    group: str
    method: str
    path: str  # template: {eng} {ini} {kpi} {measurement} {grant} {session} {obs} {story} {exp} {exp2} {card} {req} {funded} {user} {token}
    rule: Rule
    body: Any = None  # a dict, or a function (ctx, persona) -> dict
    fresh: Callable[[Ctx], dict] | None = None  # a fresh target per persona
    note: str = ""
    only: tuple[str, ...] = ()  # a subset of personas, when membership cannot matter
    form: Callable[[], dict] | None = None  # a multipart body instead of JSON (uploads)

    @property
    def personas(self) -> list[Persona]:
        return [p for p in MATRIX_PERSONAS if not self.only or p.name in self.only]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}" + (f" [{self.note}]" if self.note else "")


def _credentials(ctx: Ctx, p: Persona) -> dict:
    if p.anonymous:  # nobody: a wrong password
        return {"email": "buyer@example.com", "password": "not-the-password"}
    return {"email": f"{p.name}@example.com", "password": PASSWORD}


# signing in depends on credentials only (and argon2 is slow on purpose): a member, a viewer, a
# non-member and a wrong password are enough
CREDENTIAL_PERSONAS = ("buyer", "viewer", "outsider", "anonymous")
E = Endpoint
ENDPOINTS: list[Endpoint] = [
    # accounts: not engagement-scoped
    E("accounts", "GET", "/openapi.json", public(200)),
    E("accounts", "POST", "/auth/login", signed_in(200), body=_credentials, note="own credentials",
      only=CREDENTIAL_PERSONAS),
    E("accounts", "POST", "/auth/token", signed_in(201), body=_credentials, note="own credentials",
      only=CREDENTIAL_PERSONAS),
    E("accounts", "POST", "/auth/logout", signed_in(204)),
    E("accounts", "GET", "/me", signed_in(200)),
    E("accounts", "GET", "/engagements", signed_in(200)),
    E("accounts", "POST", "/engagements", signed_in(201),
      body={"name": "Own", "buyer_name": "B", "provider_name": "P", "side": "buyer"}),
    E("accounts", "PATCH", "/me", signed_in(200), body=lambda ctx, p: {"name": p.name.replace("_", " ").title()}),
    E("accounts", "POST", "/auth/password-reset", public(202), body=lambda ctx, p: {"email": f"{p.name}@example.com"},
      only=CREDENTIAL_PERSONAS),
    E("accounts", "POST", "/auth/password-reset/confirm", public(404), note="a made-up link",
      body={"token": "x" * 43, "password": "a-long-new-password"}, only=CREDENTIAL_PERSONAS),
    # the engagement and its members
    E("engagement", "GET", "/engagements/{eng}", read()),
    E("engagement", "GET", "/engagements/{eng}/events", read()),
    E("engagement", "GET", "/engagements/{eng}/checklist", read()),
    E("engagement", "PATCH", "/engagements/{eng}/members/{user}", role("admin", 200), fresh=Ctx.fresh_member,
      body={"roles": ["member", "facilitator"]}),
    E("engagement", "DELETE", "/engagements/{eng}/members/{user}", role("admin", 204), fresh=Ctx.fresh_member),
    # invitations: admins invite and manage them; only the invited e-mail's owner answers
    E("invitations", "POST", "/engagements/{eng}/invitations", role("admin", 201),
      body=lambda ctx, p: {"email": f"new{next(_counter)}@example.com", "side": "buyer", "roles": ["member"]}),
    E("invitations", "GET", "/engagements/{eng}/invitations", role("admin", 200)),
    E("invitations", "POST", "/invitations/{invitation}/resend", role("admin", 200), fresh=Ctx.fresh_invitation),
    E("invitations", "DELETE", "/invitations/{invitation}", role("admin", 200), fresh=Ctx.fresh_invitation),
    E("invitations", "GET", "/invitations/{token}", public(200), fresh=Ctx.fresh_invitation, note="the link"),
    E("invitations", "POST", "/me/invitations/{invitation}/accept", signed_in(404), fresh=Ctx.fresh_invitation,
      note="someone else's"),
    E("invitations", "POST", "/me/invitations/{invitation}/decline", signed_in(404), fresh=Ctx.fresh_invitation,
      note="someone else's"),
    E("invitations", "POST", "/invitations/{token}/decline", signed_in(403, anonymous=200), fresh=Ctx.fresh_invitation,
      note="the link; signed in as another e-mail: 403"),
    # last of its group: the anonymous clients end up signed in as the account they made
    E("invitations", "POST", "/invitations/{token}/accept", signed_in(403, anonymous=200), fresh=Ctx.fresh_invitation,
      body={"name": "New Person", "password": "a-long-new-password"}, note="the link; creates the account"),
    E("engagement", "GET", "/engagements/{eng}/initiatives", read()),
    E("engagement", "POST", "/engagements/{eng}/initiatives", write(201), body={"title": "Shorter calls"}),
    E("engagement", "GET", "/engagements/{eng}/budget-requests", read()),
    E("engagement", "GET", "/engagements/{eng}/budget-requests?status=pending", read(), note="sponsor inbox"),
    # the initiative and its read-side
    E("initiative", "GET", "/initiatives/{ini}", read()),
    E("initiative", "PATCH", "/initiatives/{ini}", write(200), body={"version": 1, "status": "shadowing"},
      fresh=Ctx.fresh_initiative),
    E("initiative", "GET", "/initiatives/{ini}/power-ups", read()),
    E("initiative", "GET", "/initiatives/{ini}/events", read()),
    E("initiative", "GET", "/initiatives/{ini}/events?after=2", read()),
    # KPIs
    E("initiative", "GET", "/initiatives/{ini}/kpis", read()),
    E("initiative", "POST", "/initiatives/{ini}/kpis", write(201), body={"name": "Handle time", "unit": "min"}),
    E("initiative", "PATCH", "/kpis/{kpi}", write(200), body={"version": 1, "target": 3.5}, fresh=Ctx.fresh_kpi),
    E("initiative", "DELETE", "/kpis/{kpi}", write(204), fresh=Ctx.fresh_kpi),
    E("initiative", "GET", "/kpis/{kpi}/measurements", read()),
    E("initiative", "POST", "/kpis/{kpi}/measurements", write(201), body={"value": 3.2}),
    E("initiative", "DELETE", "/measurements/{measurement}", measurement_remover, fresh=Ctx.fresh_measurement),
    E("initiative", "GET", "/initiatives/{ini}/kpis/agreement", read()),
    E("initiative", "POST", "/initiatives/{ini}/kpis/agree", write(200)),
    # access grants: the buyer's courage
    E("grants-shadowing", "GET", "/initiatives/{ini}/access-grants", read()),
    E("grants-shadowing", "POST", "/initiatives/{ini}/access-grants", buyer(201), body={"scope": "customers"}),
    E("grants-shadowing", "POST", "/access-grants/{grant}/revoke", buyer(200), fresh=Ctx.fresh_grant),
    # shadowing
    E("grants-shadowing", "GET", "/initiatives/{ini}/shadowing-sessions", read()),
    E("grants-shadowing", "POST", "/initiatives/{ini}/shadowing-sessions", write(201),
      body={"host": "Carla", "context": "inbound calls", "duration_minutes": 30}),
    E("grants-shadowing", "GET", "/shadowing-sessions/{session}", read()),
    E("grants-shadowing", "PATCH", "/shadowing-sessions/{session}", write(200), body={"version": 1, "context": "late shift"},
      fresh=Ctx.fresh_session),
    # cards of the three kinds
    E("cards", "GET", "/initiatives/{ini}/cards", read()),
    E("cards", "GET", "/initiatives/{ini}/cards?kind=story", read(), note="one kind"),
    E("cards", "POST", "/initiatives/{ini}/cards", write(201), note="observation",
      body=lambda ctx, p: {"kind": "observation", "text": "Hold music loops", "shadowing_session_id": ctx.ids["session"]}),
    E("cards", "POST", "/initiatives/{ini}/cards", write(201), note="story",
      body=lambda ctx, p: {"kind": "story", "title": "Waiting", "evidence": [ctx.ids["obs"]]}),
    E("cards", "POST", "/initiatives/{ini}/cards", write(201), note="experiment",
      body={"kind": "experiment", "title": "Call back", "audience": "staff"}),
    E("cards", "GET", "/cards/{obs}", read(), note="observation"),
    E("cards", "GET", "/cards/{story}", read(), note="story"),
    E("cards", "GET", "/cards/{exp}", read(), note="experiment"),
    E("cards", "PATCH", "/cards/{card}", write(200), note="observation", body={"version": 1, "text": "edited"},
      fresh=lambda ctx: ctx.fresh_card("observation")),
    E("cards", "PATCH", "/cards/{card}", write(200), note="story", body={"version": 1, "told": True},
      fresh=lambda ctx: ctx.fresh_card("story")),
    E("cards", "PATCH", "/cards/{card}", write(200), note="experiment", body={"version": 1, "status": "proposed"},
      fresh=lambda ctx: ctx.fresh_card("experiment")),
    E("cards", "DELETE", "/cards/{card}", write(200), note="observation", body={"version": 1},
      fresh=lambda ctx: ctx.fresh_card("observation")),
    E("cards", "DELETE", "/cards/{card}", write(200), note="story", body={"version": 1},
      fresh=lambda ctx: ctx.fresh_card("story")),
    E("cards", "DELETE", "/cards/{card}", write(200), note="experiment", body={"version": 1},
      fresh=lambda ctx: ctx.fresh_card("experiment")),
    E("cards", "POST", "/cards/{card}/restore", write(200), fresh=Ctx.fresh_deleted_card),
    # photos of observations: writers add them; the author or a facilitator removes one
    E("cards", "POST", "/cards/{card}/photos", write(201), form=photo_form,
      fresh=lambda ctx: ctx.fresh_card("observation")),
    E("cards", "GET", "/photos/{photo}", read(), fresh=Ctx.fresh_photo),
    E("cards", "GET", "/photos/{photo}/thumb", read(), fresh=Ctx.fresh_photo),
    E("cards", "DELETE", "/photos/{photo}", photo_remover, fresh=Ctx.fresh_photo),
    # comments
    E("cards", "GET", "/cards/{obs}/comments", read()),
    E("cards", "GET", "/initiatives/{ini}/comment-counts", read()),
    E("cards", "POST", "/cards/{obs}/comments", write(201), body={"text": "Me too @buyer"}, note="observation"),
    E("cards", "POST", "/cards/{story}/comments", write(201), body={"text": "Nice"}, note="story"),
    E("cards", "POST", "/cards/{exp}/comments", write(201), body={"text": "When?"}, note="experiment"),
    # budget: anyone requests; sponsors decide (never their own: see the tests below)
    E("budget", "POST", "/cards/{exp}/budget-requests", write(201), body={"amount": 50, "currency": "EUR"}),
    E("budget", "GET", "/cards/{exp}/budget-requests", read()),
    E("budget", "POST", "/initiatives/{ini}/budget-requests", write(201), body={"amount": 50, "currency": "EUR"}),
    E("budget", "GET", "/initiatives/{ini}/budget-requests", read()),
    E("budget", "POST", "/budget-requests/{req}/decision", role("sponsor", 201),
      body={"approve": True, "amount": 80, "comment": "less"}, fresh=Ctx.fresh_request),
    # spend against approved budget; ``sponsor`` approved it, so records none (separation of duties)
    E("budget", "POST", "/cards/{exp}/spend", write(201, overrides={"sponsor": 403}), body={"amount": 1}),
    E("budget", "GET", "/cards/{exp}/spend", read()),
    E("budget", "POST", "/initiatives/{ini}/spend", write(201, overrides={"sponsor": 403}), body={"amount": 1}),
    E("budget", "GET", "/initiatives/{ini}/spend", read()),
    # a funded tranche's learning: anyone who writes; the money of an initiative: anyone who reads
    E("budget", "POST", "/budget-requests/{funded}/learning", write(200), body={"learned": "It worked for one team"}),
    E("budget", "GET", "/initiatives/{ini}/money", read()),
    # exports, search, the sponsor report and the quarterly review: members read them, viewers too
    E("initiative", "GET", "/initiatives/{ini}/export.json", read()),
    E("reports", "GET", "/initiatives/{ini}/export.csv", read()),
    E("reports", "GET", "/initiatives/{ini}/report", read()),
    E("reports", "GET", "/initiatives/{ini}/report.pdf", read()),
    E("reports", "GET", "/engagements/{eng}/review", read()),
    E("reports", "GET", "/engagements/{eng}/review?quarter=2026-Q4", read(), note="a quarter"),
    E("reports", "GET", "/engagements/{eng}/review.html", read()),
    E("reports", "GET", "/engagements/{eng}/search?q=address", read(), note="search"),
    # workshop mode: facilitators run it, members take part
    E("workshop", "GET", "/initiatives/{ini}/workshop", read()),
    E("workshop", "PATCH", "/initiatives/{ini}/workshop", role("facilitator", 200), body={"anonymous": False}),
    E("workshop", "PUT", "/initiatives/{ini}/workshop/timer", role("facilitator", 200),
      body={"action": "start", "seconds": 300}),
    E("workshop", "PUT", "/initiatives/{ini}/workshop/focus", role("facilitator", 200),
      body=lambda ctx, p: {"card_id": ctx.ids["obs"]}),
    E("workshop", "POST", "/initiatives/{ini}/workshop/end", role("facilitator", 200), fresh=Ctx.fresh_workshop),
    E("workshop", "POST", "/initiatives/{ini}/workshop/start", role("facilitator", 200),
      body={"template_id": "quarterly-learning-review"}, fresh=Ctx.fresh_initiative),
    E("workshop", "PUT", "/initiatives/{ini}/workshop/phase", role("facilitator", 200), body={"step": 1},
      fresh=Ctx.fresh_phased),
    E("workshop", "PUT", "/initiatives/{ini}/workshop/agenda", role("facilitator", 200), body={"index": 0},
      fresh=Ctx.fresh_discussion),
    E("workshop", "GET", "/engagements/{eng}/workshop-templates", read()),
    E("workshop", "POST", "/engagements/{eng}/workshop-templates", role("facilitator", 201),
      body={"name": "Retro", "steps": [{"phase": "reflect", "prompt": "What went well?"}]}),
    E("workshop", "DELETE", "/workshop-templates/{template}", role("facilitator", 204), fresh=Ctx.fresh_template),
    E("workshop", "GET", "/initiatives/{ini}/voting-rounds", read()),
    E("workshop", "POST", "/initiatives/{ini}/voting-rounds", role("facilitator", 201), body={"votes_per_person": 3},
      fresh=Ctx.fresh_initiative),
    E("workshop", "GET", "/voting-rounds/{round}", read()),
    E("workshop", "POST", "/voting-rounds/{round}/votes", write(201), body=lambda ctx, p: {"card_id": ctx.ids["obs"]}),
    E("workshop", "DELETE", "/voting-rounds/{round}/votes/{card}", write(200), fresh=Ctx.fresh_votes),
    E("workshop", "POST", "/voting-rounds/{round}/reveal", role("facilitator", 200), fresh=Ctx.fresh_round),
    E("workshop", "GET", "/initiatives/{ini}/clusters", read()),
    E("workshop", "POST", "/initiatives/{ini}/clusters", write(201), body={"label": "Waiting"}),
    E("workshop", "PATCH", "/clusters/{cluster}", write(200), body={"label": "Renamed"}),
    E("workshop", "DELETE", "/clusters/{cluster}", write(204), fresh=Ctx.fresh_cluster),
    # the learning library: provider proposes, a buyer member decides, readers reuse
    E("library", "POST", "/cards/{card}/library-proposals", write(201, overrides={
        p.name: 403 for p in MATRIX_PERSONAS if p.side == "buyer"}), body={}, fresh=Ctx.fresh_concluded),
    E("library", "POST", "/library-proposals/{entry}/decision", buyer(200), body={"approve": True},
      fresh=Ctx.fresh_proposal),
    E("library", "GET", "/engagements/{eng}/library-proposals", read()),
    E("library", "GET", "/library", signed_in(200)),
    E("library", "GET", "/library?q=works", signed_in(200), note="search"),
    E("library", "POST", "/library/{entry}/reuse", write(201), body=lambda ctx, p: {"initiative_id": ctx.ids["ini"]},
      fresh=Ctx.approved_entry),
    # notifications are personal: only their owner sees them
    E("accounts", "GET", "/notifications", signed_in(200)),
    E("accounts", "POST", "/notifications/read", signed_in(200)),
    E("accounts", "POST", "/notifications/{notification}/read",
      lambda p: 401 if p.anonymous else (200 if p.name == "buyer" else 404), note="buyer's own"),
]
GROUPS = list(dict.fromkeys(e.group for e in ENDPOINTS))


def shape(path: str) -> str:
    """A route with its placeholders blanked, for matching the table to the URL map."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "<>", path.split("?")[0])
