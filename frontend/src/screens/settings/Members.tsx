// The engagement's members by side: roles as chips; admins change roles and remove members; anyone may leave.
import { useState, type FormEvent } from "react";
import { del, errorMessage, patch } from "../../api";
import { Avatar } from "../../components/Avatar";
import { Dialog } from "../../components/Dialog";
import { Leave } from "../../components/Icons";
import { useToast } from "../../components/Toasts";
import { shortDate } from "../../lib/format";
import { ROLE_HINT, ROLE_LABEL, ROLES, isLastAdmin, roleAllowed, rolesInWords, rolesProblem, sortRoles, toggleRole } from "../../lib/roles";
import { navigate, paths } from "../../router";
import { useSession } from "../../session";
import type { EngagementDetail, Member, Role, Side } from "../../types";
import { RoleChips } from "./RoleChips";

export function Members({ detail, isAdmin, onChanged }: {
  detail: EngagementDetail; isAdmin: boolean; onChanged(next: EngagementDetail): void;
}) {
  const { me } = useSession();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [leaving, setLeaving] = useState(false);
  const meId = me?.user.id ?? "";
  const sides: Side[] = detail.my_side === "provider" ? ["provider", "buyer"] : ["buyer", "provider"];

  const replace = (m: Member) =>
    onChanged({ ...detail, members: detail.members.map((x) => (x.user.id === m.user.id ? { ...x, ...m } : x)) });
  const drop = (userId: string) => onChanged({ ...detail, members: detail.members.filter((x) => x.user.id !== userId) });

  return (
    <section className="settings-section" aria-labelledby="members-title">
      <div className="settings-section-head">
        <h2 id="members-title">Members <span className="count">{detail.members.length}</span></h2>
        <button type="button" className="button danger-outline small" onClick={() => setLeaving(true)}>
          <Leave size={14} /> Leave engagement
        </button>
      </div>
      <div className="member-sides">
        {sides.map((side) => {
          const members = detail.members.filter((m) => m.side === side);
          const org = side === "buyer" ? detail.buyer_name : detail.provider_name;
          return (
            <div key={side} className={`member-side side-${side}`}>
              <h3 id={`members-${side}`}><span className="side-dot" aria-hidden="true" />{side === "buyer" ? "Buyer side" : "Provider side"} · {org}
                <span className="count">{members.length}</span></h3>
              {members.length === 0 ? (
                <p className="muted small member-none">Nobody from {org} yet.{isAdmin && " Invite someone below."}</p>
              ) : (
                <ul className="member-list">
                  {members.map((m) => (
                    <li key={m.user.id} className="member">
                      <div className="member-row">
                        <Avatar name={m.user.name} side={m.side} />
                        <div className="member-who">
                          <span className="member-name">{m.user.name}{m.user.id === meId && <span className="muted"> (you)</span>}</span>
                          {m.user.email && <span className="member-email muted tiny" title={m.user.email}>{m.user.email}</span>}
                        </div>
                        <RoleChips roles={m.roles} />
                        {m.joined_at && <span className="member-joined muted tiny">Joined {shortDate(m.joined_at)}</span>}
                        {isAdmin && editing !== m.user.id && (
                          <div className="member-actions">
                            <button type="button" className="button ghost small" onClick={() => setEditing(m.user.id)}
                                    aria-label={`Edit roles of ${m.user.name}`}>Edit roles</button>
                            {m.user.id !== meId && (
                              <button type="button" className="button ghost small danger-text" onClick={() => setRemoving(m)}
                                      aria-label={`Remove ${m.user.name}`}>Remove</button>
                            )}
                          </div>
                        )}
                      </div>
                      {editing === m.user.id && (
                        <RolesEditor engagementId={detail.id} member={m} members={detail.members} isMe={m.user.id === meId}
                                     onDone={(saved) => { setEditing(null); if (saved) replace(saved); }} />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
      {removing && <RemoveDialog detail={detail} member={removing} onClose={() => setRemoving(null)}
                                 onRemoved={() => { drop(removing.user.id); setRemoving(null); }} />}
      {leaving && <LeaveDialog detail={detail} meId={meId} onClose={() => setLeaving(false)} />}
    </section>
  );
}

function RolesEditor({ engagementId, member, members, isMe, onDone }: {
  engagementId: string; member: Member; members: Member[]; isMe: boolean; onDone(saved: Member | null): void;
}) {
  const { refresh } = useSession();
  const toast = useToast();
  const [roles, setRoles] = useState<Role[]>(sortRoles(member.roles));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastAdmin = isLastAdmin(members, member.user.id);
  const problem = rolesProblem(roles, member.side) ?? (lastAdmin && !roles.includes("admin")
    ? `${isMe ? "You are" : `${member.user.name} is`} the last admin: make someone else admin first.` : null);
  const unchanged = sortRoles(member.roles).join() === roles.join();

  async function save(e: FormEvent) {
    e.preventDefault();
    if (problem) return setError(problem);
    if (unchanged) return onDone(null);
    setBusy(true);
    setError(null);
    try {
      const saved = await patch<Member>(`/engagements/${engagementId}/members/${encodeURIComponent(member.user.id)}`, { roles });
      toast.show({ message: `${isMe ? "Your" : `${member.user.name}'s`} roles are now ${rolesInWords(saved?.roles ?? roles)}.`, tone: "success" });
      if (isMe) refresh().catch(() => undefined);
      onDone(saved && saved.user ? saved : { ...member, roles });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="roles-editor" onSubmit={save} onKeyDown={(e) => { if (e.key === "Escape") { e.stopPropagation(); onDone(null); } }}>
      <fieldset>
        <legend>Roles of {member.user.name}</legend>
        <RoleCheckboxes idPrefix={`roles-${member.user.id}`} roles={roles} side={member.side} onChange={setRoles} autoFocus
                        lockAdmin={lastAdmin} />
      </fieldset>
      {(error || problem) && <p className="form-error" role="alert">{error ?? problem}</p>}
      <div className="form-actions">
        <button type="button" className="button ghost small" onClick={() => onDone(null)}>Cancel</button>
        <button type="submit" className="button primary small" disabled={busy || !!problem}>{busy ? "Saving…" : "Save roles"}</button>
      </div>
    </form>
  );
}

/** The five roles as checkboxes keeping the rules: sponsor on the buyer side only, viewer alone. */
export function RoleCheckboxes({ idPrefix, roles, side, onChange, autoFocus, lockAdmin }: {
  idPrefix: string; roles: Role[]; side: Side; onChange(r: Role[]): void; autoFocus?: boolean; lockAdmin?: boolean;
}) {
  return (
    <div className="role-options">
      {ROLES.map((r, i) => {
        const allowed = roleAllowed(r, side);
        const locked = r === "admin" && !!lockAdmin && roles.includes("admin");
        const hint = r === "sponsor" && !allowed ? "buyer side only" : locked ? "the last admin keeps admin" : ROLE_HINT[r];
        return (
          <div key={r} className={`role-option ${allowed && !locked ? "" : "disabled"}`}>
            <label className="check">
              <input type="checkbox" checked={roles.includes(r)} disabled={!allowed || locked} autoFocus={autoFocus && i === 0}
                     onChange={(e) => onChange(toggleRole(roles, r, e.target.checked, side))} aria-describedby={`${idPrefix}-${r}-hint`} />
              <span>{ROLE_LABEL[r]}</span>
            </label>
            <span className="role-hint muted tiny" id={`${idPrefix}-${r}-hint`}>{hint}</span>
          </div>
        );
      })}
    </div>
  );
}

function RemoveDialog({ detail, member, onClose, onRemoved }: {
  detail: EngagementDetail; member: Member; onClose(): void; onRemoved(): void;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await del(`/engagements/${detail.id}/members/${encodeURIComponent(member.user.id)}`);
      toast.show({ message: `${member.user.name} was removed from “${detail.name}”.` });
      onRemoved();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title={`Remove ${member.user.name}?`} onClose={onClose} labelledBy="remove-member-title">
      <p className="dialog-text">
        {member.user.name} loses access to everything of “{detail.name}” at once, open boards included. What they wrote stays.
        To bring them back, invite them again.
      </p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="button" className="button ghost" onClick={onClose} autoFocus>Cancel</button>
        <button type="button" className="button danger-outline" onClick={remove} disabled={busy}>{busy ? "Removing…" : "Remove member"}</button>
      </div>
    </Dialog>
  );
}

function LeaveDialog({ detail, meId, onClose }: { detail: EngagementDetail; meId: string; onClose(): void }) {
  const { refresh } = useSession();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastAdmin = isLastAdmin(detail.members, meId);
  async function leave() {
    setBusy(true);
    setError(null);
    try {
      await del(`/engagements/${detail.id}/members/${encodeURIComponent(meId)}`);
      await refresh();
      toast.show({ message: `You left “${detail.name}”.` });
      navigate(paths.home, true);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title={`Leave “${detail.name}”?`} onClose={onClose} labelledBy="leave-title">
      {lastAdmin ? (
        <p className="dialog-text" role="alert">
          You are the only admin of “{detail.name}”. Make someone else admin first (Edit roles), then leave.
        </p>
      ) : (
        <p className="dialog-text">
          You lose access to its initiatives and boards at once. What you wrote stays. To come back, an admin invites you again.
        </p>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="button" className="button ghost" onClick={onClose} autoFocus>Cancel</button>
        <button type="button" className="button danger-outline" onClick={leave} disabled={busy || lastAdmin}>
          {busy ? "Leaving…" : "Yes, leave"}
        </button>
      </div>
    </Dialog>
  );
}
