// The app layer's mutex: calls run one at a time, in arrival order, and a failure releases it.
import { describe, expect, it } from 'vitest';
import { Mutex } from '../../../src/app/mutex.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Mutex', () => {
  it('runs one call at a time, in the order they arrived', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) =>
      mutex.run(async () => {
        running++;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await later(ms);
        log.push(`end ${name}`);
        running--;
        return name;
      });
    const results = await Promise.all([task('import', 20), task('list', 0), task('lock', 5)]);
    expect(results).toEqual(['import', 'list', 'lock']);
    expect(log).toEqual(['start import', 'end import', 'start list', 'end list', 'start lock', 'end lock']);
  });

  it('lets the next call run after one fails, and passes the failure to its caller only', async () => {
    const mutex = new Mutex();
    const failed = mutex.run(async () => {
      await later(5);
      throw new Error('import failed');
    });
    const next = mutex.run(() => 'read');
    await expect(failed).rejects.toThrow('import failed');
    await expect(next).resolves.toBe('read');
    const sync = mutex.run(() => {
      throw new Error('thrown synchronously');
    });
    await expect(sync).rejects.toThrow('thrown synchronously');
    await expect(mutex.run(() => 'still works')).resolves.toBe('still works');
  });

  it('says whether something runs or waits', async () => {
    const mutex = new Mutex();
    expect(mutex.busy).toBe(false);
    let release!: () => void;
    const held = mutex.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(mutex.busy).toBe(true);
    await later(0);
    release();
    await held;
    expect(mutex.busy).toBe(false);
  });
});
