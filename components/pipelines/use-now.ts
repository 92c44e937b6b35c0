'use client';

import { useEffect, useState } from 'react';

/** The clock, ticking every second while `live`: a running duration moves on between fetches that bring no new data. */
export function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [live]);
  return now;
}
