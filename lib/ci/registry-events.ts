import { ServiceError } from '@/lib/errors';

export const eventSources = ['dockerhub', 'ghcr', 'harbor', 'quay', 'distribution'] as const;
export type EventSource = (typeof eventSources)[number];

/** One pushed image, whatever registry said so. */
export interface PushEvent {
  /** Registry host as images name it ("docker.io", "ghcr.io", "harbor.example.com"). */
  host: string;
  /** Repository path on that host ("team/app", "library/nginx"). */
  path: string;
  tag?: string;
  digest?: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const invalid = (source: string, what: string) => ServiceError.invalid(`This is not a ${source} push notification: ${what}.`);

/** "host/path:tag" or "host/path@digest" → parts (used by Harbor's resource_url and GitHub's package_url). */
function splitUrl(url: string): PushEvent | undefined {
  const m = /^([^/]+)\/([^@:]+(?:\/[^@:]+)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(url.replace(/^https?:\/\//, ''));
  return m ? { host: m[1], path: m[2], tag: m[3], digest: m[4] } : undefined;
}

function dockerhub(body: Json): PushEvent[] {
  const tag = str(obj(body.push_data).tag);
  const repo = str(obj(body.repository).repo_name);
  if (!repo) throw invalid('Docker Hub', 'repository.repo_name is missing');
  return [{ host: 'docker.io', path: repo.includes('/') ? repo : `library/${repo}`, tag }];
}

function ghcr(body: Json): PushEvent[] {
  // GitHub sends `package` (action "published") and the older `registry_package` events.
  const pkg = obj(body.package ?? body.registry_package);
  if (!Object.keys(pkg).length) throw invalid('GitHub', 'there is no "package" or "registry_package" object');
  const version = obj(pkg.package_version);
  const meta = obj(version.container_metadata);
  const tag = str(obj(meta.tag).name);
  const digest = str(obj(meta.tag).digest) ?? str(version.name)?.match(/^sha256:[0-9a-f]{64}$/)?.[0];
  const fromUrl = str(version.package_url) ? splitUrl(str(version.package_url)!) : undefined;
  const owner = str(obj(pkg.owner).login) ?? str(pkg.namespace);
  const name = str(pkg.name);
  if (fromUrl) return [{ ...fromUrl, tag: tag ?? fromUrl.tag, digest: digest ?? fromUrl.digest }];
  if (!owner || !name) throw invalid('GitHub', 'package owner or name is missing');
  return [{ host: 'ghcr.io', path: `${owner}/${name}`.toLowerCase(), tag, digest }];
}

function harbor(body: Json): PushEvent[] {
  if (body.type !== 'PUSH_ARTIFACT') return [];
  const data = obj(body.event_data);
  const resources = Array.isArray(data.resources) ? data.resources.map(obj) : [];
  return resources.flatMap((r) => {
    const url = str(r.resource_url);
    const parsed = url ? splitUrl(url) : undefined;
    return parsed ? [{ ...parsed, tag: str(r.tag) ?? parsed.tag, digest: str(r.digest) ?? parsed.digest }] : [];
  });
}

function quay(body: Json): PushEvent[] {
  const url = str(body.docker_url);
  const parsed = url ? splitUrl(url) : undefined;
  const repo = str(body.repository);
  const host = parsed?.host ?? 'quay.io';
  const path = parsed?.path ?? repo;
  if (!path) throw invalid('Quay', 'repository is missing');
  const tags = Array.isArray(body.updated_tags) ? body.updated_tags.filter((t): t is string => typeof t === 'string') : [];
  return tags.map((tag) => ({ host, path, tag }));
}

function distribution(body: Json): PushEvent[] {
  if (!Array.isArray(body.events)) throw invalid('registry', '"events" is missing');
  return body.events.map(obj).flatMap((e) => {
    const target = obj(e.target);
    const media = str(target.mediaType) ?? '';
    if (e.action !== 'push' || !str(target.repository) || (media && !/manifest|index/i.test(media))) return [];
    const host = str(obj(e.request).host) ?? '';
    return [{ host, path: str(target.repository)!, tag: str(target.tag), digest: str(target.digest) }];
  });
}

const normalisers: Record<EventSource, (b: Json) => PushEvent[]> = { dockerhub, ghcr, harbor, quay, distribution };

/** Turns a registry's own notification payload into push events (empty when it is not a push). */
export function normalisePushEvents(source: EventSource, body: unknown): PushEvent[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ServiceError.invalid('The notification body must be a JSON object.');
  return normalisers[source](body as Json);
}
