// Wire shapes of the REST API and Socket.IO: aliases of the types generated from the server's OpenAPI
// document (src/api/schema.ts, `npm run gen:api`), refined where the document is looser than the
// server's answers (see `Sent`); by hand only where the server publishes no schema (socket messages).
import type { Schemas, Sent } from "./api/wire";
import type { Cluster, VotingRound, WorkshopState } from "./workshopTypes";

export type { BoardEvent, BoardEventOf, BoardEventType, LogEvent } from "./boardEvents";

export type Side = "buyer" | "provider";
export type Role = "member" | "sponsor" | "facilitator" | "admin" | "viewer";

export type UserBrief = Sent<Schemas["UserBrief"]>;
export type User = Sent<Schemas["User"], Record<never, never>, "email">;

/** How the server's answers fill a member's side and roles (the document says only "string"). */
type Membership = { side: Side; roles: Role[] };

/** What I may do in an engagement: one flag per named policy of the server (board/permissions.py). */
export type Capabilities = Sent<Schemas["Capabilities"]>;
export type Capability = keyof Capabilities;

export type MyEngagement = Sent<Schemas["MyEngagement"], Membership & { capabilities: Capabilities }>;

/** An engagement as an invitation names it (no id: the invitee is not a member yet). */
export type EngagementNames = Sent<Schemas["Organisations"]>;

export type Me = Sent<Schemas["Me"], { user: User; engagements: MyEngagement[]; invitations?: MyInvitation[] }, "invitations">;

export type Member = Sent<Schemas["Member"], { user: User } & Membership, "joined_at">;

export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked" | "expired";
export type EmailStatus = "queued" | "sent" | "failed";

/** An invitation as its engagement's admins see it (`GET /engagements/{id}/invitations`). */
export type Invitation = Sent<Schemas["Invitation"], Membership & {
  status: InvitationStatus; invited_by: UserBrief; email_status: EmailStatus | null; answered_at?: string | null;
  engagement_id?: string;
}, "answered_at" | "engagement_id">;

/** A pending invitation to my e-mail (`GET /me`). */
export type MyInvitation = Sent<Schemas["MyInvitation"], Membership & { engagement: EngagementNames; invited_by: UserBrief }>;

/** What an invitation link is, for anyone holding it (`GET /invitations/{token}`, no sign-in). */
export type InvitationPreview = Sent<Schemas["InvitationPreview"], Membership & {
  engagement: EngagementNames; invited_by: { name: string }; status: InvitationStatus;
}>;

/** The answer of accepting an invitation: the membership is made and this browser is signed in. */
export type Accepted = Sent<Schemas["AcceptResult"], { engagement: EngagementNames & { id: string }; user: User }>;

export type ChecklistStep = Sent<Schemas["ChecklistStep"], {
  key: "members" | "initiative" | "kpis" | "grant" | "shadowing" | "experiment" | string;
}>;
export type Checklist = Sent<Schemas["Checklist"], { steps: ChecklistStep[] }>;

/** One entry of an engagement's own log (creation, invitations, members), newest first. */
export type EngagementEvent = Sent<Schemas["Event"], { seq: null; initiative: null; actor: UserBrief | null; data: Record<string, unknown> }>;

/** The Socket.IO `engagement` message, pushed to the members after each change above. */
export interface EngagementMessage {
  engagement: string | { id: string };
  type: string;
  actor: UserBrief | null;
  at: string;
  data: Record<string, unknown>;
}

export type EngagementDetail = Sent<Schemas["EngagementDetail"], {
  side: Side; members: Member[]; my_side: Side; my_roles: Role[]; my_capabilities: Capabilities;
}, "created_at">;

export type InitiativeStatus = NonNullable<Schemas["Initiative"]["status"]>;
export type Initiative = Sent<Schemas["Initiative"], Record<never, never>, "created_at" | "updated_at">;

export type PowerUp = Sent<Schemas["PowerUp"]>;
export type PowerUpName = keyof Schemas["PowerUps"];
export type PowerUps = Sent<Schemas["PowerUps"], Record<PowerUpName, PowerUp>>;

export type CardKind = Schemas["Card"]["kind"];
export type ObservationKind = NonNullable<Schemas["Card"]["observation_kind"]>;
export type ExperimentStatus = NonNullable<Schemas["Card"]["status"]>;
export type Decision = NonNullable<Schemas["Card"]["decision"]>;

/** The fields of one kind only (a card's answer carries the common fields and its own kind's). */
type KindField = "text" | "observation_kind" | "tags" | "shadowing_session_id" | "pii_kept" | "title" | "persona" |
  "situation" | "struggle" | "outcome" | "evidence" | "told" | "hypothesis" | "test" | "metric" | "criterion" |
  "audience" | "status" | "observed" | "learned" | "decision" | "measurement_id" | "published" | "inspired_by_id" | "photos";

/** A photo of an observation: `created_by` is null while the workshop hides who wrote each card. */
export type Photo = Sent<Schemas["Photo"], { created_by: UserBrief | null }>;

/**
 * A card. `author` is null while the workshop hides who wrote each card (the side always shows);
 * `pii_kept`: the author kept detected personal data (events still carry it masked); `pii_masked`,
 * on a write's answer only: the kinds of personal data that write masked; `keep_pii`, on a write only.
 */
export type Card = Sent<Schemas["Card"], { author: UserBrief | null; side: Side; photos: Photo[] },
  KindField | "anonymous" | "cluster_id" | "created_at" | "updated_at" | "pii_masked" | "keep_pii">;

/** A KPI's value measured at `measured_at`, optionally during an experiment. */
export type Measurement = Sent<Schemas["Measurement"], { created_by: UserBrief }, "created_at">;
/** A KPI with its `current` (latest measured) value and its latest measurements, oldest first. */
export type Kpi = Sent<Schemas["Kpi"], { current: Measurement | null; measurements: Measurement[] }, "created_at">;
export type SideAgreement = Sent<Schemas["SideAgreement"], { user: UserBrief }>;
export type Agreement = Sent<Schemas["Agreement"], { buyer: SideAgreement | null; provider: SideAgreement | null; kpis: Kpi[] }>;

export type AccessGrant = Sent<Schemas["AccessGrant"], { granted_by: UserBrief; revoked_by: UserBrief | null }>;

export type ShadowingSession = Sent<Schemas["ShadowingSession"], { shadower: UserBrief; started_at: string }, "created_at">;

export type BudgetDecision = Sent<Schemas["Decision"], { amount: number | null; decided_by: UserBrief }>;
export type BudgetRequest = Sent<Schemas["BudgetRequest"], {
  card_id: string | null; amount: number; requested_by: UserBrief; status: "pending" | "approved" | "rejected";
  approved_amount: number | null; decision: BudgetDecision | null; tranche: number | null; learned: string | null;
  learned_by: UserBrief | null;
}>;

/** The `snapshot` of a socket `join` (the server publishes no schema for socket messages). */
export interface Snapshot {
  seq: number;
  initiative: Initiative;
  cards: Card[];
  kpis: Agreement;
  access_grants: AccessGrant[];
  shadowing_sessions: ShadowingSession[];
  power_ups: PowerUps;
  workshop?: WorkshopState;
  clusters?: Cluster[];
  /** the board's latest voting round as this member may see it */
  voting_round?: VotingRound | null;
}

/** One member in a socket `presence` message. */
export interface PresenceMember {
  id: string;
  name: string;
  side: Side;
  connections: number;
}

export type ErrorBody = Sent<Schemas["ErrorDetail"], {
  fields?: Record<string, string[]>; current?: Record<string, unknown>;
}, "fields" | "current">;
