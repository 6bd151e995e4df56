// What the signed-in person may do in an engagement, as the server answers it (`GET /me` → `capabilities`,
// one flag per named policy of board/permissions.py): the web app offers exactly what the server accepts.
import type { Capability, MyEngagement } from "../types";

/** Whether my membership `eng` allows `what`; false while the engagement is unknown. */
export function can(eng: Pick<MyEngagement, "capabilities"> | null | undefined, what: Capability): boolean {
  return !!eng?.capabilities?.[what];
}
