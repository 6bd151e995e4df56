// Workshop mode for one board: what the event log says (BoardState.workshop), this member's own votes
// (private until the reveal, so never in the log), the server's clock, and the REST actions.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, errorMessage, get, patch, post } from "../../../api";
import { useToast } from "../../../components/Toasts";
import { cardLabel } from "../../../lib/format";
import { clockOffset, inScope, resultsByCard, type WorkshopSlice } from "../../../lib/workshop";
import { getSocket, type BoardSync, type BoardView } from "../../../realtime";
import type { Card, MyEngagement } from "../../../types";
import type {
  Cluster, TemplateStep, VoteResult, VoteScope, VotingRound, WorkshopEnded, WorkshopState, WorkshopTemplate,
} from "../../../workshopTypes";
import { can } from "../../../lib/capabilities";

export type TimerAction = "start" | "pause" | "add" | "reset";

export interface Workshop {
  slice: WorkshopSlice;
  /** the member runs the workshop (role `facilitator`) */
  canFacilitate: boolean;
  canWrite: boolean;
  /** server clock minus ours, in ms */
  offset: number;
  myVotes: string[];
  votesLeft: number;
  results: Record<string, VoteResult>;
  /** revealed results shown on the cards (each member may hide them) */
  resultsShown: boolean;
  showResults(shown: boolean): void;
  rankingOpen: boolean;
  openRanking(open: boolean): void;
  cardName(id: string): string;
  timer(action: TimerAction, seconds?: number): Promise<void>;
  focus(cardId: string | null): Promise<void>;
  setAnonymous(anonymous: boolean): Promise<void>;
  /** end the workshop for everyone (timer, round, focus, anonymity); true once it ended */
  endWorkshop(): Promise<boolean>;
  startRound(votesPerPerson: number): Promise<void>;
  /** whether the open round takes votes for this card (its scope) */
  votable(card: Card): boolean;
  /** reflect: how many private cards wait to be revealed (kept fresh for the facilitator) */
  privateWaiting: number;
  /** the engagement's workshop templates (built-ins first), loaded on demand; null until then */
  templates: WorkshopTemplate[] | null;
  loadTemplates(): Promise<WorkshopTemplate[] | null>;
  /** start a phased workshop from a template; true once it runs */
  startWorkshop(templateId: string): Promise<boolean>;
  /** move to a step of the template (a vote step with its scope; `undefined`: the step's own default) */
  goToStep(step: number, scope?: VoteScope): Promise<boolean>;
  /** discuss: make another agenda card the topic */
  goToTopic(index: number): Promise<void>;
  saveTemplate(name: string, steps: TemplateStep[], description?: string): Promise<WorkshopTemplate | null>;
  deleteTemplate(template: WorkshopTemplate): Promise<void>;
  reveal(): Promise<void>;
  vote(card: Card): Promise<void>;
  unvote(card: Card): Promise<void>;
  createCluster(label: string): Promise<Cluster | null>;
  renameCluster(cluster: Cluster, label: string): Promise<void>;
  dissolveCluster(cluster: Cluster): Promise<void>;
  /** put a card in a cluster (or none), with other changes of the same drop; Undo in the toast */
  joinCluster(card: Card, clusterId: string | null, extra?: Partial<Card>): Promise<void>;
}

const HIDDEN_KEY = "board.workshop.hiddenResults";

function hiddenRounds(): string[] {
  try {
    return JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? "[]");
  } catch {
    return [];
  }
}

