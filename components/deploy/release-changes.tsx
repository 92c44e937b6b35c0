import type { Release } from './types';
import { shortDigest } from './format';

/** What a release changed since the one before it: image, endpoints, config and connection keys (never values), settings. */
export function ReleaseChanges({ changes }: { changes: Release['changes'] }) {
  if (!changes) return <span className="block text-xs text-zinc-500">First release</span>;
  const parts: string[] = [];
  if (changes.image) parts.push(`image (was ${shortDigest(changes.image.fromDigest)})`);
  const list = (what: string, d: { added: string[]; removed: string[]; changed: string[] }) => {
    const items = [...d.added.map((k) => `+${k}`), ...d.removed.map((k) => `−${k}`), ...d.changed.map((k) => `~${k}`)];
    if (items.length) parts.push(`${what} ${items.join(', ')}`);
  };
  list('endpoints', changes.endpoints);
  list('config', changes.config);
  list('connections', changes.connections);
  if (changes.settings.length) parts.push(changes.settings.join(', '));
  return (
    <span className="block max-w-xs text-xs text-zinc-500" data-testid="release-changes">
      {parts.length ? `Changed: ${parts.join('; ')}` : 'No change'}
    </span>
  );
}
