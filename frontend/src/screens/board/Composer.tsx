// The comment composer: Enter sends, Shift+Enter is a new line, `@` suggests the engagement's members
// (arrows to choose, Enter or Tab to insert, Escape to close the list).
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { errorMessage } from "../../api";
import { Avatar } from "../../components/Avatar";
import { activeMention, handleOf, insertMention, suggestMembers } from "../../lib/mentions";
import type { Member } from "../../types";

export function Composer({ members, selfId, onSend, autoFocus }: {
  members: Member[]; selfId?: string; onSend(text: string): Promise<void>; autoFocus?: boolean;
}) {
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  // where the caret goes once an inserted mention is on screen: set in the same commit, before the
  // next key is handled (a later frame would move it back under what was typed meanwhile)
  const caretAfterInsert = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfterInsert.current;
    if (at !== null && area.current) {
      caretAfterInsert.current = null;
      area.current.focus();
      area.current.setSelectionRange(at, at);
    }
  }, [text]);
  const listId = useId();
  const hintId = useId();

  const mention = useMemo(() => activeMention(text, caret), [text, caret]);
  const suggestions = useMemo(
    () => (mention && mention.start !== dismissedAt ? suggestMembers(mention.query, members, selfId) : []),
    [mention, members, selfId, dismissedAt],
  );
  const open = suggestions.length > 0;
  const chosen = Math.min(active, suggestions.length - 1);

  const sync = () => setCaret(area.current?.selectionStart ?? text.length);

  const pick = (m: Member) => {
    if (!mention) return;
    const next = insertMention(text, mention.start, caret, m);
    setText(next.text);
    setCaret(next.caret);
    setActive(0);
    caretAfterInsert.current = next.caret;
  };

  const send = async () => {
    const typed = text.trim();
    if (!typed) return;
    setText("");
    setCaret(0);
    setError(null);
    try {
      await onSend(typed);
    } catch (err) {
      setText((t) => t || typed); // nothing typed is lost
      setError(errorMessage(err));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const n = suggestions.length;
        setActive((chosen + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        pick(suggestions[chosen]);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation(); // closes the list, not the drawer
        setDismissedAt(mention!.start);
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  };

  return (
    <div className="composer">
      {error && <p className="form-error composer-error" role="alert">Your comment was not sent: {error}</p>}
      <div className="composer-box">
        <label htmlFor={`${listId}-input`} className="visually-hidden">Write a comment</label>
        <textarea id={`${listId}-input`} ref={area} value={text} rows={2} maxLength={5000} autoFocus={autoFocus}
                  placeholder="Comment… @ mentions someone" aria-describedby={hintId}
                  role="combobox" aria-expanded={open} aria-controls={listId} aria-autocomplete="list"
                  aria-activedescendant={open ? `${listId}-${chosen}` : undefined}
                  onChange={(e) => { setText(e.target.value); setCaret(e.target.selectionStart); setActive(0); }}
                  onKeyDown={onKeyDown} onKeyUp={sync} onClick={sync} onSelect={sync} />
        {open && (
          <ul className="mention-list" id={listId} role="listbox" aria-label="Members to mention">
            {suggestions.map((m, i) => (
              <li key={m.user.id} id={`${listId}-${i}`} role="option" aria-selected={i === chosen}
                  className={`mention-option side-${m.side} ${i === chosen ? "active" : ""}`}
                  onMouseDown={(e) => { e.preventDefault(); pick(m); }} onMouseEnter={() => setActive(i)}>
                <Avatar name={m.user.name} side={m.side} size="sm" />
                <span className="mention-name">{m.user.name}</span>
                <span className="mention-handle">@{handleOf(m)}</span>
                <span className="side-tag">{m.side}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="composer-foot">
          <span id={hintId} className="muted tiny"><kbd>Enter</kbd> send · <kbd>Shift+Enter</kbd> new line · <kbd>@</kbd> mention</span>
          <button type="button" className="button primary small" disabled={!text.trim()} onClick={send}>Send</button>
        </div>
      </div>
    </div>
  );
}
