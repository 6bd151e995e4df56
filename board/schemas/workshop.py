"""Workshop mode: timer, focus, anonymity, voting rounds, clusters; and notifications."""
from marshmallow import fields, validate

from ..models.card import CARD_KINDS
from ..models.workshop import PHASES, TIMER_ACTIONS
from .common import BaseSchema, Brief, Name


class TimerSchema(BaseSchema):
    """The shared timer as everyone sees it."""

    status = fields.String(dump_only=True, metadata={"description": "idle, running or paused"})
    ends_at = fields.DateTime(dump_only=True, allow_none=True)
    remaining_seconds = fields.Integer(dump_only=True, allow_none=True)
    duration_seconds = fields.Integer(dump_only=True, allow_none=True)


class StepSchema(BaseSchema):
    """One step of a workshop template: its phase, the prompt everyone sees and its timer."""

    phase = fields.String(required=True, validate=validate.OneOf(PHASES))
    prompt = fields.String(load_default="", validate=validate.Length(max=500))
    seconds = fields.Integer(strict=True, load_default=None, allow_none=True, validate=validate.Range(min=1, max=14400),
                             metadata={"description": "The step's timer (null: none)."})
    votes_per_person = fields.Integer(strict=True, validate=validate.Range(min=1, max=20),
                                      metadata={"description": "vote steps: dots per person (default 3)."})
    kind = fields.String(validate=validate.OneOf(CARD_KINDS),
                         metadata={"description": "vote steps: the lane the round covers (default: every card)."})
    topics = fields.Integer(strict=True, validate=validate.Range(min=1, max=20),
                            metadata={"description": "discuss steps: how many top cards to talk through (default 5)."})


class TemplateRefSchema(BaseSchema):
    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)


class WorkshopTemplateSchema(BaseSchema):
    """A workshop template: built in, or saved by a facilitator for the engagement."""

    id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(load_default="", validate=validate.Length(max=500))
    steps = fields.List(fields.Nested(StepSchema), required=True, validate=validate.Length(min=1, max=12))
    builtin = fields.Boolean(dump_only=True)


class WorkshopStartSchema(BaseSchema):
    """The template to run the workshop from."""

    template_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class ScopeSchema(BaseSchema):
    """Which cards a voting round covers: one of a lane's ``kind``, a ``cluster_id`` or chosen ``card_ids``."""

    kind = fields.String(validate=validate.OneOf(CARD_KINDS))
    cluster_id = fields.String(validate=validate.Length(min=1, max=24))
    card_ids = fields.List(fields.String(validate=validate.Length(min=1, max=24)), validate=validate.Length(min=1, max=200))


class PhaseMoveSchema(BaseSchema):
    """The template step to go to (a vote step may name the cards its round covers)."""

    step = fields.Integer(required=True, strict=True)
    scope = fields.Nested(ScopeSchema, load_default=None, allow_none=True)


class AgendaSchema(BaseSchema):
    """The agenda topic to talk about now."""

    index = fields.Integer(required=True, strict=True)


class WorkshopSchema(BaseSchema):
    """A board's workshop state; ``server_time`` lets clients count down without clock skew."""

    initiative_id = fields.String(dump_only=True)
    timer = fields.Nested(TimerSchema, dump_only=True)
    focus_card_id = fields.String(dump_only=True, allow_none=True)
    focus_by = Brief(allow_none=True, metadata={"description": "The facilitator who set the focus."})
    anonymous = fields.Boolean(required=True, metadata={"description": "Hide who wrote each card (sides still show)."})
    voting_round_id = fields.String(dump_only=True, allow_none=True)
    phase = fields.String(dump_only=True, allow_none=True,
                          metadata={"description": "reflect, group, vote or discuss; null outside a phased workshop."})
    template = fields.Nested(TemplateRefSchema, dump_only=True, allow_none=True)
    steps = fields.List(fields.Nested(StepSchema), dump_only=True)
    step = fields.Integer(dump_only=True, allow_none=True)
    prompt = fields.String(dump_only=True, allow_none=True)
    agenda = fields.List(fields.String(), dump_only=True,
                         metadata={"description": "discuss: the ranked cards to talk through."})
    agenda_index = fields.Integer(dump_only=True, allow_none=True)
    private_cards = fields.Integer(dump_only=True, metadata={
        "description": "How many cards written in reflect wait to be revealed (a count only)."})
    server_time = fields.DateTime(dump_only=True)


class ParticipantSchema(BaseSchema):
    """A member who wrote a card, a comment or a vote during the workshop."""

    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    side = fields.String(dump_only=True, allow_none=True)


class WrittenCardsSchema(BaseSchema):
    """Cards written during the workshop, by kind."""

    observation = fields.Integer(dump_only=True)
    story = fields.Integer(dump_only=True)
    experiment = fields.Integer(dump_only=True)


class RankedCardSchema(BaseSchema):
    card_id = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    votes = fields.Integer(dump_only=True)
    rank = fields.Integer(dump_only=True)


