/** The Gantry mark: a gantry crane's beam over two legs. */
export function Logo({ withName = true }: { withName?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2 font-semibold text-zinc-900">
      <svg viewBox="0 0 32 32" aria-hidden="true" className="size-7 shrink-0">
        <rect width="32" height="32" rx="8" className="fill-accent-600" />
        <path d="M7 10h18M10 10v14M22 10v14M16 10v6" stroke="white" strokeWidth="2.4" strokeLinecap="round" />
        <rect x="13.5" y="16" width="5" height="4" rx="1" fill="white" />
      </svg>
      {withName && <span className="text-base tracking-tight">Gantry</span>}
    </span>
  );
}
