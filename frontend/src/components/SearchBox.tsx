// The top bar's search over one engagement: cards, comments and library entries, grouped by type.
// `/` or Ctrl+K focuses it; arrows move, Enter opens, Escape closes. Only the server's escaped
// `snippet_html` (with <mark> highlights) is ever inserted as HTML.
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { errorMessage, get } from "../api";
import type { SearchResult, SearchType } from "../libraryTypes";
import { navigate, paths } from "../router";
import { Search } from "./Icons";
import "./search.css";

const DEBOUNCE_MS = 200;
const GROUPS: { type: SearchType; label: string }[] = [
  { type: "card", label: "Cards" },
  { type: "comment", label: "Comments" },
  { type: "library", label: "Learning library" },
];
const KIND: Record<string, string> = { observation: "Observation", story: "Story", experiment: "Experiment" };

/** Whether a key press belongs to something being typed (so `/` is a character there, not a shortcut). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

export function resultPath(engagementId: string, r: SearchResult): string {
  if (r.type === "library") return paths.library(engagementId, { entry: r.id });
  return paths.board(r.initiative_id ?? "", r.card_id ?? undefined);
}

export function SearchBox({ engagementId }: { engagementId: string }) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [searched, setSearched] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const ticket = useRef(0);
  const id = useId();

  // `/` (when not typing) or Ctrl/Cmd+K focuses the box from anywhere; registered before the
  // box is first painted, so a key pressed as soon as the box shows is never lost
  useLayoutEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const combo = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k";
      if (combo || (e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target))) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // debounced search; an answer to an older query is dropped
  useEffect(() => {
    const words = q.trim();
    if (!words) {
      ticket.current++;
      setResults(null);
      setError(null);
      setBusy(false);
      return;
    }
    const t = ++ticket.current;
    setBusy(true);
    const timer = window.setTimeout(async () => {
      try {
        const found = await get<SearchResult[]>(`/engagements/${engagementId}/search?q=${encodeURIComponent(words)}&limit=20`);
        if (t !== ticket.current) return;
        setResults(found);
        setSearched(words);
        setError(null);
        setActive(0);
      } catch (err) {
        if (t === ticket.current) setError(errorMessage(err));
      } finally {
        if (t === ticket.current) setBusy(false);
      }
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [q, engagementId]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  // grouped for display; arrows walk the same order
  const groups = useMemo(() => GROUPS.map((g) => ({ ...g, items: (results ?? []).filter((r) => r.type === g.type) }))
    .filter((g) => g.items.length > 0), [results]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const optionId = (i: number) => `${id}-opt-${i}`;

  function choose(r: SearchResult | undefined) {
    if (!r) return;
    setOpen(false);
    setQ("");
    input.current?.blur();
    navigate(resultPath(engagementId, r));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (flat.length) setActive((a) => (a + (e.key === "ArrowDown" ? 1 : -1) + flat.length) % flat.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(flat[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (open && q) setOpen(false);
      else { setQ(""); input.current?.blur(); }
    }
  }

  const showPanel = open && q.trim().length > 0;
  let index = -1;
  return (
    <div className="topbar-search" ref={root}>
      <div className="search-field">
        <Search size={15} />
        <input ref={input} type="search" role="combobox" value={q} placeholder="Search…"
               aria-label="Search cards, comments and learnings (press / or Ctrl+K)" aria-expanded={showPanel} aria-controls={`${id}-list`}
               aria-autocomplete="list" aria-activedescendant={showPanel && flat.length ? optionId(active) : undefined}
               autoComplete="off" spellCheck={false} maxLength={200}
               onChange={(e) => { setQ(e.target.value); setOpen(true); }} onFocus={() => setOpen(true)} onKeyDown={onKeyDown} />
        {!q && <kbd className="search-kbd" aria-hidden="true">/</kbd>}
      </div>
      {showPanel && (
        <div className="search-panel">
          <div className="search-status" role="status" aria-live="polite">
            {error ? <span className="danger-text">{error}</span>
              : busy && !results ? "Searching…"
              : results && results.length === 0 ? <>Nothing matches “{searched}” in what you can see here.</>
              : results ? `${results.length} result${results.length === 1 ? "" : "s"}${busy ? " · updating…" : ""}` : ""}
          </div>
          <ul className="search-results" id={`${id}-list`} role="listbox" aria-label="Search results">
            {groups.map((g) => (
              <li key={g.type} role="group" aria-labelledby={`${id}-${g.type}`} className="search-group">
                <div className="search-group-head" id={`${id}-${g.type}`} role="presentation">{g.label}</div>
                <ul role="none">
                  {g.items.map((r) => {
                    const i = ++index;
                    return (
                      <li key={`${r.type}-${r.id}`} id={optionId(i)} role="option" aria-selected={i === active}
                          className={`search-result ${i === active ? "active" : ""}`} data-type={r.type}
                          onMouseDown={(e) => e.preventDefault()} onMouseEnter={() => setActive(i)} onClick={() => choose(r)}>
                        <span className={`result-kind kind-${r.kind ?? r.type}`}>
                          {r.type === "library" ? "Learning" : r.type === "comment" ? "Comment" : KIND[r.kind ?? ""] ?? "Card"}
                        </span>
                        <span className="result-text">
                          {(r.type !== "card" || r.kind !== "observation") && (
                            <span className="result-title">{r.type === "comment" ? `on “${r.title}”` : r.title}</span>
                          )}
                          {/* escaped by the server; <mark> is the only markup in it */}
                          <span className="result-snippet" dangerouslySetInnerHTML={{ __html: r.snippet_html }} />
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
          <div className="search-help" aria-hidden="true"><kbd>↑</kbd><kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close</div>
        </div>
      )}
    </div>
  );
}
