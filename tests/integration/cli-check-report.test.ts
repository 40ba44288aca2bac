// `samizdat --json check` against its JSON Schema (docs/check-report.schema.json, draft 2020-12,
// validated with ajv): real outputs of the built CLI, released, not released, untrusted, sealed,
// with no statement at all, and the error objects of malformed, missing and sealed files. And the
// exit code of a bundle with no statement: 1, "nothing to verify".
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, runCli, tempDir } from '../helpers/cli.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../../docs/check-report.schema.json', import.meta.url), 'utf8')) as { $id: string };
const FIXTURES = new URL('../fixtures/bundle/', import.meta.url).pathname;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(SCHEMA);
/** The two halves of the schema: the report on stdout, the error object on stderr. */
const part = (name: string) => {
  const v = ajv.getSchema(`${SCHEMA.$id}#/$defs/${name}`);
  if (!v) throw new Error(`no $defs/${name} in the schema`);
  return v;
};
const validReport = part('report');
const validError = part('error');

/** Whether `value` matches the schema; the errors as text otherwise. */
function check(v: typeof validate, value: unknown): string {
  return v(value) ? 'valid' : ajv.errorsText(v.errors);
}

describe('samizdat check --json against docs/check-report.schema.json', () => {
  const tmp = tempDir('samizdat-check-report-');
  const olga = device(tmp.path, 'olga');
  const files: Record<string, string> = {};
  let fingerprint = '';
  afterAll(() => tmp.remove());

  beforeAll(() => {
    expect(olga.run(['init', '--kdf', 'interactive']).status).toBe(0);
    expect(olga.run(['me', 'create', '--name', 'Olga']).status).toBe(0);
    const group = olga.run(['--json', 'group', 'create', '--name', 'Olga Union', '--threshold', '1']);
    expect(group.status, group.stderr).toBe(0);
    fingerprint = group.json().fingerprint as string;
    const body = join(tmp.path, 'body.txt');
    writeFileSync(body, 'No to the war.\n');
    const newStatement = (title: string): string => {
      const r = olga.run(['--json', 'statement', 'new', '--group', 'Olga Union', '--title', title, '--lang', 'en', '--body', body]);
      expect(r.status, r.stderr).toBe(0);
      return r.json().id as string;
    };
    const released = newStatement('Released');
    expect(olga.run(['sign', released]).status).toBe(0);
    const draft = newStatement('Draft');
    const pass = join(tmp.path, 'pass.txt');
    writeFileSync(pass, 'a passphrase for the stick\n');
    files['pass'] = pass;
    const exports: Array<[string, string[]]> = [
      ['released', [released]],
      ['draft', [draft, '--clear']],
      ['charter', ['--group', 'Olga Union']],
      ['sealed', [released, '--seal-with-passphrase', '--bundle-passphrase-file', pass]],
    ];
    for (const [name, args] of exports) {
      files[name] = join(tmp.path, `${name}.samizdat`);
      const r = olga.run(['export', ...args, '--out', files[name] as string]);
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
    }
  });

  /** `check --json`: the exit code and the parsed report, checked to match the schema. */
  function report(args: string[], env: Record<string, string> = {}) {
    const r = runCli(['--json', 'check', ...args], env);
    expect(r.stderr).toBe('');
    const value = JSON.parse(r.stdout) as Record<string, unknown> & { ok: boolean; statements: Array<Record<string, unknown>> };
    expect(check(validate, value)).toBe('valid');
    expect(check(validReport, value)).toBe('valid');
    return { status: r.status, value };
  }

  /** `check --json` that fails: the exit code and the parsed error object, checked to match the schema. */
  function failure(args: string[], env: Record<string, string> = {}) {
    const r = runCli(['--json', 'check', ...args], env);
    expect(r.stdout).toBe('');
    const value = JSON.parse(r.stderr) as { error: { kind: string; rule?: string; code: string } };
    expect(check(validate, value)).toBe('valid');
    expect(check(validError, value)).toBe('valid');
    return { status: r.status, value };
  }

  it('a released statement: exit 0, ok, released', () => {
    const { status, value } = report([files['released'] as string]);
    expect(status).toBe(0);
    expect(value.ok).toBe(true);
    expect(value.statements).toHaveLength(1);
    expect(value.statements[0]).toMatchObject({ released: true, ok: true });
  });

  it('a draft nobody signed: exit 1, not released, with threshold-not-met', () => {
    const { status, value } = report([files['draft'] as string]);
    expect(status).toBe(1);
    expect(value.ok).toBe(false);
    expect(value.statements[0]).toMatchObject({ released: false, ok: false });
    expect(JSON.stringify(value.statements[0])).toContain('"threshold-not-met"');
  });

  it('released, but with a --trust fingerprint that is not its group\'s: exit 1, the group untrusted; with its own: exit 0, verified', () => {
    const wrong = report([files['released'] as string, '--trust', '00000 00000 00000 00000 00000 00000 00000 00000 00000 00000 00000 00000']);
    expect(wrong.status).toBe(1);
    expect((wrong.value['untrusted'] as unknown[]).length).toBe(1);
    const right = report([files['released'] as string, '--trust', fingerprint]);
    expect(right.status).toBe(0);
    expect(JSON.stringify(right.value.statements[0])).toContain('"trust":"verified"');
  });

  it('sealed with a passphrase: the envelope says so', () => {
    const { status, value } = report([files['sealed'] as string, '--bundle-passphrase-file', files['pass'] as string]);
    expect(status).toBe(0);
    expect((value['import'] as { envelope: string }).envelope).toBe('passphrase');
  });

  it('a bundle with no statement (a group\'s charter alone): nothing to verify, exit 1, ok false', () => {
    const { status, value } = report([files['charter'] as string]);
    expect(status).toBe(1);
    expect(value.ok).toBe(false);
    expect(value.statements).toEqual([]);
    expect((value['import'] as { newGroups: unknown[] }).newGroups).toHaveLength(1);
    const text = runCli(['check', files['charter'] as string]);
    expect(text.status).toBe(1);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(`NOT OK: nothing to verify: ${files['charter']} holds no statement`);
  });

  it('malformed input: exit 4 and an error object naming the rule', () => {
    const { status, value } = failure([join(FIXTURES, 'R-TEXT-NFC.samizdat')]);
    expect(status).toBe(4);
    expect(value.error).toMatchObject({ kind: 'input', rule: 'R-TEXT-NFC' });
    const truncated = failure([join(FIXTURES, 'B-TRUNCATED.samizdat')]);
    expect(truncated.value.error).toMatchObject({ kind: 'input', rule: 'B-TRUNCATED' });
  });

  it('a missing file (exit 5), and a sealed bundle with no passphrase and no terminal to ask on (exit 3): error objects too', () => {
    const missing = failure([join(tmp.path, 'no-such.samizdat')]);
    expect(missing.status).toBe(5);
    expect(missing.value.error.kind).toBe('io');
    const sealed = failure([files['sealed'] as string]);
    expect(sealed.status).toBe(3);
    expect(sealed.value.error).toMatchObject({ kind: 'vault', code: 'cli.no-passphrase' });
  });

  it('the schema is not vacuous: a report or an error changed in any of these ways no longer matches it', () => {
    const good = report([files['released'] as string]).value;
    const broken: Array<[string, (r: Record<string, unknown>) => void]> = [
      ['ok a string', (r) => (r['ok'] = 'true')],
      ['a field the schema does not name', (r) => (r['extra'] = 1)],
      ['no statements', (r) => delete r['statements']],
      ['a statement id in upper case', (r) => ((r['import'] as { statements: string[] }).statements[0] = 'A'.repeat(64))],
      ['a severity of its own', (r) => (((r['statements'] as Array<{ groups: Array<{ problems: Array<{ severity: string }> }> }>)[0]?.groups[0]?.problems[0] as { severity: string }).severity = 'fatal')],
      ['a fingerprint of 11 groups', (r) => (((r['statements'] as Array<{ groups: Array<{ fingerprint: string }> }>)[0]?.groups[0] as { fingerprint: string }).fingerprint = '00000 '.repeat(10) + '00000')],
      ['an unknown envelope', (r) => ((r['import'] as { envelope: string }).envelope = 'zip')],
    ];
    for (const [what, change] of broken) {
      const copy = structuredClone(good);
      change(copy);
      expect(validate(copy), what).toBe(false);
    }
    const error = failure([join(FIXTURES, 'R-TEXT-NFC.samizdat')]).value;
    for (const change of [(e: { error: Record<string, unknown> }) => (e.error['rule'] = 'text-nfc'), (e: { error: Record<string, unknown> }) => (e.error['kind'] = 'fatal'), (e: { error: Record<string, unknown> }) => (e.error['message'] = 'no layer prefix')]) {
      const copy = structuredClone(error) as unknown as { error: Record<string, unknown> };
      change(copy);
      expect(validate(copy)).toBe(false);
    }
  });
});
