const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A timestamp in UTC, so server and browser render the same text. */
export function Time({ value, fallback = '—' }: { value: Date | string | null | undefined; fallback?: string }) {
  if (!value) return <span className="text-zinc-400">{fallback}</span>;
  const d = new Date(value);
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()} className="whitespace-nowrap">
      {format.format(d)} UTC
    </time>
  );
}
