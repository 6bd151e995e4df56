// Delete a card with an Undo in the toast (the board and the capture screen both do it this way).
import type { useToast } from "../../components/Toasts";
import { cardLabel } from "../../lib/format";
import { SocketError, type BoardSync } from "../../realtime";
import type { Card } from "../../types";
import { KIND_LABEL } from "./cardMeta";

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface After {
  /** once the server deleted it (e.g. move the focus to a neighbour) */
  deleted?(): void;
  /** once Undo brought it back */
  restored?(card: Card): void;
}

/** Delete `card`; the toast offers Undo (restore). A refusal is shown as an error and the card stays. */
export async function deleteWithUndo(sync: BoardSync, toast: ReturnType<typeof useToast>, card: Card, after: After = {}) {
  try {
    await sync.deleteCard(card);
  } catch (err) {
    toast.error(err instanceof SocketError && err.code === "stale_version"
      ? "Someone changed this card a moment ago; look at it again before deleting." : message(err));
    return;
  }
  after.deleted?.();
  toast.show({
    message: `${KIND_LABEL[card.kind]} “${cardLabel(card)}” deleted.`,
    action: {
      label: "Undo",
      run: async () => {
        try {
          const restored = await sync.restoreCard(card.id);
          after.restored?.(restored);
        } catch (err) {
          toast.error(message(err));
        }
      },
    },
  });
}
