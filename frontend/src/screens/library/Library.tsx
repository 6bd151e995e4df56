// The learning library of an engagement's provider: approved learnings to search and start experiments from;
// this engagement's proposals; buyer members decide what leaves; provider members propose concluded learnings.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { get } from "../../api";
import { Byline } from "../../components/Avatar";
import { Flask, Search } from "../../components/Icons";
import { useEngagementDetail, useLoad } from "../../hooks";
import { timeAgo } from "../../lib/format";
import type { LibraryEntry, LibraryProposal } from "../../libraryTypes";
import type { Notification } from "../../loopTypes";
import { getSocket } from "../../realtime";
import { Link, paths, useLocation, useTitle } from "../../router";
import { useSession } from "../../session";
import type { Card, Initiative } from "../../types";
import { EngagementNotFound, Shell } from "../Shell";
import { DecisionForm } from "./DecisionForm";
import { EntryCard } from "./EntryCard";
import { ProposeDialog, proposable } from "./ProposeDialog";
import { ReuseDialog } from "./ReuseDialog";
import "./library.css";
import { can } from "../../lib/capabilities";

const STATUS: Record<LibraryProposal["status"], string> = { proposed: "Waiting for the buyer", approved: "In the library", declined: "Declined" };

/** Call `reload` when library news for this engagement arrives live, and when the tab comes back into view. */
function useLibraryNews(engagementId: string, reload: () => void) {
  useEffect(() => {
    const socket = getSocket();
    const onNote = (n: Notification) => { if (n.kind.startsWith("library_") && n.engagement_id === engagementId) reload(); };
    const onVisible = () => { if (document.visibilityState === "visible") reload(); };
    socket.on("notification", onNote);
    document.addEventListener("visibilitychange", onVisible);
    return () => { socket.off("notification", onNote); document.removeEventListener("visibilitychange", onVisible); };
  }, [engagementId, reload]);
}

