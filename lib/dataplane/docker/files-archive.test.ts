import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { archivePath, filesArchive } from './files-archive';

const exec = promisify(execFile);

describe('files archive', () => {
  it('is a tar GNU tar extracts, with long paths and UTF-8 content', async () => {
    const longDir = `/srv/${'d'.repeat(90)}/${'e'.repeat(40)}`;
    const files = [
      { path: '/etc/app/config.json', content: '{"a":1}\n' },
      { path: `${longDir}/settings.yaml`, content: 'grüße: ✓\n' },
      { path: '/empty', content: '' },
    ];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-tar-'));
    try {
      const tarFile = path.join(dir, 'files.tar');
      await writeFile(tarFile, filesArchive(files));
      const { stdout } = await exec('tar', ['-tvf', tarFile]);
      expect(stdout).toMatch(/-rw-r--r-- 0\/0\s+8 .* etc\/app\/config\.json/);
      await exec('tar', ['-xf', tarFile, '-C', dir]);
      for (const f of files) expect(await readFile(path.join(dir, f.path), 'utf8')).toBe(f.content);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects paths that are relative, escape, repeat or are too long', () => {
    expect(archivePath('/a/b')).toBe('a/b');
    for (const bad of ['a/b', '/a/../b', '/a//b', '/', '/a/./b', `/${'x'.repeat(300)}`]) expect(() => archivePath(bad)).toThrow();
    expect(() => filesArchive([{ path: '/a', content: '1' }, { path: '/a', content: '2' }])).toThrow(/listed twice/);
    expect(() => filesArchive([{ path: `/${'n'.repeat(120)}`, content: '' }])).toThrow(/longer than 100 bytes/);
  });
});
