// The sponsor inbox: pending budget requests with the experiment's test card and the initiative's power-ups.
import { useEffect, useState } from "react";
import { errorMessage, get, post } from "../api";
import { Byline } from "../components/Avatar";
import { Check } from "../components/Icons";
import { PowerUpMeters } from "../components/PowerUps";
import { useToast } from "../components/Toasts";
import { useEngagementDetail, useLoad } from "../hooks";
import { money, timeAgo } from "../lib/format";
import { formatNumber, parseNumber } from "../lib/numbers";
import { Link, paths, useTitle } from "../router";
import { useSession } from "../session";
import type { BudgetRequest, Card, Initiative, PowerUps } from "../types";
import { strip } from "./board/CardView";
import { EngagementNotFound, Shell } from "./Shell";
import { can } from "../lib/capabilities";

export function Inbox({ engagementId }: { engagementId: string }) {
  useTitle("Sponsor inbox");
  const { me, engagement } = useSession();
  const eng = engagement(engagementId);
  const { sideOf } = useEngagementDetail(engagementId);
  const { data: pending, reload } = useLoad<BudgetRequest[]>(eng ? `/engagements/${engagementId}/budget-requests?status=pending` : null);
  const { data: initiatives } = useLoad<Initiative[]>(eng ? `/engagements/${engagementId}/initiatives` : null);
  const [cards, setCards] = useState<Record<string, Card>>({});
  const [powerUps, setPowerUps] = useState<Record<string, PowerUps>>({});
  const [decided, setDecided] = useState<BudgetRequest[]>([]);
  const isSponsor = can(eng, "decide_budget");

  useEffect(() => {
    if (!pending) return;
    for (const r of pending) {
      if (r.card_id && !cards[r.card_id]) get<Card>(`/cards/${r.card_id}`).then((c) => setCards((all) => ({ ...all, [c.id]: c }))).catch(() => undefined);
      if (!powerUps[r.initiative_id]) loadPowerUps(r.initiative_id);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending]);

  function loadPowerUps(initiativeId: string) {
    return get<PowerUps>(`/initiatives/${initiativeId}/power-ups`).then((p) => setPowerUps((all) => ({ ...all, [initiativeId]: p }))).catch(() => undefined);
  }

  if (!eng || !me) return <EngagementNotFound />;
  const titleOf = (id: string) => initiatives?.find((i) => i.id === id)?.title ?? "Initiative";
  const open = (pending ?? []).filter((r) => !decided.some((d) => d.id === r.id));

  return (
    <Shell engagementId={engagementId} active="inbox" pending={open.length}>
      <main id="main" tabIndex={-1} className="page inbox-page">
        <div className="page-head">
          <div>
            <p className="eyebrow">{eng.buyer_name}</p>
            <h1>Sponsor inbox</h1>
            <p className="muted">
              {isSponsor ? "Budget requests waiting for a sponsor's decision. You may approve less than asked; a rejection needs a reason."
                : "Budget requests waiting for a sponsor. Only sponsors decide them."}
            </p>
          </div>
        </div>
        {pending === null && <p className="muted" aria-busy="true">Loading…</p>}
        {pending && open.length === 0 && decided.length === 0 && (
          <div className="empty-state"><Check size={28} /><h2>Inbox zero</h2><p>No budget request is waiting for a decision.</p></div>
        )}
        <ul className="request-list" aria-label="Pending budget requests">
          {open.map((r) => (
            <RequestCard key={r.id} request={r} card={r.card_id ? cards[r.card_id] : undefined} powerUps={powerUps[r.initiative_id]}
                         initiativeTitle={titleOf(r.initiative_id)} meId={me.user.id} isSponsor={isSponsor}
                         requesterSide={sideOf(r.requested_by.id)}
                         onDecided={async (d) => { setDecided((all) => [d, ...all]); await loadPowerUps(d.initiative_id); reload(); }} />
          ))}
        </ul>
        {decided.length > 0 && (
          <section className="decided" aria-labelledby="decided-title">
            <h2 id="decided-title">Decided just now</h2>
            <ul className="request-list">
              {decided.map((d) => (
                <li key={d.id} className={`request decided-${d.status}`}>
                  <div className="request-main">
                    <p className="request-amount">
                      {d.status === "approved" ? <>Approved <strong>{money(d.approved_amount, d.currency)}</strong> of {money(d.amount, d.currency)}</> : <>Rejected {money(d.amount, d.currency)}</>}
                    </p>
                    <p className="muted">{titleOf(d.initiative_id)} · {d.card_id && cards[d.card_id] ? cards[d.card_id].title : "shadowing"}</p>
                  </div>
                  <div className="request-side"><PowerUpMeters powerUps={powerUps[d.initiative_id]} /></div>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </Shell>
  );
}

function RequestCard({ request: r, card, powerUps, initiativeTitle, meId, isSponsor, requesterSide, onDecided }: {
  request: BudgetRequest; card?: Card; powerUps?: PowerUps; initiativeTitle: string; meId: string; isSponsor: boolean;
  requesterSide?: "buyer" | "provider"; onDecided(d: BudgetRequest): void;
}) {
  const toast = useToast();
  const [amount, setAmount] = useState(formatNumber(r.amount));
  const typed = parseNumber(amount, "Amount to approve");
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const own = r.requested_by.id === meId;
  const why = !isSponsor ? "Only a sponsor can decide budget requests." : own ? "You requested this budget, so another sponsor must decide it (separation of duties)." : null;
  const idBase = `req-${r.id}`;

  async function decide(approve: boolean) {
    setError(null);
    const parsed = parseNumber(amount, "Amount to approve");
    if (approve && !parsed.ok) return setError(parsed.error);
    const value = parsed.ok ? parsed.value : 0;
    if (approve && value <= 0) return setError("Enter the amount to approve.");
    if (approve && value > r.amount) return setError(`A sponsor may approve up to ${money(r.amount, r.currency)}, never more.`);
    if (!approve && !comment.trim()) return setError("Say why you reject the request: the comment goes to the team.");
    setBusy(true);
    try {
      const body = approve ? { approve, amount: value, comment } : { approve, comment };
      const d = await post<BudgetRequest>(`/budget-requests/${r.id}/decision`, body);
      toast.show({ message: approve ? `Approved ${money(d.approved_amount, d.currency)}.` : "Request rejected.", tone: "success" });
      onDecided(d);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <li className="request" aria-labelledby={`${idBase}-title`}>
      <div className="request-main">
        <div className="request-head">
          <p className="request-amount" id={`${idBase}-title`}>
            <strong>{money(r.amount, r.currency)}</strong> for {card ? <>“{card.title}”</> : r.card_id ? "an experiment" : "shadowing"}
          </p>
          <span className="muted small">{timeAgo(r.requested_at)}</span>
        </div>
        <p className="muted small">
          <Link to={paths.board(r.initiative_id)}>{initiativeTitle}</Link> · requested by <Byline name={r.requested_by.name} side={requesterSide} />
        </p>
        {r.purpose && <p className="request-purpose">{r.purpose}</p>}
        {card && (
          <dl className="test-card big">
            <dt>We believe</dt><dd>{card.hypothesis ? strip(card.hypothesis, "we believe") : "—"}</dd>
            <dt>To verify</dt><dd>{card.test ? strip(card.test, "to verify, we will") : "—"}</dd>
            <dt>Measure</dt><dd>{card.metric ? strip(card.metric, "and measure") : "—"}</dd>
            <dt>Right if</dt><dd>{card.criterion ? strip(card.criterion, "we are right if") : "—"}</dd>
            <dt>Audience</dt><dd>{card.audience === "customers" ? "Customers" : "Staff"} · status {card.status}</dd>
          </dl>
        )}
      </div>
      <div className="request-side">
        <h3 className="small-heading">Power-ups of the initiative</h3>
        <PowerUpMeters powerUps={powerUps} />
        <div className="decision-form" role="group" aria-label={`Decide the request for ${money(r.amount, r.currency)}`}>
          <div className="field-row tight">
            <label className="field compact"><span>Amount to approve ({r.currency})</span>
              <input id={`${idBase}-amount`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} disabled={!!why || busy} />
            </label>
          </div>
          <label className="field compact"><span>Comment</span>
            <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} disabled={!!why || busy}
                      placeholder="Why — required to reject" />
          </label>
          {error && <p className="form-error" role="alert">{error}</p>}
          {why && <p className="why-disabled" id={`${idBase}-why`}>{why}</p>}
          <div className="form-actions">
            <button type="button" className="button danger-outline" disabled={!!why || busy} onClick={() => decide(false)}
                    aria-describedby={why ? `${idBase}-why` : undefined}>Reject</button>
            <button type="button" className="button primary" disabled={!!why || busy} onClick={() => decide(true)}
                    aria-describedby={why ? `${idBase}-why` : undefined}>
              {typed.ok && typed.value > 0 && typed.value < r.amount ? `Approve ${money(typed.value, r.currency)}` : "Approve"}
            </button>
          </div>
        </div>
      </div>
    </li>
  );
}
