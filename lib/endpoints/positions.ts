import { isMap, isNode, isScalar, type Document, type LineCounter } from 'yaml';

/** A place in the text, 1-based like Monaco's markers and like editors show it. */
export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type YamlPath = (string | number)[];

/** Maps offsets and YAML paths of one parsed document back to line and column. */
export class Positions {
  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly lc: LineCounter,
  ) {}

  /** An offset range, cut at the end of its first line so a marker never covers a whole block. */
  range(start: number, end: number): TextRange {
    const eol = this.text.indexOf('\n', start);
    const stop = Math.max(start + 1, Math.min(end, eol === -1 ? this.text.length : eol));
    const a = this.lc.linePos(Math.min(start, this.text.length));
    const b = this.lc.linePos(Math.min(stop, this.text.length));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.line === a.line ? Math.max(b.col, a.col + 1) : b.col };
  }

  /** The node at `path`, or the nearest ancestor that exists (a missing key points at its map). */
  at(path: YamlPath): TextRange {
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = p.length ? this.doc.getIn(p, true) : this.doc.contents;
      if (isNode(node) && node.range) return this.range(node.range[0], node.range[1]);
      if (!p.length) return { line: 1, column: 1, endLine: 1, endColumn: 2 };
    }
  }

  /** The key (not the value) `key` of the map at `path`: where an unknown key is marked. */
  key(path: YamlPath, key: string): TextRange {
    const map = path.length ? this.doc.getIn(path, true) : this.doc.contents;
    if (isMap(map)) {
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair && isNode(pair.key) && pair.key.range) return this.range(pair.key.range[0], pair.key.range[1]);
    }
    return this.at(path);
  }

  has(path: YamlPath): boolean {
    return this.doc.hasIn(path);
  }
}
