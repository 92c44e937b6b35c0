import { spawn } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './net';
import { pollUntil } from './poll';
import { isPidAlive } from './process';

describe('pollUntil', () => {
  it('returns the first truthy value, treating throws as "not yet"', async () => {
    let n = 0;
    const value = await pollUntil('the third try', () => {
      n++;
      if (n === 1) throw new Error('not up yet');
      return n === 3 ? { n } : false;
    }, { intervalMs: 1 });
    expect(value).toEqual({ n: 3 });
  });

  it('gives up with what it waited for, or with the reason to stop', async () => {
    await expect(pollUntil('never', () => false, { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow('never: not ready after 30 ms');
    await expect(pollUntil('child', () => false, { abort: () => 'it exited with code 1' })).rejects.toThrow('child: it exited with code 1');
  });
});

describe('isPidAlive', () => {
  it('is true for a running process and false once it has exited', async () => {
    expect(isPidAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((r) => child.once('exit', r));
    expect(isPidAlive(pid)).toBe(false);
  });
});

describe('freePort', () => {
  it('gives a port a server can listen on', async () => {
    const port = await freePort();
    const srv = net.createServer();
    await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    expect((srv.address() as net.AddressInfo).port).toBe(port);
    await new Promise((r) => srv.close(r));
  });
});

describe('pause', () => {
  it('resolves after the time, or at once on abort, and leaves no listener on the signal', async () => {
    const { pause } = await import('./pause');
    const ctl = new AbortController();
    // Count the abort listeners on the signal as they are added and removed.
    const live = new Set<unknown>();
    const add = ctl.signal.addEventListener.bind(ctl.signal);
    const remove = ctl.signal.removeEventListener.bind(ctl.signal);
    ctl.signal.addEventListener = ((type: string, fn: EventListenerOrEventListenerObject, o?: AddEventListenerOptions) => (live.add(fn), add(type, fn, o))) as typeof add;
    ctl.signal.removeEventListener = ((type: string, fn: EventListenerOrEventListenerObject, o?: EventListenerOptions) => (live.delete(fn), remove(type, fn, o))) as typeof remove;
    // A loop pausing 20 times on one long-lived signal (an SSE request's): nothing piles up.
    for (let i = 0; i < 20; i++) await pause(1, ctl.signal);
    expect(live.size).toBe(0);
    const waiting = pause(60_000, ctl.signal);
    expect(live.size).toBe(1);
    ctl.abort();
    await waiting; // resolved by the abort, not after a minute
  });
});
