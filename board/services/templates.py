"""Workshop templates: the built-in four and the ones facilitators save for their engagement.

A template is a list of *steps*, each ``{phase, prompt, seconds}`` (``seconds``: the step's timer, or
``None``), where ``phase`` is reflect, group, vote or discuss; a vote step may set ``votes_per_person`` and
the lane (``kind``) it covers, a discuss step how many ``topics`` of the ranking it talks through.
"""
from __future__ import annotations

from sqlalchemy import select

from ..db import session, utcnow
from ..errors import Invalid
from ..models import User, WorkshopTemplate
from ..permissions import FACILITATE, WRITE, member_or_404, require, scoped


def _step(phase: str, prompt: str, seconds: int | None, **extra) -> dict:
    return {"phase": phase, "prompt": prompt, "seconds": seconds, **extra}


BUILTIN = {
    "shadowing-debrief": {
        "name": "Shadowing debrief",
        "description": "Turn what the shadowers saw into the observations that matter most, and what to do next.",
        "steps": [
            _step("reflect", "What did you see or hear while shadowing? One observation per card.", 600),
            _step("group", "Read everyone's observations; cluster the ones that belong together.", 600),
            _step("vote", "Which observations hurt the customer most?", 300, votes_per_person=3, kind="observation"),
            _step("discuss", "Talk the top observations through: a story to tell, or an experiment to run?", 300,
                  topics=5),
        ],
    },
    "story-mapping": {
        "name": "Story mapping",
        "description": "Write customer stories from the evidence, then pick the ones to carry to the sponsors.",
        "steps": [
            _step("reflect", "Write a customer story: who, in what situation, struggling with what, wanting what?",
                  900),
            _step("group", "Read the stories; cluster the ones about the same struggle.", 600),
            _step("vote", "Which stories should the decision makers hear first?", 300, votes_per_person=3,
                  kind="story"),
            _step("discuss", "For each top story: what evidence backs it, and what would we test?", 300, topics=3),
        ],
    },
    "experiment-prioritisation": {
        "name": "Experiment prioritisation",
        "description": "Propose small experiments, rank them, and decide which ones ask for a budget.",
        "steps": [
            _step("reflect", "Propose an experiment: a hypothesis and the smallest test that would show it.", 600),
            _step("group", "Read the proposals; cluster the ones testing the same idea.", 300),
            _step("vote", "Which experiments would teach us most for the least?", 300, votes_per_person=3,
                  kind="experiment"),
            _step("discuss", "For each top experiment: the KPI it moves, the budget it needs, who runs it.", 420,
                  topics=3),
        ],
    },
    "quarterly-learning-review": {
        "name": "Quarterly learning review",
        "description": "Look back on a quarter of shadowing and experiments with the sponsors: what did we learn?",
        "steps": [
            _step("reflect", "What did we learn this quarter? What surprised you?", 900),
            _step("group", "Cluster the learnings by theme.", 600),
            _step("vote", "Which learnings should change how we work next quarter?", 300, votes_per_person=5),
            _step("discuss", "For each top learning: what do we keep, stop or scale?", 600, topics=5),
        ],
    },
}


def _view(template_id: str, name: str, description: str, steps: list[dict], builtin: bool) -> dict:
    return {"id": template_id, "name": name, "description": description, "steps": steps, "builtin": builtin}


def list_templates(actor: User, engagement_id: str) -> list[dict]:
    """The built-in templates, then the engagement's own, oldest first."""
    member_or_404(actor, engagement_id)
    own = session.scalars(select(WorkshopTemplate).where(WorkshopTemplate.engagement_id == engagement_id)
                          .order_by(WorkshopTemplate.created_at, WorkshopTemplate.id))
    return [*(_view(k, t["name"], t["description"], t["steps"], True) for k, t in BUILTIN.items()),
            *(_view(t.id, t.name, t.description, t.steps, False) for t in own)]


def find(engagement_id: str, template_id: str) -> dict:
    """A template the engagement can start a workshop from, or a 422 naming ``template_id``."""
    if template_id in BUILTIN:
        t = BUILTIN[template_id]
        return _view(template_id, t["name"], t["description"], t["steps"], True)
    own = session.get(WorkshopTemplate, template_id) if isinstance(template_id, str) else None
    if own is None or own.engagement_id != engagement_id:
        raise Invalid("template_id", "No such workshop template in this engagement.")
    return _view(own.id, own.name, own.description, own.steps, False)


def save(actor: User, engagement_id: str, data: dict) -> dict:
    """A facilitator saves a template for the engagement (the schema checked each step's fields)."""
    me = member_or_404(actor, engagement_id)
    require(me, WRITE)
    require(me, FACILITATE)
    if not data["name"].strip():
        raise Invalid("name", "Give the template a name.")
    steps = [{"phase": s["phase"], "prompt": s.get("prompt") or "", "seconds": s.get("seconds"),
              **{k: s[k] for k in ("votes_per_person", "kind", "topics") if s.get(k) is not None}}
             for s in data["steps"]]
    for i, step in enumerate(steps):
        wrong = {"votes_per_person", "kind"} & set(step) if step["phase"] != "vote" else set()
        wrong |= {"topics"} & set(step) if step["phase"] != "discuss" else set()
        if wrong:
            raise Invalid("steps", f"Step {i + 1} ({step['phase']}) cannot set {', '.join(sorted(wrong))}.")
    row = WorkshopTemplate(engagement_id=engagement_id, name=data["name"].strip(),
                           description=(data.get("description") or "").strip(), steps=steps,
                           created_by_id=actor.id, created_at=utcnow())
    session.add(row)
    session.flush()
    return _view(row.id, row.name, row.description, row.steps, False)


def delete(actor: User, template_id: str) -> None:
    """A facilitator deletes one of the engagement's own templates (built-ins stay)."""
    if template_id in BUILTIN:
        raise Invalid("template_id", "Built-in templates cannot be deleted.")
    row, me = scoped(actor, WorkshopTemplate, template_id, write=True, what="Workshop template")
    require(me, FACILITATE)
    session.delete(row)
