const expiries = [
  { days: '30', label: '30 days' },
  { days: '90', label: '90 days' },
  { days: '365', label: '1 year' },
  { days: '', label: 'Never' },
];

/** The choices for how long a token or key stays valid ('' = never expires). */
export function ExpiryOptions() {
  return expiries.map((e) => (
    <option key={e.label} value={e.days}>
      {e.label}
    </option>
  ));
}
