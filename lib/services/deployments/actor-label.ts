import type { Actor } from '../context';

export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'user':
      return actor.email;
    case 'api-key':
      return `API key ${actor.name}`;
    case 'ci-token':
      return `CI token ${actor.name}`;
    case 'system':
      return actor.label ?? 'system';
    case 'anonymous':
      return 'anonymous';
  }
}
