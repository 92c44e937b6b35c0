/** "sha256:3f2a9c01b7de…" → "sha256:3f2a9c01b7de": enough to tell releases apart. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

/** The tag of an image URL ("…/hello:1.1" → "1.1"), or undefined when it is pinned by digest only. */
export function tagOf(image: string): string | undefined {
  const last = image.slice(image.lastIndexOf('/') + 1);
  const name = last.split('@')[0];
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : undefined;
}
