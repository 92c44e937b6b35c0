#!/usr/bin/env node
// Where the time goes in a V8 CPU profile (node --cpu-prof): self time by function and by
// package, top 25 each. Usage: node bench/prof-top.mjs <file.cpuprofile> [--window <label>] [--top N]
// --window keeps only the samples taken while a load ran: bench/webhook.ts --cpu-prof writes
// windows.json next to the profile (label, from, to in µs of the monotonic clock, the clock V8
// stamps samples with). Without it the whole run counts, start-up and warm-up included.
import fs from 'node:fs';
import path from 'node:path';

const file = process.argv[2];
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const top = Number(arg('--top') ?? 25);
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
let from = -Infinity;
let to = Infinity;
const label = arg('--window');
if (label) {
  const windows = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'windows.json'), 'utf8'));
  const w = windows.find((x) => x.label.includes(label));
  if (!w) throw new Error(`no window "${label}" in windows.json (${windows.map((x) => x.label).join(', ')})`);
  ({ from, to } = w);
}
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = new Map();
let t = prof.startTime;
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i] ?? 0;
  if (t < from || t > to) continue;
  dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
}
const total = [...dt.values()].reduce((a, b) => a + b, 0);
// Total (inclusive) time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const frameKey = (id) => {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  return `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/wt-[^/]+\//, '')}:${lineNumber + 1}`;
};
const inclusive = new Map();
for (const [id, us] of dt) {
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) seen.add(frameKey(n));
  for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
}
const fns = new Map();
const pkgs = new Map();
let idle = 0;
for (const [id, us] of dt) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  if (functionName === '(idle)') idle += us;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/wt-[^/]+\//, '')}:${lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('.next/') ? 'app (.next)' : url.startsWith('node:') || !url ? `node internals ${functionName.startsWith('(') ? functionName : ''}`.trim() : 'other');
  pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
}
const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
};
console.log(`${(total / 1e6).toFixed(1)} s sampled${label ? ` in the window "${label}"` : ''}, ${(100 * (1 - idle / Math.max(1, total))).toFixed(0)} % not idle`);
show('By package (self time)', pkgs);
show('By function (self time)', fns);
const grep = arg('--grep');
if (process.argv.includes('--inclusive') || grep) {
  const re = grep ? new RegExp(grep) : /./;
  show(`By function (total time)${grep ? ` matching /${grep}/` : ''}`, new Map([...inclusive].filter(([k]) => re.test(k) && !k.startsWith('(root)'))));
}
