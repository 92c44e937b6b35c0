/** The raw-floor helper runs a real container with the podman CLI, measures, and removes it. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestImage, podman } from '@/lib/testing/images';
import { firstByte, measureRawFloor } from './raw-floor';

describe('measureRawFloor', () => {
  it('times podman run -d until the first HTTP byte and leaves no container behind', async () => {
    const runId = randomUUID();
    const image = await buildTestImage({ message: 'raw floor' });
    const r = await measureRawFloor(image, { labels: { 'gantry.test-run': runId } });
    expect(r.firstByteMs).toBeGreaterThan(0);
    expect(r.runReturnedMs).toBeGreaterThan(0);
    expect(r.hostPort).toBeGreaterThan(0);
    expect(await firstByte(r.hostPort, 200)).toBe(false);
    const { stdout } = await podman(['ps', '-a', '-q', '--filter', `label=gantry.test-run=${runId}`]);
    expect(stdout.trim()).toBe('');
  });

  it('reports a run that fails', async () => {
    await expect(measureRawFloor('localhost/gantry-test/does-not-exist:nope', { timeoutMs: 20_000 })).rejects.toThrow(/podman run failed/);
  });
});
