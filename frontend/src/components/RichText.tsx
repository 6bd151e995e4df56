// Text with #tags shown as chips. Everything is a React text node: typed markup stays text.
import { tokenize } from "../lib/tags";

export function RichText({ text }: { text: string }) {
  return (
    <>
      {tokenize(text).map((t, i) =>
        t.kind === "tag" ? <span key={i} className="tag">{t.value}</span> : <span key={i}>{t.value}</span>,
      )}
    </>
  );
}
