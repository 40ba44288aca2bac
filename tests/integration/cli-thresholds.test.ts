// One stolen key is not enough to change a group: the membership threshold defaults to a majority
// of the founding members (and at least the release threshold); setting it lower says why not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { device, tempDir } from '../helpers/cli.js';

describe('membership threshold defaults and warnings', () => {
  const tmp = tempDir();
  const [olga, ivan, anna, petr] = ['olga', 'ivan', 'anna', 'petr'].map((n) => device(tmp.path, n)) as [ReturnType<typeof device>, ReturnType<typeof device>, ReturnType<typeof device>, ReturnType<typeof device>];
  const card = (n: string) => join(tmp.path, `${n}.member`);
  afterAll(() => tmp.remove());

  beforeAll(() => {
    for (const d of [olga, ivan, anna, petr]) {
      expect(d.run(['init', '--kdf', 'interactive']).status).toBe(0);
      expect(d.run(['me', 'create', '--name', d.name]).status).toBe(0);
      expect(d.run(['me', 'export', '--out', card(d.name)]).status).toBe(0);
    }
  });

  const members = (...names: string[]) => names.flatMap((n) => ['--member', card(n)]);

  it.each([
    // [members besides Olga, --threshold, expected membership threshold]
    [['ivan', 'anna'], '1', 2],
    [['ivan', 'anna'], '2', 2],
    [['ivan', 'anna', 'petr'], '1', 3],
    [['ivan'], '1', 2],
    [[], '1', 1],
  ] as const)('a group of olga + %j with release %s gets membership %i, without a warning', (others, release, membership) => {
    const name = `G-${others.length}-${release}`;
    const created = olga.run(['--json', 'group', 'create', '--name', name, ...members(...others), '--threshold', release]);
    expect(created.status, created.stderr).toBe(0);
    expect(created.json().thresholds).toEqual({ release: Number(release), membership });
    expect(created.json().warnings).toEqual([]);
    const shown = olga.run(['--json', 'group', 'show', name]).json();
    expect(shown.thresholds).toEqual({ release: Number(release), membership });
  });

  it('a membership threshold of 1 in a group of three is accepted with a warning naming the risk and the safe minimum', () => {
    const created = olga.run(['group', 'create', '--name', 'Weak', ...members('ivan', 'anna'), '--threshold', '1', '--membership-threshold', '1']);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stderr).toMatch(/warning: a membership threshold of 1 of 3 members lets one member, or one stolen key, change the group alone; 2 \(a majority\) is the safe minimum/);
    const json = olga.run(['--json', 'group', 'create', '--name', 'Weak2', ...members('ivan', 'anna'), '--threshold', '1', '--membership-threshold', '1']).json();
    expect(json.warnings).toHaveLength(1);
  });

  it('lowering the membership threshold below a majority with set-thresholds warns too', () => {
    const lowered = olga.run(['group', 'set-thresholds', 'G-0-1', '--release', '1', '--membership', '1']);
    expect(lowered.status, lowered.stderr).toBe(0);
    expect(lowered.stderr).not.toMatch(/warning/); // one member: nothing lower exists
    const three = olga.run(['group', 'set-thresholds', 'G-2-1', '--release', '1', '--membership', '1']);
    expect(three.status, three.stderr).toBe(0);
    expect(three.stderr).toMatch(/warning: a membership threshold of 1 of 3 members/);
    expect(olga.run(['--json', 'group', 'set-thresholds', 'G-2-2', '--release', '2', '--membership', '2']).json().warnings).toEqual([]);
  });
});
