"""What an export holds: the document's format, and the columns of each section."""

FORMAT = "co-learning-board/initiative"
VERSION = 1

# Scalar columns exported as they are, per document section (people and ids are handled apart).
INITIATIVE_FIELDS = ("id", "engagement_id", "title", "problem", "outcome", "status", "last_seq",
                     "created_at", "updated_at", "version")
KPI_FIELDS = ("id", "name", "unit", "baseline", "target", "created_at", "version")
MEASUREMENT_FIELDS = ("id", "kpi_id", "value", "measured_at", "note", "experiment_id", "created_at")
AGREEMENT_FIELDS = ("id", "side", "agreed_at")
GRANT_FIELDS = ("id", "scope", "expires_at", "granted_at", "revoked_at")
SESSION_FIELDS = ("id", "host", "context", "started_at", "duration_minutes", "customer_contact", "created_at", "version")
CLUSTER_FIELDS = ("id", "label", "created_at")
CARD_FIELDS = (
    "id", "kind", "side", "lane_position", "cluster_id",
    "text", "observation_kind", "tags", "shadowing_session_id", "pii_kept", "private",
    "title", "persona", "situation", "struggle", "outcome", "told",
    "hypothesis", "test", "metric", "criterion", "audience", "status", "observed", "learned", "decision", "published",
    "inspired_by_id", "measurement_id", "created_at", "updated_at", "deleted_at", "version",
)
LINK_FIELDS = ("from_card_id", "to_card_id", "created_at")
COMMENT_FIELDS = ("id", "card_id", "side", "text", "created_at")
REQUEST_FIELDS = ("id", "card_id", "amount_cents", "currency", "purpose", "requested_at", "tranche", "learned", "learned_at")
DECISION_FIELDS = ("id", "approve", "amount_cents", "comment", "decided_at")
SPEND_FIELDS = ("id", "card_id", "amount_cents", "currency", "note", "recorded_at")
# Columns holding lists of user ids, exported as lists of person references.
PEOPLE_LISTS = {"comments": ("mentions",)}
# Person references: document field -> user-id column.
PERSON_COLUMNS = {
    "initiative": {"created_by": "created_by_id"},
    "kpi_agreements": {"user": "user_id"},
    "kpi_measurements": {"created_by": "created_by_id"},
    "access_grants": {"granted_by": "granted_by_id", "revoked_by": "revoked_by_id"},
    "shadowing_sessions": {"shadower": "shadower_id"},
    "cards": {"author": "author_id"},
    "comments": {"author": "author_id"},
    "budget_requests": {"requested_by": "requested_by_id", "learned_by": "learned_by_id"},
    "decision": {"decided_by": "decided_by_id"},
    "spend": {"recorded_by": "recorded_by_id"},
    "events": {"actor": "actor_id"},
}


