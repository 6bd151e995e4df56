// Wire shapes of the REST API and Socket.IO (see docs/api.md and board/schemas/*).
import type { Cluster, VotingRound, WorkshopState } from "./workshopTypes";

export type Side = "buyer" | "provider";
export type Role = "member" | "sponsor" | "facilitator" | "admin" | "viewer";

export interface UserBrief {
  id: string;
  name: string;
}

export interface User extends UserBrief {
  email?: string;
}

export interface MyEngagement {
  id: string;
  name: string;
  buyer_name: string;
  provider_name: string;
  side: Side;
  roles: Role[];
}

export interface Me {
  user: User;
  engagements: MyEngagement[];
  /** pending, unexpired invitations to my e-mail */
  invitations?: MyInvitation[];
  csrf_token: string;
}

export interface Member {
  user: User;
  side: Side;
  roles: Role[];
  joined_at?: string;
}

/** An engagement as an invitation names it (no id: the invitee is not a member yet). */
export interface EngagementNames {
  name: string;
  buyer_name: string;
  provider_name: string;
}

export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked" | "expired";
export type EmailStatus = "queued" | "sent" | "failed";

/** An invitation as its engagement's admins see it (`GET /engagements/{id}/invitations`). */
export interface Invitation {
  id: string;
  engagement_id?: string;
  email: string;
  side: Side;
  roles: Role[];
  status: InvitationStatus;
  created_at: string;
  expires_at: string;
  invited_by: UserBrief;
  answered_at?: string | null;
  /** pending only: the link to copy */
  link: string | null;
  email_status: EmailStatus | null;
  email_error: string | null;
}

/** A pending invitation to my e-mail (`GET /me`). */
export interface MyInvitation {
  id: string;
  engagement: EngagementNames;
  side: Side;
  roles: Role[];
  invited_by: UserBrief;
  created_at: string;
  expires_at: string;
}

/** What an invitation link is, for anyone holding it (`GET /invitations/{token}`, no sign-in). */
export interface InvitationPreview {
  engagement: EngagementNames;
  email: string;
  side: Side;
  roles: Role[];
  invited_by: { name: string };
  status: InvitationStatus;
  expires_at: string;
  account_exists: boolean;
}

/** The answer of accepting an invitation: the membership is made and this browser is signed in. */
export interface Accepted {
  engagement: EngagementNames & { id: string };
  user: User;
  csrf_token: string;
}

export interface ChecklistStep {
  key: "members" | "initiative" | "kpis" | "grant" | "shadowing" | "experiment" | string;
  title: string;
  done: boolean;
  detail: string;
}

export interface Checklist {
  steps: ChecklistStep[];
  done: number;
  total: number;
}

/** One entry of an engagement's own log (creation, invitations, members), newest first. */
export interface EngagementEvent {
  seq: null;
  initiative: null;
  type: string;
  actor: UserBrief | null;
  at: string;
  data: Record<string, unknown>;
}

/** The Socket.IO `engagement` message, pushed to the members after each change above. */
export interface EngagementMessage {
  engagement: string | { id: string };
  type: string;
  actor: UserBrief | null;
  at: string;
  data: Record<string, unknown>;
}

export interface EngagementDetail {
  id: string;
  name: string;
  buyer_name: string;
  provider_name: string;
  members: Member[];
  my_side: Side;
  my_roles: Role[];
}

export type InitiativeStatus = "framing" | "shadowing" | "testing" | "scaling" | "parked" | "done";

export interface Initiative {
  id: string;
  engagement_id: string;
  title: string;
  problem: string;
  outcome: string;
  status: InitiativeStatus;
  seq: number;
  version: number;
  created_at?: string;
  updated_at?: string;
}

export interface PowerUp {
  level: number;
  facts: string[];
  next: string | null;
}

export type PowerUpName = "courage" | "budget" | "story";
export type PowerUps = Record<PowerUpName, PowerUp>;

export type CardKind = "observation" | "story" | "experiment";
export type ObservationKind = "pain_point" | "workaround" | "quote" | "delight" | "idea";
export type ExperimentStatus = "draft" | "proposed" | "running" | "concluded" | "parked";
export type Decision = "persevere" | "pivot" | "stop" | "scale";

export interface Card {
  id: string;
  initiative_id: string;
  kind: CardKind;
  /** null while the workshop hides who wrote each card (the side always shows) */
  author: UserBrief | null;
  anonymous?: boolean;
  side: Side;
  lane_position: number;
  cluster_id?: string | null;
  version: number;
  created_at?: string;
  updated_at?: string;
  // observation
  text?: string | null;
  observation_kind?: ObservationKind;
  tags?: string[] | null;
  shadowing_session_id?: string | null;
  /** the author kept detected personal data (events still carry it masked) */
  pii_kept?: boolean;
  /** on a write's answer only: the kinds of personal data that write masked */
  pii_masked?: string[];
  /** on a write only: keep the personal data as typed */
  keep_pii?: boolean;
  // story + experiment
  title?: string | null;
  // story
  persona?: string | null;
  situation?: string | null;
  struggle?: string | null;
  outcome?: string | null;
  evidence?: string[];
  told?: boolean;
  // experiment
  hypothesis?: string | null;
  test?: string | null;
  metric?: string | null;
  criterion?: string | null;
  audience?: "staff" | "customers";
  status?: ExperimentStatus | null;
  observed?: string | null;
  learned?: string | null;
  decision?: Decision | null;
  published?: boolean;
}

export interface Kpi {
  id: string;
  initiative_id: string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  version: number;
}

export interface SideAgreement {
  user: UserBrief;
  agreed_at: string;
}

export interface Agreement {
  agreed: boolean;
  buyer: SideAgreement | null;
  provider: SideAgreement | null;
  kpis: Kpi[];
}

export interface AccessGrant {
  id: string;
  initiative_id: string;
  scope: "process" | "customers";
  expires_at: string | null;
  granted_by: UserBrief;
  granted_at: string;
  revoked_by: UserBrief | null;
  revoked_at: string | null;
  live: boolean;
}

export interface ShadowingSession {
  id: string;
  initiative_id: string;
  shadower: UserBrief;
  host: string;
  context: string;
  started_at: string;
  duration_minutes: number | null;
  customer_contact: boolean;
  version: number;
}

export interface BudgetDecision {
  approve: boolean;
  amount: number | null;
  comment: string;
  decided_by: UserBrief;
  decided_at: string;
}

export interface BudgetRequest {
  id: string;
  initiative_id: string;
  card_id: string | null;
  amount: number;
  currency: string;
  purpose: string;
  requested_by: UserBrief;
  requested_at: string;
  status: "pending" | "approved" | "rejected";
  approved_amount: number | null;
  decision: BudgetDecision | null;
}

export interface BoardEvent {
  seq: number;
  initiative: string;
  type: string;
  actor: UserBrief | null;
  at: string;
  data: Record<string, unknown>;
}

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

export interface PresenceMember {
  id: string;
  name: string;
  side: Side;
  connections: number;
}

export interface ErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string[]>;
  current?: Record<string, unknown>;
}
