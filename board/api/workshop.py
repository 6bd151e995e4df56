"""Workshop mode: the facilitator's timer, focus and anonymity, and its end; dot voting; clusters."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.workshop import (AgendaSchema, ClusterSchema, FocusSchema, PhaseMoveSchema, TimerActionSchema,
                                VoteSchema, VotingRoundCreateSchema, VotingRoundSchema, WorkshopEndedSchema,
                                WorkshopSchema, WorkshopStartSchema, WorkshopTemplateSchema)
from ..services import clusters, phases, templates, voting, workshop
from . import PREFIX

blp = Blueprint("workshop", __name__, url_prefix=PREFIX, description="Workshops: timer, focus, voting, clusters")


@blp.get("/initiatives/<initiative_id>/workshop")
@blp.response(200, WorkshopSchema)
def get_workshop(initiative_id):
    """The board's workshop state (timer, focus, anonymity, open voting round)."""
    return workshop.get_state(require_user(), initiative_id)


@blp.patch("/initiatives/<initiative_id>/workshop")
@blp.arguments(WorkshopSchema)
@blp.response(200, WorkshopSchema)
def set_anonymity(data, initiative_id):
    """The facilitator hides or shows who wrote each card (sides always show)."""
    return workshop.set_anonymous(require_user(), initiative_id, data["anonymous"])


@blp.put("/initiatives/<initiative_id>/workshop/timer")
@blp.arguments(TimerActionSchema)
@blp.response(200, WorkshopSchema)
def timer(data, initiative_id):
    """The facilitator starts, pauses, adds time to or resets the shared timer."""
    return workshop.timer(require_user(), initiative_id, data["action"], data["seconds"])


@blp.put("/initiatives/<initiative_id>/workshop/focus")
@blp.arguments(FocusSchema)
@blp.response(200, WorkshopSchema)
def focus(data, initiative_id):
    """The facilitator brings one card to everyone's attention (null clears it)."""
    return workshop.focus(require_user(), initiative_id, data["card_id"])


@blp.post("/initiatives/<initiative_id>/workshop/end")
@blp.response(200, WorkshopEndedSchema)
def end(initiative_id):
    """The facilitator ends the workshop: timer, open round, focus and anonymity at once; answers its summary."""
    return workshop.end(require_user(), initiative_id)


@blp.post("/initiatives/<initiative_id>/workshop/start")
@blp.arguments(WorkshopStartSchema)
@blp.response(200, WorkshopSchema)
def start(data, initiative_id):
    """The facilitator starts a workshop from a template, at its first step."""
    return phases.start(require_user(), initiative_id, data["template_id"])


@blp.put("/initiatives/<initiative_id>/workshop/phase")
@blp.arguments(PhaseMoveSchema)
@blp.response(200, WorkshopSchema)
def move(data, initiative_id):
    """The facilitator moves the workshop to a step of its template (a vote step may name its cards)."""
    return phases.move(require_user(), initiative_id, data["step"], data["scope"])


@blp.put("/initiatives/<initiative_id>/workshop/agenda")
@blp.arguments(AgendaSchema)
@blp.response(200, WorkshopSchema)
def topic(data, initiative_id):
    """In discuss, the facilitator makes an agenda card the topic (focus and timer follow)."""
    return phases.topic(require_user(), initiative_id, data["index"])


@blp.get("/engagements/<engagement_id>/workshop-templates")
@blp.response(200, WorkshopTemplateSchema(many=True))
def list_templates(engagement_id):
    """The built-in workshop templates and the engagement's own."""
    return templates.list_templates(require_user(), engagement_id)


@blp.post("/engagements/<engagement_id>/workshop-templates")
@blp.arguments(WorkshopTemplateSchema)
@blp.response(201, WorkshopTemplateSchema)
def save_template(data, engagement_id):
    """A facilitator saves a workshop template for the engagement."""
    return templates.save(require_user(), engagement_id, data)


@blp.delete("/workshop-templates/<template_id>")
@blp.response(204)
def delete_template(template_id):
    """A facilitator deletes one of the engagement's own templates."""
    templates.delete(require_user(), template_id)


@blp.get("/initiatives/<initiative_id>/voting-rounds")
@blp.response(200, VotingRoundSchema(many=True))
def list_rounds(initiative_id):
    """The board's voting rounds, newest first."""
    return voting.list_rounds(require_user(), initiative_id)


@blp.post("/initiatives/<initiative_id>/voting-rounds")
@blp.arguments(VotingRoundCreateSchema)
@blp.response(201, VotingRoundSchema)
def start_round(data, initiative_id):
    """The facilitator opens a dot-voting round."""
    return voting.start_round(require_user(), initiative_id, data["votes_per_person"], data["scope"])


@blp.get("/voting-rounds/<round_id>")
@blp.response(200, VotingRoundSchema)
def get_round(round_id):
    """A round: before the reveal a member sees only their own votes."""
    return voting.get_round(require_user(), round_id)


@blp.post("/voting-rounds/<round_id>/votes")
@blp.arguments(VoteSchema)
@blp.response(201, VotingRoundSchema)
def vote(data, round_id):
    """Put one dot on a card."""
    return voting.vote(require_user(), round_id, data["card_id"])


@blp.delete("/voting-rounds/<round_id>/votes/<card_id>")
@blp.response(200, VotingRoundSchema)
def unvote(round_id, card_id):
    """Take one dot back from a card."""
    return voting.unvote(require_user(), round_id, card_id)


@blp.post("/voting-rounds/<round_id>/reveal")
@blp.response(200, VotingRoundSchema)
def reveal(round_id):
    """The facilitator reveals the votes: cards ranked by dots."""
    return voting.reveal(require_user(), round_id)


@blp.get("/initiatives/<initiative_id>/clusters")
@blp.response(200, ClusterSchema(many=True))
def list_clusters(initiative_id):
    """The board's clusters."""
    return clusters.list_clusters(require_user(), initiative_id)


@blp.post("/initiatives/<initiative_id>/clusters")
@blp.arguments(ClusterSchema)
@blp.response(201, ClusterSchema)
def create_cluster(data, initiative_id):
    """Group cards under a label (cards join with a card PATCH ``{cluster_id}``)."""
    return clusters.create_cluster(require_user(), initiative_id, data["label"])


@blp.patch("/clusters/<cluster_id>")
@blp.arguments(ClusterSchema)
@blp.response(200, ClusterSchema)
def rename_cluster(data, cluster_id):
    """Relabel a cluster."""
    return clusters.rename_cluster(require_user(), cluster_id, data["label"])


@blp.delete("/clusters/<cluster_id>")
@blp.response(204)
def delete_cluster(cluster_id):
    """Dissolve a cluster; its cards stay on the board."""
    clusters.delete_cluster(require_user(), cluster_id)
