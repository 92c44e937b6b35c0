/**
 * The one place that hides pipeline secrets in text: every log line before it is stored or
 * streamed, step outputs, step messages and the publish record go through a masker built
 * from the run's secret values. Masked: each value, each line of a multi-line value, and
 * their base64 forms (standard and URL-safe, at the three byte alignments a value can have
 * inside a longer base64 stream, plus `echo $S | base64` with its newline). Values shorter
 * than `minLength` are not masked: masking "a" would shred every line and say what it is.
 */
export const MASK = '***';
export const minLength = 4;

function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const withNewline = Buffer.from(value + '\n', 'utf8').toString('base64');
  const forms = [withNewline, withNewline.replace(/=+$/, ''), bytes.toString('base64')];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    // Only the characters that depend on the value's bytes alone, not on what surrounds it.
    const core = b64.slice(Math.ceil((k * 8) / 6), Math.floor(((k + bytes.length) * 8) / 6));
    if (core.length >= 6) forms.push(core);
  }
  return forms.flatMap((f) => [f, f.replace(/\+/g, '-').replace(/\//g, '_')]);
}

export class SecretMasker {
  private readonly needles = new Set<string>();
  private pattern?: RegExp;

  constructor(values: Iterable<string>) {
    this.add(values);
  }

  /**
   * Masks these values too from now on: a secret step output is added the moment the engine
   * reads it, so every later line of the run (parallel steps, later steps) hides it.
   */
  add(values: Iterable<string>) {
    for (const v of values) {
      if (!v) continue;
      const parts = [v, ...v.split(/\r?\n/).map((l) => l.trim())].filter((p) => p.length >= minLength);
      for (const p of parts) {
        this.needles.add(p);
        for (const f of base64Forms(p)) this.needles.add(f);
      }
    }
    // Longest first, so a value wins over a line of it.
    const sorted = [...this.needles].sort((a, b) => b.length - a.length);
    if (sorted.length) this.pattern = new RegExp(sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  }

  get empty() {
    return !this.pattern;
  }

  mask(text: string): string {
    return this.pattern ? text.replace(this.pattern, MASK) : text;
  }

  /** Masks every string inside a JSON-like value. */
  maskDeep<T>(value: T): T {
    if (!this.pattern) return value;
    return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'string' ? this.mask(v) : v)) as T;
  }
}
