"""KPIs, their measurements and a concluded experiment, made through HTTP for the KPI tests."""
from __future__ import annotations

import re

from tests.support.api import expect


def agree_both(world) -> dict:
    """A buyer and a provider member agree on the main initiative's KPIs; the agreement."""
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    return expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)


def concluded_with(world, **learning) -> dict:
    """An experiment taken through to concluded (KPIs agreed first) with ``learning`` on top; the card."""
    agree_both(world)
    card = expect(world.provider.post(f"/initiatives/{world.initiative}/cards",
                                      {"kind": "experiment", "title": "Pay by link"}), 201)
    version = card["version"]
    for change in ({"status": "proposed"}, {"status": "running"},
                   {"status": "concluded", "learned": "Cheaper", "decision": "scale", **learning}):
        version = expect(world.provider.patch(f"/cards/{card['id']}", {"version": version, **change}), 200)["version"]
    return expect(world.provider.get(f"/cards/{card['id']}"), 200)


def text_of(html: str) -> str:
    """The visible text of a page, roughly: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
