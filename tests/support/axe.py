"""axe-core (from ``frontend/node_modules``) run in a real page: WCAG 2.2 A/AA violations as readable lines."""
from __future__ import annotations

from tests.support.browser import ROOT

AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")), html: v.nodes[0]?.html ?? ""}));
}"""


def violations(page, impacts=("serious", "critical")) -> list[str]:
    """Each axe violation of one of ``impacts`` on the page as it is now: rule, impact, help, a few targets."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated, not added as a tag: every page's Content-Security-Policy refuses inline script
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(_RUN, WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}, {len(v['targets'])} nodes): {v['help']} — "
            + "; ".join(v["targets"][:4]) + f" — first: {v['html'][:300]}" for v in found if v["impact"] in impacts]


def node_count(lines: list[str]) -> int:
    """How many elements the ``violations`` lines name (a rule failing on 12 chips counts 12)."""
    return sum(int(line.split(", ", 1)[1].split(" nodes", 1)[0]) for line in lines)