export function Library({ engagementId }: { engagementId: string }) {
  useTitle("Learning library");
  const { engagement } = useSession();
  const eng = engagement(engagementId);
  const { query } = useLocation();
  const focusEntry = query.get("entry");
  const { sideOf } = useEngagementDetail(eng?.id);
  const canWrite = can(eng, "write");
  const canDecide = can(eng, "decide_learning");
  const isBuyer = eng?.side === "buyer";
  const isProvider = eng?.side === "provider";

  const [q, setQ] = useState(query.get("q") ?? "");
  const [term, setTerm] = useState(q.trim());
  useEffect(() => {
    const t = window.setTimeout(() => setTerm(q.trim()), 250);
    return () => window.clearTimeout(t);
  }, [q]);
  const library = useLoad<LibraryEntry[]>(
    eng ? `/library?engagement=${encodeURIComponent(engagementId)}&q=${encodeURIComponent(term)}` : null, [], true);
  const proposals = useLoad<LibraryProposal[]>(eng ? `/engagements/${engagementId}/library-proposals` : null);
  const { data: initiatives } = useLoad<Initiative[]>(eng ? `/engagements/${engagementId}/initiatives` : null);
  const [experiments, setExperiments] = useState<Card[] | null>(null);
  const [proposing, setProposing] = useState<Card | null>(null);
  const [reusing, setReusing] = useState<LibraryEntry | null>(null);

  // provider members: the concluded experiments of every initiative, to propose from
  const loadExperiments = useCallback(async () => {
    if (!isProvider || !initiatives) return;
    const lists = await Promise.all(initiatives.map((i) => get<Card[]>(`/initiatives/${i.id}/cards?kind=experiment`).catch(() => [])));
    setExperiments(lists.flat().filter(proposable));
  }, [isProvider, initiatives]);
  useEffect(() => { loadExperiments(); }, [loadExperiments]);

  const { reload: reloadLibrary } = library;
  const { reload: reloadProposals } = proposals;
  const reloadAll = useCallback(() => {
    reloadLibrary();
    reloadProposals();
    loadExperiments();
  }, [reloadLibrary, reloadProposals, loadExperiments]);
  useLibraryNews(engagementId, reloadAll);

  // ?entry= (from the top bar's search): show the whole library, and bring that learning into view
  useEffect(() => { if (focusEntry) setQ(""); }, [focusEntry]);
  const scrolled = useRef<string | null>(null);
  useEffect(() => {
    if (!focusEntry || scrolled.current === focusEntry || !library.data?.some((e) => e.id === focusEntry)) return;
    scrolled.current = focusEntry;
    document.querySelector(`[data-entry-id="${CSS.escape(focusEntry)}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [focusEntry, library.data]);

  const titleOf = useMemo(() => Object.fromEntries((initiatives ?? []).map((i) => [i.id, i.title])), [initiatives]);
  const live = new Set((proposals.data ?? []).filter((p) => p.status !== "declined").map((p) => p.card_id));
  const toPropose = (experiments ?? []).filter((c) => !live.has(c.id));
  const pending = (proposals.data ?? []).filter((p) => p.status === "proposed");

  if (!eng) {
    return <EngagementNotFound />;
  }

  return (
    <Shell engagementId={engagementId} active="library">
      <main id="main" tabIndex={-1} className="page library-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">{eng.provider_name} <span className="x">·</span> across its engagements</p>
            <h1>Learning library</h1>
            <p className="muted">What {eng.provider_name} learned from concluded experiments, shared by its engagements with their buyers' approval. Start an experiment of your own from any of them.</p>
          </div>
        </div>

        <section className="who-sees" aria-label="Who sees what">
          <ol>
            <li className="step side-provider"><span className="step-n">1</span><div><strong>A provider member proposes</strong> a concluded experiment's learning, editing out anything of the buyer.</div></li>
            <li className="step side-buyer"><span className="step-n">2</span><div><strong>A buyer member of that engagement approves</strong> — or declines, with a reason. Until then it stays there.</div></li>
            <li className="step"><span className="step-n">3</span><div><strong>Only title, hypothesis, learning, decision and tags travel</strong> to {eng.provider_name}'s engagements that share a provider-side member. Never observations, stories, comments, budgets, names or where it came from.</div></li>
          </ol>
        </section>

        {isBuyer && pending.length > 0 && (
          <section className="library-section decide-section" aria-labelledby="decide-title">
            <h2 id="decide-title">Waiting for a buyer's decision <span className="count">{pending.length}</span></h2>
            <p className="muted small">Approve only what {eng.buyer_name} is happy to share: the card on the left is exactly what the provider's other engagements will see.</p>
            <ul className="decide-list">
              {pending.map((p) => (
                <li key={p.id} className="decide-item">
                  <div className="decide-preview">
                    <p className="small-heading">Exactly this travels</p>
                    <EntryCard entry={p} preview />
                  </div>
                  <div className="decide-side">
                    <p className="small">Proposed by <Byline name={p.proposed_by.name} side={sideOf(p.proposed_by.id)} suffix={timeAgo(p.proposed_at)} /></p>
                    <p className="small muted">From the experiment on <Link to={paths.board(p.initiative_id, p.card_id)}>{titleOf[p.initiative_id] ?? "its board"}</Link></p>
                    <DecisionForm proposal={p} canDecide={canDecide} onDecided={reloadAll} />
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}

        <div className="library-grid">
          <section className="library-section" aria-labelledby="entries-title">
            <div className="library-head">
              <h2 id="entries-title">Learnings {library.data && <span className="count">{library.data.length}</span>}</h2>
              <div className="library-search">
                <Search size={15} />
                <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search learnings: payday, dialler…"
                       aria-label="Search the learning library" maxLength={200} />
              </div>
            </div>
            {library.error ? <p className="form-error" role="alert">Could not load the library. Try again in a moment.</p> : null}
            {!library.data && !library.error && <div className="skeleton-grid" aria-busy="true" aria-label="Loading learnings"><div /><div /></div>}
            {library.data && library.data.length === 0 && (
              <div className="empty-state">
                {term ? <><h3>No learning matches “{term}”</h3><p>Every word must appear in a title, hypothesis, learning or tag.</p></>
                  : <><h3>No learning yet</h3><p>Learnings appear here once a buyer approves sharing them.</p></>}
              </div>
            )}
            <ul className="entry-grid" aria-label="Learnings" aria-busy={library.loading}>
              {library.data?.map((e) => (
                <li key={e.id}>
                  <EntryCard entry={e} highlighted={e.id === focusEntry}
                             actions={<button type="button" className="button small" disabled={!canWrite}
                                              title={canWrite ? undefined : "Viewers read the library but start nothing"}
                                              onClick={() => setReusing(e)}><Flask size={14} /> Start an experiment from this</button>} />
                </li>
              ))}
            </ul>
          </section>

          <aside className="library-side">
            <section className="library-section" aria-labelledby="proposals-title">
              <h2 id="proposals-title">This engagement's proposals</h2>
              {proposals.data && proposals.data.length === 0 && <p className="muted small">Nothing proposed from {eng.name} yet.</p>}
              <ul className="proposal-list" aria-label="This engagement's proposals">
                {proposals.data?.map((p) => (
                  <li key={p.id} className={`proposal status-${p.status}`}>
                    <div className="proposal-top">
                      <span className={`proposal-status status-${p.status}`}>{STATUS[p.status]}</span>
                      <span className="muted tiny">{timeAgo(p.decided_at ?? p.proposed_at)}</span>
                    </div>
                    <Link to={paths.board(p.initiative_id, p.card_id)} className="proposal-title">{p.title}</Link>
                    <p className="tiny muted">
                      Proposed by {p.proposed_by.name}
                      {p.decided_by && <> · {p.status === "approved" ? "approved" : "declined"} by {p.decided_by.name}</>}
                    </p>
                    {p.status === "declined" && p.decision_comment && <p className="proposal-reason"><span className="line-label">Reason</span> {p.decision_comment}</p>}
                  </li>
                ))}
              </ul>
            </section>
            {isProvider && (
              <section className="library-section" aria-labelledby="propose-list-title">
                <h2 id="propose-list-title">Propose a learning</h2>
                <p className="muted small">Concluded experiments of {eng.name} with a recorded learning, not yet in the library.</p>
                {experiments && toPropose.length === 0 && <p className="muted small">Nothing to propose right now: conclude an experiment with its learning first.</p>}
                <ul className="proposable-list" aria-label="Concluded experiments to propose">
                  {toPropose.map((c) => (
                    <li key={c.id}>
                      <div>
                        <p className="proposable-title">{c.title}</p>
                        <p className="tiny muted">{titleOf[c.initiative_id]}</p>
                      </div>
                      <button type="button" className="button small" disabled={!canWrite} onClick={() => setProposing(c)}
                              aria-label={`Propose “${c.title}” for the library`}>Propose…</button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </aside>
        </div>
        {proposing && <ProposeDialog card={proposing} engagement={eng} onClose={() => setProposing(null)} onProposed={reloadAll} />}
        {reusing && <ReuseDialog entry={reusing} initiatives={initiatives ?? []} onClose={() => setReusing(null)} />}
      </main>
    </Shell>
  );
}
