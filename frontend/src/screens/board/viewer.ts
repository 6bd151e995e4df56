// Who looks at a board: their membership of its engagement (from the session), and what follows.
import { useMemo } from "react";
import type { Author } from "../../realtime";
import { useSession } from "../../session";
import { can } from "../../lib/capabilities";
import type { MyEngagement, User } from "../../types";

export interface Viewer {
  user: User;
  engagement: MyEngagement;
  /** viewers read everything and change nothing */
  canWrite: boolean;
  /** how a card this member adds shows until the server answers: their name, their side */
  author: Author;
}

/** The signed-in member of `engagementId`, or null while it is unknown (or not theirs). */
export function useViewer(engagementId: string | undefined): Viewer | null {
  const { engagement, me } = useSession();
  const eng = engagement(engagementId);
  const user = me?.user;
  return useMemo(() => (eng && user ? {
    user, engagement: eng, canWrite: can(eng, "write"),
    author: { author: { id: user.id, name: user.name }, side: eng.side },
  } : null), [eng, user]);
}
