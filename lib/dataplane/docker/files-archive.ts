/**
 * Config files of a workload as a tar archive for the engine's archive API
 * (PUT /containers/{id}/archive?path=/), put into the container after create
 * and before start. This needs no directory shared between Gantry and the
 * engine (unlike bind mounts), and works the same on Podman and Docker Engine.
 * Parent directories are created by the engine as it extracts.
 */
import path from 'node:path';
import { ServiceError } from '@/lib/errors';
import type { FileMount } from '../types';

const BLOCK = 512;

/** Checks a file's mount path and returns it relative to "/" ("etc/app/config.json"). */
export function archivePath(p: string, index = 0): string {
  const field = { [`files.${index}.path`]: 'Invalid path.' };
  if (typeof p !== 'string' || !p.startsWith('/') || p.includes('\0')) {
    throw ServiceError.invalid(`The file path "${String(p).slice(0, 100)}" must be absolute (start with "/").`, field);
  }
  const normal = path.posix.normalize(p);
  if (normal !== p.replace(/\/+$/, '') || p.split('/').includes('..') || normal === '/') {
    throw ServiceError.invalid(`The file path "${p.slice(0, 100)}" must name a file without "..", "." or repeated slashes.`, field);
  }
  const rel = normal.slice(1);
  if (Buffer.byteLength(rel) > 255) throw ServiceError.invalid(`The file path "${p.slice(0, 100)}…" is longer than 255 bytes.`, field);
  return rel;
}

/** Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) fields. */
function ustarName(rel: string): { name: string; prefix: string } {
  if (Buffer.byteLength(rel) <= 100) return { name: rel, prefix: '' };
  for (let i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) {
    const prefix = rel.slice(0, i);
    const name = rel.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name) return { name, prefix };
  }
  throw ServiceError.invalid(`The file path "/${rel.slice(0, 100)}…" has a file name longer than 100 bytes.`);
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(rel: string, size: number, mode: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = ustarName(rel);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.fill(' ', 148, 156); // checksum counts as spaces while summing
  h.write('0', 156, 'ascii'); // regular file
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** A tar archive holding each file (mode 0644, owner root) at its path relative to "/". */
export function filesArchive(files: FileMount[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  files.forEach((f, i) => {
    const rel = archivePath(f.path, i);
    if (seen.has(rel)) throw ServiceError.invalid(`The file path ${f.path} is listed twice.`, { [`files.${i}.path`]: 'Duplicate path.' });
    seen.add(rel);
    const body = Buffer.from(f.content ?? '', 'utf8');
    parts.push(header(rel, body.length, 0o644, mtime), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  });
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** The content of the first regular file of a tar archive (what the engine's GET archive returns for one file). */
export function firstFileInTar(tar: Buffer): Buffer | undefined {
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) return undefined;
    const size = parseInt(h.toString('ascii', 124, 136).replace(/[\0 ]+$/, '').trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 0x30);
    const body = at + BLOCK;
    if (type === '0' || type === '\0') return tar.subarray(body, body + size);
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return undefined;
}
