import { describe, expect, it } from 'vitest';
import { supervise, type Supervised } from '#infra/local/supervise';

// Stand-ins for DynamoDB Local / s3rver: `crash()` ends one as a killed process would.
function fakeChild(): Supervised & { crash(how: string): void; stopped: boolean } {
  let end!: (how: string) => void;
  const exited = new Promise<string>((resolve) => {
    end = resolve;
  });
  const child = {
    exited,
    stopped: false,
    crash: (how: string) => end(how),
    stop: async () => {
      child.stopped = true;
      end('stopped');
    },
  };
  return child;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('supervise', () => {
  it('restarts a dependency that exits and logs both events', async () => {
    const first = fakeChild();
    const second = fakeChild();
    const lines: string[] = [];
    const fatal: string[] = [];
    const supervisor = supervise(first, {
      name: 'DynamoDB Local',
      restartable: true,
      restart: async () => second,
      onFatal: (r) => fatal.push(r),
      log: (l) => lines.push(l),
    });
    first.crash('exit code 137');
    await tick();
    await tick();
    expect(lines).toEqual([
      expect.stringContaining('exited (exit code 137); restarting'),
      expect.stringContaining('is back'),
    ]);
    expect(fatal).toEqual([]);
    await supervisor.stop();
    expect(second.stopped).toBe(true);
  });

  it('stops everything with the reason when the data was in memory', async () => {
    const first = fakeChild();
    const fatal: string[] = [];
    let restarted = false;
    supervise(first, {
      name: 'DynamoDB Local',
      restartable: false,
      restart: async () => {
        restarted = true;
        return fakeChild();
      },
      onFatal: (r) => fatal.push(r),
      log: () => undefined,
    });
    first.crash('exit code 137');
    await tick();
    expect(restarted).toBe(false);
    expect(fatal).toEqual([expect.stringMatching(/DynamoDB Local exited \(exit code 137\).*in memory/)]);
  });

  it('stops everything with the reason when the restart fails', async () => {
    const first = fakeChild();
    const fatal: string[] = [];
    supervise(first, {
      name: 's3rver',
      restartable: true,
      restart: async () => {
        throw new Error('port 4569 in use');
      },
      onFatal: (r) => fatal.push(r),
      log: () => undefined,
    });
    first.crash('its server closed');
    await tick();
    await tick();
    expect(fatal).toEqual([expect.stringContaining('could not be restarted: port 4569 in use')]);
  });

  it('gives up on a crash loop', async () => {
    const children = Array.from({ length: 8 }, fakeChild);
    let next = 1;
    const fatal: string[] = [];
    supervise(children[0], {
      name: 'DynamoDB Local',
      restartable: true,
      restart: async () => children[next++],
      onFatal: (r) => fatal.push(r),
      log: () => undefined,
    });
    for (let i = 0; i < 7 && !fatal.length; i++) {
      children[i].crash('exit code 1');
      await tick();
      await tick();
    }
    expect(fatal).toEqual([expect.stringContaining('6 times within a minute')]);
  });

  it('does not restart what it was asked to stop', async () => {
    const first = fakeChild();
    let restarted = false;
    const supervisor = supervise(first, {
      name: 'DynamoDB Local',
      restartable: true,
      restart: async () => {
        restarted = true;
        return fakeChild();
      },
      onFatal: () => undefined,
      log: () => undefined,
    });
    await supervisor.stop();
    await tick();
    expect(first.stopped).toBe(true);
    expect(restarted).toBe(false);
  });
});
