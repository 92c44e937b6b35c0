import { Badge } from '@/components/ui/badge';

export const visibilityOptions = [
  { value: 'Project', hint: 'Components of this project, same environment' },
  { value: 'Organization', hint: 'Any component of the organization, same environment' },
  { value: 'Public', hint: 'From outside, through the gateway' },
] as const;

export function VisibilityBadges({ visibilities }: { visibilities: string[] }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      {visibilities.map((v) => (
        <Badge key={v} tone={v === 'Public' ? 'accent' : v === 'Organization' ? 'warning' : 'neutral'}>
          {v}
        </Badge>
      ))}
    </span>
  );
}

export function PencilIcon({ className = 'size-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={className}>
      <path d="M12 20h9" />
      <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z" />
    </svg>
  );
}