class SummaryVotingSchema(BaseSchema):
    """The workshop's last voting round, revealed: counts and its best cards (at most 10)."""

    round_id = fields.String(dump_only=True)
    votes_per_person = fields.Integer(dump_only=True)
    votes_cast = fields.Integer(dump_only=True)
    voters = fields.Integer(dump_only=True)
    ranking = fields.List(fields.Nested(RankedCardSchema), dump_only=True)


class WorkshopDecisionSchema(BaseSchema):
    """An experiment whose status or decision changed during the workshop."""

    card_id = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    statuses = fields.List(fields.String(), dump_only=True, metadata={"description": "Each status it moved to, in order."})
    status = fields.String(dump_only=True, allow_none=True)
    decision = fields.String(dump_only=True, allow_none=True)


class OutcomeSchema(BaseSchema):
    """What was captured on a discussed card: a comment, or a story or experiment citing it."""

    type = fields.String(dump_only=True, metadata={"description": "comment, story or experiment"})
    card_id = fields.String(dump_only=True, allow_none=True, metadata={"description": "The story or experiment."})
    text = fields.String(dump_only=True)


class TopicSchema(BaseSchema):
    """A card talked through in the discuss phase, with its outcomes."""

    card_id = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    outcomes = fields.List(fields.Nested(OutcomeSchema), dump_only=True)


class WorkshopSummarySchema(BaseSchema):
    """What a workshop left: from its first tool use (timer, focus, hiding authors, a voting round) after the
    previous end, to its end."""

    started_at = fields.DateTime(dump_only=True)
    ended_at = fields.DateTime(dump_only=True)
    ended_by = Brief()
    participants = fields.List(fields.Nested(ParticipantSchema), dump_only=True)
    cards = fields.Nested(WrittenCardsSchema, dump_only=True)
    comments = fields.Integer(dump_only=True)
    voting = fields.Nested(SummaryVotingSchema, dump_only=True, allow_none=True)
    decisions = fields.List(fields.Nested(WorkshopDecisionSchema), dump_only=True)
    template = fields.String(dump_only=True, allow_none=True, metadata={"description": "The template's name."})
    topics = fields.List(fields.Nested(TopicSchema), dump_only=True)


class WorkshopEndedSchema(WorkshopSchema):
    """The state after the end (nothing runs), and the workshop's summary (also the ``workshop.ended`` data)."""

    summary = fields.Nested(WorkshopSummarySchema, dump_only=True)


class TimerActionSchema(BaseSchema):
    """``start`` (with ``seconds``, or resume), ``pause``, ``add`` (``seconds``) or ``reset``."""

    action = fields.String(required=True, validate=validate.OneOf(TIMER_ACTIONS))
    seconds = fields.Integer(strict=True, load_default=None, allow_none=True)


class FocusSchema(BaseSchema):
    """The card to bring to everyone's attention, or null."""

    card_id = fields.String(required=True, allow_none=True, validate=validate.Length(max=24))


class VotingRoundCreateSchema(BaseSchema):
    """Votes each person may cast in the round."""

    votes_per_person = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=20))
    scope = fields.Nested(ScopeSchema, load_default=None, allow_none=True)


class ResultSchema(BaseSchema):
    card_id = fields.String(dump_only=True)
    votes = fields.Integer(dump_only=True)
    rank = fields.Integer(dump_only=True)


class VotingRoundSchema(BaseSchema):
    """A round as the caller may see it: only their own votes until revealed."""

    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    votes_per_person = fields.Integer(dump_only=True)
    status = fields.String(dump_only=True, metadata={"description": "open or revealed"})
    created_at = fields.DateTime(dump_only=True)
    revealed_at = fields.DateTime(dump_only=True, allow_none=True)
    scope = fields.Nested(ScopeSchema, dump_only=True, allow_none=True)
    my_votes = fields.List(fields.String(), dump_only=True)
    votes_left = fields.Integer(dump_only=True)
    votes_cast = fields.Integer(dump_only=True)
    voters = fields.Integer(dump_only=True)
    results = fields.List(fields.Nested(ResultSchema), dump_only=True, allow_none=True)


class VoteSchema(BaseSchema):
    """One dot on a card."""

    card_id = fields.String(required=True, validate=validate.Length(min=1, max=24))


class ClusterSchema(BaseSchema):
    """A labelled group of cards."""

    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    label = Name(120, required=True)
    created_at = fields.DateTime(dump_only=True)


class NotificationSchema(BaseSchema):
    """Something for one person: a mention, a budget decision, a request awaiting a sponsor."""

    id = fields.String(dump_only=True)
    kind = fields.String(dump_only=True)
    text = fields.String(dump_only=True)
    engagement_id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True, allow_none=True)
    card_id = fields.String(dump_only=True, allow_none=True)
    request_id = fields.String(dump_only=True, allow_none=True)
    actor = Brief(allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    read = fields.Boolean(dump_only=True)
    done = fields.Boolean(dump_only=True, metadata={"description": "What it asked for was done by someone (a "
                                                                  "request decided); it is read from then on."})


class NotificationQuerySchema(BaseSchema):
    unread = fields.Boolean(load_default=False)


class ReadAllSchema(BaseSchema):
    marked = fields.Integer(dump_only=True)
