'use client';

import { useEffect, useRef } from 'react';

/**
 * Focuses an element once a dialog around it is open. Children's effects run before the
 * Dialog's showModal() (which focuses the first focusable, the Close button), so wait a frame.
 */
export function useInitialFocus<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!enabled) return;
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [enabled]);
  return ref;
}
