// A member's or an invitation's roles as small chips (admin and sponsor stand out; a viewer reads "read-only").
import { ROLE_LABEL, sortRoles } from "../../lib/roles";
import type { Role } from "../../types";

export function RoleChips({ roles }: { roles: Role[] }) {
  return (
    <ul className="role-chips" aria-label="Roles">
      {sortRoles(roles).map((r) => (
        <li key={r} className={`role-chip role-${r}`}>{r === "viewer" ? "Viewer (read-only)" : ROLE_LABEL[r]}</li>
      ))}
    </ul>
  );
}
