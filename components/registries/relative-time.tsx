'use client';

import { useEffect, useState } from 'react';

/** "just now", "2 min ago", "3 h ago", "5 days ago"; a date beyond a month. */
export function formatAgo(value: Date | string, now: number): string {
  const t = new Date(value).getTime();
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 31) return `${d} day${d > 1 ? 's' : ''} ago`;
  return new Date(value).toISOString().slice(0, 10);
}

/**
 * A relative time that keeps itself current. The first render uses the server's clock
 * (`serverNow`) so hydration matches; the browser's clock takes over after.
 */
export function Ago({ value, serverNow }: { value: Date | string; serverNow: number }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [value]);
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={`${iso.replace('T', ' ').slice(0, 19)} UTC`} className="whitespace-nowrap">
      {formatAgo(value, now)}
    </time>
  );
}
