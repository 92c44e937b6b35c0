import type { SVGProps } from 'react';

export type ComponentType = 'service' | 'web-app' | 'scheduled-task' | 'manual-task';

function Svg({ children, className = 'size-4', ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={className} {...props}>
      {children}
    </svg>
  );
}

const icons: Record<ComponentType, (p: SVGProps<SVGSVGElement>) => React.JSX.Element> = {
  service: (p) => (
    <Svg {...p}>
      <path d="m8 8-4 4 4 4" />
      <path d="m16 8 4 4-4 4" />
      <path d="m13.5 5-3 14" />
    </Svg>
  ),
  'web-app': (p) => (
    <Svg {...p}>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M3 9h18" />
      <path d="M7 6.5h.01M10 6.5h.01" />
    </Svg>
  ),
  'scheduled-task': (p) => (
    <Svg {...p}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </Svg>
  ),
  'manual-task': (p) => (
    <Svg {...p}>
      <circle cx="12" cy="12" r="9" />
      <path d="m10 8.5 5 3.5-5 3.5z" />
    </Svg>
  ),
};

export const componentTypes: { value: ComponentType; label: string; description: string }[] = [
  { value: 'service', label: 'Service', description: 'An API or backend that listens on a port and keeps running.' },
  { value: 'web-app', label: 'Web Application', description: 'A frontend or web server that serves pages over HTTP.' },
  { value: 'scheduled-task', label: 'Scheduled Task', description: 'A job that runs to completion on a cron schedule.' },
  { value: 'manual-task', label: 'Manual Task', description: 'A job that runs to completion when you trigger it.' },
];

export function typeLabel(type: string): string {
  return componentTypes.find((t) => t.value === type)?.label ?? type;
}

/** The type's icon in a tinted square, as on cards and headers. */
export function TypeIcon({ type, size = 'md' }: { type: string; size?: 'sm' | 'md' }) {
  const Icon = icons[type as ComponentType] ?? icons.service;
  return (
    <span className={`flex shrink-0 items-center justify-center rounded-lg bg-accent-50 text-accent-600 ${size === 'sm' ? 'size-8' : 'size-9'}`}>
      <Icon className="size-[18px]" />
    </span>
  );
}

export function TypeGlyph({ type, className }: { type: ComponentType; className?: string }) {
  const Icon = icons[type];
  return <Icon className={className} />;
}
