// "Reports" for one initiative: the printable sponsor report (new tab), its PDF, and the JSON and CSV
// exports as downloads. A menu button: arrows move, Escape closes and gives focus back.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Chevron, Download, Report } from "./Icons";
import "./reports-menu.css";

/** A file name from a title, like the server's: "reduce-the-cost-of-the-collections-process". */
export function slug(title: string): string {
  // eslint-disable-next-line no-control-regex -- drops whatever is not ASCII, control characters included
  return title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").toLowerCase().slice(0, 60) || "initiative";
}

export function reportLinks(initiative: { id: string; title: string }) {
  const base = `/api/v1/initiatives/${encodeURIComponent(initiative.id)}`;
  const name = slug(initiative.title);
  return [
    { key: "report", label: "Sponsor report", hint: "Printable page, in a new tab", href: `${base}/report`, newTab: true },
    { key: "pdf", label: "Sponsor report (PDF)", hint: "The same report, A4", href: `${base}/report.pdf`, download: `${name}-report.pdf` },
    { key: "json", label: "Export JSON", hint: "Everything on the board, re-importable", href: `${base}/export.json`, download: `${name}.json` },
    { key: "csv", label: "Export CSV", hint: "One row per card, for spreadsheets", href: `${base}/export.csv`, download: `${name}-cards.csv` },
  ];
}

export function ReportsMenu({ initiative, small }: { initiative: { id: string; title: string }; small?: boolean }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const links = reportLinks(initiative);

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const close = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => { e.preventDefault(); all[(i + all.length) % all.length]?.focus(); };
    if (e.key === "ArrowDown") go(at + 1);
    else if (e.key === "ArrowUp") go(at - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(all.length - 1);
    else if (e.key === "Escape") { e.preventDefault(); setOpen(false); button.current?.focus(); }
    else if (e.key === "Tab") setOpen(false);
  }

  return (
    <div className="reports-menu">
      <button ref={button} type="button" className={`button ${small ? "small ghost" : "small"}`} aria-haspopup="menu"
              aria-expanded={open} aria-controls={open ? `${id}-menu` : undefined}
              aria-label={`Reports and exports of “${initiative.title}”`}
              onClick={() => setOpen((o) => !o)}
              onKeyDown={(e) => { if (e.key === "ArrowDown" && !open) { e.preventDefault(); setOpen(true); } }}>
        <Report size={14} /> Reports <Chevron size={13} />
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} className="reports-pop" role="menu" aria-label="Reports and exports" onKeyDown={onMenuKey}>
          {links.map((l) => (
            <a key={l.key} role="menuitem" tabIndex={-1} href={l.href} className="reports-item" data-report={l.key}
               target={l.newTab ? "_blank" : undefined} rel={l.newTab ? "noopener" : undefined} download={l.download}
               onClick={() => setOpen(false)}>
              <span className="reports-icon" aria-hidden="true">{l.newTab ? <Report size={15} /> : <Download size={15} />}</span>
              <span><span className="reports-label">{l.label}</span><span className="reports-hint">{l.hint}</span></span>
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
