// "Skip to content": the first focusable thing on every page (WCAG 2.4.1), shown only while focused; it moves
// the focus to the page's <main id="main" tabIndex={-1}> without touching the URL. A screen may add one more
// skip link after it (the board: "Skip to the cards").
import type { MouseEvent } from "react";

export const MAIN_ID = "main";

/** A further skip link: its text and the element it focuses (looked up when it is used). */
export interface Skip { label: string; target(): HTMLElement | null }

const toMain: Skip = { label: "Skip to content", target: () => document.getElementById(MAIN_ID) };

export function SkipLink({ more }: { more?: Skip }) {
  const go = (skip: Skip) => (e: MouseEvent<HTMLAnchorElement>) => {
    const el = skip.target();
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView({ block: "nearest" });
  };
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={go(toMain)}>{toMain.label}</a>
      {more && <a className="skip-link" href={`#${MAIN_ID}`} onClick={go(more)}>{more.label}</a>}
    </>
  );
}
