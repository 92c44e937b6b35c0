import { roleLabels, roles } from '@/lib/services/roles';

/** The organisation roles as <option>s, in order of reach. */
export function RoleOptions() {
  return roles.map((r) => (
    <option key={r} value={r}>
      {roleLabels[r]}
    </option>
  ));
}
