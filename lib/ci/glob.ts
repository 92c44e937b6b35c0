/** Matches a tag against a glob such as `v*`, `main-*` or `1.?.*` (only * and ? are special). */
export function tagMatches(glob: string | null | undefined, tag: string): boolean {
  if (!glob) return true;
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(tag);
}
