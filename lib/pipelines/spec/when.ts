/**
 * The `when` expressions a step may carry, evaluated after references are substituted: the
 * subset of govaluate (what Argo uses) that pipelines need — == != < > <= >= && || ! and
 * parentheses over strings, numbers and true/false. A bare word is a string, as in Argo's
 * examples ("{{steps.flip.outputs.result}} == heads"), so substituted values need no quotes.
 * Numbers compare as numbers when both sides are numbers; otherwise as strings.
 */

type Token = { kind: 'op'; op: string } | { kind: 'lit'; value: string; quoted: boolean } | { kind: 'paren'; open: boolean };
type Value = string | number | boolean;

export class WhenError extends Error {}

const ops = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ kind: 'paren', open: c === '(' }); i++; continue; }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new WhenError(`An unclosed ${c} quote.`);
      out.push({ kind: 'lit', value: src.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    const op = ops.find((o) => src.startsWith(o, i));
    if (op) { out.push({ kind: 'op', op }); i += op.length; continue; }
    let j = i;
    while (j < src.length && !/[\s()"'!<>=&|]/.test(src[j])) j++;
    if (j === i) throw new WhenError(`Unexpected "${c}" (use == != < > <= >= && || ! and parentheses).`);
    out.push({ kind: 'lit', value: src.slice(i, j), quoted: false });
    i = j;
  }
  return out;
}

function literal(t: { value: string; quoted: boolean }): Value {
  if (!t.quoted) {
    if (t.value === 'true') return true;
    if (t.value === 'false') return false;
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(t.value)) return Number(t.value);
  }
  return t.value;
}

/** Parses and evaluates; throws WhenError on a malformed expression. */
export function evaluateWhen(src: string): boolean {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (op: string) => { const t = peek(); return t?.kind === 'op' && t.op === op; };

  function or(): Value {
    let v = and();
    while (isOp('||')) { pos++; const r = and(); v = truthy(v) || truthy(r); }
    return v;
  }
  function and(): Value {
    let v = cmp();
    while (isOp('&&')) { pos++; const r = cmp(); v = truthy(v) && truthy(r); }
    return v;
  }
  function cmp(): Value {
    const l = unary();
    const t = peek();
    if (t?.kind === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.op)) {
      pos++;
      return compare(l, t.op, unary());
    }
    return l;
  }
  function unary(): Value {
    if (isOp('!')) { pos++; return !truthy(unary()); }
    const t = peek();
    if (!t) throw new WhenError('The expression ends too early.');
    pos++;
    if (t.kind === 'paren' && t.open) {
      const v = or();
      const close = peek();
      if (close?.kind !== 'paren' || close.open) throw new WhenError('A "(" is not closed.');
      pos++;
      return v;
    }
    if (t.kind === 'lit') {
      if (t.quoted) return t.value;
      // Adjacent bare words ("hello world" substituted unquoted) form one string.
      let value = t.value;
      let joined = false;
      for (let n = peek(); n?.kind === 'lit' && !n.quoted; n = peek()) { value += ' ' + n.value; joined = true; pos++; }
      return joined ? value : literal(t);
    }
    throw new WhenError(t.kind === 'op' ? `Unexpected "${t.op}".` : 'Unexpected ")".');
  }

  if (!tokens.length) throw new WhenError('The expression is empty.');
  const v = or();
  if (pos < tokens.length) throw new WhenError('Unexpected text after the expression.');
  if (typeof v !== 'boolean') throw new WhenError('The expression is not a comparison (for example "{{…}} == yes").');
  return v;
}

function truthy(v: Value): boolean {
  if (typeof v !== 'boolean') throw new WhenError(`"${v}" is not true or false: && || ! combine comparisons.`);
  return v;
}

function compare(l: Value, op: string, r: Value): boolean {
  const bothNum = typeof l === 'number' && typeof r === 'number';
  const a = bothNum ? l : String(l);
  const b = bothNum ? r : String(r);
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    default: return a >= b;
  }
}

/** Syntax check at save time: references are replaced by a placeholder word. */
export function checkWhenSyntax(src: string): string | undefined {
  try {
    evaluateWhen(src.replace(/\{\{[^{}]*\}\}/g, 'x'));
    return undefined;
  } catch (e) {
    if (e instanceof WhenError) return e.message;
    throw e;
  }
}
