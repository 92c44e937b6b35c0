const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A timestamp in UTC, so server and browser render the same text; narrow cells wrap it after the date. */
export function Time({ value, fallback = '—' }: { value: Date | string | null | undefined; fallback?: string }) {
  if (!value) return <span className="text-zinc-500">{fallback}</span>;
  const d = new Date(value);
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()}>
      <span className="whitespace-nowrap">{date.format(d)},</span> <span className="whitespace-nowrap">{time.format(d)} UTC</span>
    </time>
  );
}