export function useWorkshop(sync: BoardSync, view: BoardView, engagement: MyEngagement | undefined): Workshop {
  const toast = useToast();
  const slice = view.state.workshop;
  const base = `/initiatives/${sync.initiative}`;
  const canWrite = can(engagement, "write");
  const canFacilitate = canWrite && can(engagement, "facilitate");
  const round = slice.round;

  // ---- the server's clock: sampled when the board (re)connects -----------------------------------
  const [offset, setOffset] = useState(0);
  const live = view.connection === "live";
  useEffect(() => {
    if (!live) return;
    let gone = false;
    const sentAt = Date.now();
    get<WorkshopState>(`${base}/workshop`)
      .then((s) => { if (!gone) setOffset(clockOffset(s.server_time, sentAt, Date.now())); })
      .catch(() => undefined);
    return () => { gone = true; };
  }, [live, base]);

  // ---- authors come back only with a fresh snapshot (the events meanwhile carried none) -----------
  const wasAnonymous = useRef(slice.anonymous);
  useEffect(() => {
    if (wasAnonymous.current && !slice.anonymous && view.ready) sync.resync();
    wasAnonymous.current = slice.anonymous;
  }, [slice.anonymous, view.ready, sync]);

  // ---- my own votes of the current round ---------------------------------------------------------
  const [mine, setMine] = useState<{ round: string | null; votes: string[] }>({ round: null, votes: [] });
  const ticket = useRef(0);
  const loadMine = useCallback(async (roundId: string) => {
    const t = ++ticket.current;
    const r = await get<VotingRound>(`/voting-rounds/${roundId}`);
    if (t === ticket.current) setMine({ round: r.id, votes: r.my_votes });
  }, []);
  const roundId = round?.id ?? null;
  useEffect(() => {
    if (!roundId || !live) return;
    const seeded = view.extras?.voting_round;
    if (seeded?.id === roundId && mine.round !== roundId) setMine({ round: roundId, votes: seeded.my_votes });
    loadMine(roundId).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roundId, live, loadMine]);
  const myVotes = useMemo(() => (mine.round === roundId ? mine.votes : []), [mine, roundId]);

  // one dot added or taken back: shown at once; the server's answer is the truth once no other is on the way
  // (with several on the way at once their answers may cross, so the round is read again instead)
  const inflight = useRef({ count: 0, crossed: false });
  const ballot = useCallback(async (roundId: string, change: (votes: string[]) => string[], send: () => Promise<VotingRound>) => {
    const f = inflight.current;
    f.crossed ||= f.count > 0;
    f.count += 1;
    ++ticket.current;
    setMine((m) => ({ round: roundId, votes: change(m.round === roundId ? m.votes : []) }));
    let answer: VotingRound | null = null;
    try {
      answer = await send();
    } catch (err) {
      toast.error(errorMessage(err));
      f.crossed = true;
    } finally {
      f.count -= 1;
    }
    if (f.count > 0) return;
    if (f.crossed || !answer) {
      f.crossed = false;
      await loadMine(roundId).catch(() => undefined);
    } else {
      setMine({ round: answer.id, votes: answer.my_votes });
    }
  }, [loadMine, toast]);
  const votesLeft = round && round.status === "open" ? Math.max(0, round.votes_per_person - myVotes.length) : 0;

  // ---- results: shown on the cards after the reveal unless this member hid them ---------------------
  const [hidden, setHidden] = useState<string[]>(hiddenRounds);
  const [rankingOpen, openRanking] = useState(false);
  const resultsShown = round?.status === "revealed" && !hidden.includes(round.id);
  const showResults = useCallback((shown: boolean) => {
    if (!round) return;
    const next = shown ? hidden.filter((id) => id !== round.id) : [...hidden.filter((id) => id !== round.id), round.id].slice(-20);
    setHidden(next);
    try { localStorage.setItem(HIDDEN_KEY, JSON.stringify(next)); } catch { /* private mode: this tab only */ }
    if (!shown) openRanking(false);
  }, [round, hidden]);
  const phased = useRef(slice.phase !== null);
  phased.current = slice.phase !== null;
  useEffect(() => sync.onBoardEvent((e) => {
    // a phased workshop's discussion walks the ranking topic by topic, in focus: the panel would hide the cards
    if (e.type === "voting.revealed" && !phased.current) openRanking(true);
    if (e.type === "voting.started" || e.type === "workshop.ended") openRanking(false);
  }), [sync]);

  // ---- reflect: other people's private cards send the board nothing; the server tells facilitators how many
  // wait (`workshop:waiting`, a count only), and any board event carries the count as of then
  const seq = view.state.seq;
  const [heard, setHeard] = useState<{ count: number; seq: number } | null>(null);
  const seqNow = useRef(seq);
  seqNow.current = seq;
  useEffect(() => {
    if (!canFacilitate) return;
    const socket = getSocket();
    const on = (m: { initiative: string; private_cards: number }) => {
      if (m.initiative === sync.initiative) setHeard({ count: m.private_cards, seq: seqNow.current });
    };
    socket.on("workshop:waiting", on);
    return () => { socket.off("workshop:waiting", on); };
  }, [canFacilitate, sync.initiative]);
  const privateWaiting = heard && heard.seq >= seq ? heard.count : slice.private_cards;

  // ---- templates: read when the facilitator opens the picker ------------------------------------------
  const engagementId = engagement?.id;
  const [templates, setTemplates] = useState<WorkshopTemplate[] | null>(null);
  const loadTemplates = useCallback(async () => {
    if (!engagementId) return null;
    try {
      const list = await get<WorkshopTemplate[]>(`/engagements/${engagementId}/workshop-templates`);
      setTemplates(list);
      return list;
    } catch (err) {
      toast.error(errorMessage(err));
      return null;
    }
  }, [engagementId, toast]);

  // ---- actions -------------------------------------------------------------------------------------
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (err) {
      toast.error(errorMessage(err));
      return null;
    }
  }, [toast]);

  const cardName = useCallback((id: string) => cardLabel(sync.known(id)), [sync]);

  const joinCluster = useCallback(async (card: Card, clusterId: string | null, extra: Partial<Card> = {}) => {
    const before = card.cluster_id ?? null;
    if (before === clusterId && Object.keys(extra).length === 0) return; // dropped back on its own cluster
    const label = (id: string | null) => (id ? slice.clusters[id]?.label ?? "the cluster" : "");
    try {
      await sync.updateCard(card, { ...extra, cluster_id: clusterId });
    } catch (err) {
      toast.error(errorMessage(err));
      return;
    }
    if (before === clusterId) return;
    toast.show({
      message: clusterId ? `Added to “${label(clusterId)}”.` : `Taken out of “${label(before)}”.`,
      tone: "success",
      action: {
        label: "Undo",
        run: async () => {
          const now = sync.known(card.id);
          if (now) await run(() => sync.updateCard(now, { cluster_id: before && slice.clusters[before] ? before : null }));
        },
      },
    });
  }, [sync, slice.clusters, toast, run]);

  const actions = useMemo(() => ({
    timer: async (action: TimerAction, seconds?: number) => {
      await run(() => api("PUT", `${base}/workshop/timer`, seconds === undefined ? { action } : { action, seconds }));
    },
    focus: async (cardId: string | null) => {
      await run(() => api("PUT", `${base}/workshop/focus`, { card_id: cardId }));
    },
    setAnonymous: async (anonymous: boolean) => {
      if (await run(() => patch(`${base}/workshop`, { anonymous }))) {
        toast.show({ message: anonymous ? "Cards now show only the side of who wrote them." : "Cards show their authors again." });
      }
    },
    endWorkshop: async () => {
      const ended = await run(() => post<WorkshopEnded>(`${base}/workshop/end`));
      if (ended) toast.show({ message: "Workshop ended for everyone; its summary is in the activity feed and the sponsor report.", tone: "success" });
      return !!ended;
    },
    startRound: async (votesPerPerson: number) => {
      await run(() => post(`${base}/voting-rounds`, { votes_per_person: votesPerPerson }));
    },
    votable: (card: Card) => !!round && round.status === "open" && inScope(card, round.scope),
    startWorkshop: async (templateId: string) => !!(await run(() => post<WorkshopState>(`${base}/workshop/start`, { template_id: templateId }))),
    goToStep: async (step: number, scope?: VoteScope) =>
      !!(await run(() => api<WorkshopState>("PUT", `${base}/workshop/phase`, scope === undefined ? { step } : { step, scope }))),
    goToTopic: async (index: number) => {
      await run(() => api<WorkshopState>("PUT", `${base}/workshop/agenda`, { index }));
    },
    saveTemplate: async (name: string, steps: TemplateStep[], description?: string) => {
      if (!engagementId) return null;
      const saved = await run(() => post<WorkshopTemplate>(`/engagements/${engagementId}/workshop-templates`,
                                                            description ? { name, description, steps } : { name, steps }));
      if (saved) {
        setTemplates((list) => [...(list ?? []), saved]);
        toast.show({ message: `Saved the template “${saved.name}” for this engagement.`, tone: "success" });
      }
      return saved;
    },
    deleteTemplate: async (template: WorkshopTemplate) => {
      if ((await run(() => api("DELETE", `/workshop-templates/${template.id}`))) === null) return;
      setTemplates((list) => (list ?? []).filter((t) => t.id !== template.id));
      toast.show({ message: `Deleted the template “${template.name}”.` });
    },
    reveal: async () => {
      if (round) await run(() => post(`/voting-rounds/${round.id}/reveal`));
    },
    vote: async (card: Card) => {
      if (!round || round.status !== "open" || !canWrite) return;
      if (!inScope(card, round.scope)) {
        toast.show({ message: "This card is not in this round: the facilitator chose which cards it covers." });
        return;
      }
      if (votesLeft <= 0) {
        toast.show({ message: `You have used all ${round.votes_per_person} of your votes; take one back to move it.` });
        return;
      }
      await ballot(round.id, (votes) => [...votes, card.id],
                   () => post<VotingRound>(`/voting-rounds/${round.id}/votes`, { card_id: card.id }));
    },
    unvote: async (card: Card) => {
      if (!round || round.status !== "open" || !myVotes.includes(card.id)) return;
      await ballot(round.id, (votes) => { const at = votes.lastIndexOf(card.id); return votes.filter((_, i) => i !== at); },
                   () => api<VotingRound>("DELETE", `/voting-rounds/${round.id}/votes/${encodeURIComponent(card.id)}`));
    },
    createCluster: (label: string) => run(() => post<Cluster>(`${base}/clusters`, { label })),
    renameCluster: async (cluster: Cluster, label: string) => {
      if (label.trim() && label.trim() !== cluster.label) await run(() => patch(`/clusters/${cluster.id}`, { label }));
    },
    dissolveCluster: async (cluster: Cluster) => {
      const members = Object.values(view.state.cards).filter((c) => c.cluster_id === cluster.id).map((c) => c.id);
      if ((await run(() => api("DELETE", `/clusters/${cluster.id}`))) === null) return;
      toast.show({
        message: `Cluster “${cluster.label}” dissolved; its ${members.length === 1 ? "card stays" : `${members.length} cards stay`} on the board.`,
        action: {
          label: "Undo",
          run: async () => {
            const again = await run(() => post<Cluster>(`${base}/clusters`, { label: cluster.label }));
            if (!again) return;
            for (const id of members) {
              const card = sync.known(id);
              if (card) await run(() => sync.updateCard(card, { cluster_id: again.id }));
            }
          },
        },
      });
    },
  }), [run, base, toast, round, canWrite, votesLeft, myVotes, ballot, view.state.cards, sync, engagementId]);

  return {
    slice, canFacilitate, canWrite, offset, myVotes, votesLeft, results: useMemo(() => resultsByCard(round), [round]),
    resultsShown, showResults, rankingOpen, openRanking, cardName, joinCluster, templates, loadTemplates, privateWaiting, ...actions,
  };
}

export const WorkshopContext = createContext<Workshop | null>(null);

/** The board's workshop, for cards and their tools (null outside a board). */
export function useWorkshopContext(): Workshop | null {
  return useContext(WorkshopContext);
}

/** The board's JSX with its workshop available to every card and tool under it. */
export function withWorkshop(workshop: Workshop, node: ReactNode) {
  return <WorkshopContext.Provider value={workshop}>{node}</WorkshopContext.Provider>;
}
