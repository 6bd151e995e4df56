"""Page one of the sponsor report: the ask, the best learning, the recommended decision and the
power-ups in plain words — what a sponsor reads in two minutes, from the facts the report holds."""
from __future__ import annotations

from ..models import BudgetRequest, Card, Engagement
from . import money

# each power-up level in words: who did what (buyer, provider)
COURAGE = ("{buyer} has not yet let {provider} shadow its work",
           "{buyer} let {provider} shadow its staff and processes",
           "{buyer} let {provider} meet its customers",
           "{buyer} and {provider} ran an experiment with customers")
BUDGET = ("no sponsor has approved a budget yet",
          "a sponsor approved a budget",
          "sponsors fund experiments",
          "every request is decided and spend stays within what was approved")
STORY = ("no customer story is evidenced yet",
         "a customer story is evidenced by what was seen",
         "customer stories reached the sponsor",
         "a learning is published for decision makers")
WORDS = {"courage": COURAGE, "budget": BUDGET, "story": STORY}


def power_ups_in_words(power_ups: dict, engagement: Engagement) -> list[str]:
    """``Courage 3 of 3: Northwind let Brightline meet its customers; next: …`` per power-up."""
    names = {"buyer": engagement.buyer_name, "provider": engagement.provider_name}
    lines = []
    for name, words in WORDS.items():
        m = power_ups[name]
        said = words[m["level"]].format(**names)
        next_step = f"; next: {m['next'][0].lower()}{m['next'][1:].rstrip('.')}" if m["next"] else ""
        lines.append(f"{name.capitalize()} {m['level']} of 3: {said}{next_step}.")
    return lines


def _ask(pending: list[tuple[BudgetRequest, Card | None]]) -> list[dict]:
    return [{"title": card.title or "" if card else "shadowing", "experiment": card is not None,
             "amount": money.text(r.amount_cents, r.currency), "purpose": r.purpose,
             "tranche": r.tranche if (r.tranche or 1) > 1 else None} for r, card in pending]


def _best_learning(experiments: list[dict]) -> dict | None:
    """A published learning, one to scale first; else the first concluded (the report's order)."""
    published = [e for e in experiments if e["card"].status == "concluded" and e["card"].published]
    published.sort(key=lambda e: e["card"].decision != "scale")
    return published[0] if published else None


def _recommendation(ask: list[dict], best: dict | None, experiments: list[dict], agreed: bool) -> str:
    if len(ask) == 1:
        a = ask[0]
        return (f"Decide the {a['amount']} asked for " + (f"“{a['title']}”" if a["experiment"] else "shadowing")
                + (f" (tranche {a['tranche']})" if a["tranche"] else "") + ".")
    if ask:
        return f"Decide the {len(ask)} requests waiting for a sponsor, listed above."
    if best and best["card"].decision == "scale":
        return f"Scale “{best['card'].title}”: its test met its criterion."
    running = [e for e in experiments if e["card"].status == "running"]
    if running:
        return f"Let “{running[0]['card'].title}” run to its end; its result decides the next step."
    if not agreed:
        return "Agree the KPIs on both sides before the next experiment starts."
    return "Choose the next experiment from the customer stories in this report."


def summarise(report: dict, pending: list[tuple[BudgetRequest, Card | None]]) -> dict:
    """Page one: ``ask`` (the requests awaiting a sponsor), ``best`` (a learning), ``recommendation``,
    ``power_ups`` (sentences); ``pending`` pairs each open request with its experiment."""
    ask = _ask(pending)
    best = _best_learning(report["experiments"])
    totals = money.totals([r for r, _ in pending])
    return {"ask": ask, "ask_total": [money.text(t.requested_cents, t.currency) for t in totals],
            "best": best, "recommendation": _recommendation(ask, best, report["experiments"], report["agreement"]["agreed"]),
            "power_ups": power_ups_in_words(report["power_ups"], report["engagement"])}
