// statement new | list | show, search, sign, verify.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { SamizdatError, quote } from '../../core/errors.js';
import { fromUtf8 } from '../../core/crypto/bytes.js';
import type { Relation, RelationType } from '../../core/model/types.js';
import { renderReport } from '../../core/verify/render.js';
import { SEARCH_RANK_CAP } from '../../core/store/types.js';
import { resolveGroup, resolveStatement } from '../../core/service/resolve.js';
import { attachmentFile } from '../../core/service/attachment-files.js';
import { createStatement, listStatements, searchStatements, showStatement, signStatement } from '../../core/service/statements.js';
import { parseCount, readInputFile, type CommandContext, type Runner } from '../context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const RELATION_OPTIONS: Array<[string, RelationType]> = [
  ['translationOf', 'translation-of'],
  ['introduces', 'introduces'],
  ['revises', 'revises'],
  ['respondsTo', 'responds-to'],
  ['retracts', 'retracts'],
];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function statementCommands(program: Command, run: Runner): void {
  const statement = program.command('statement').description('statements: write, list, show');

  statement
    .command('new')
    .description('write a statement for one or more groups (joint statements name several)')
    .option('--group <group...>', 'author group (id, id prefix or name); repeat for a joint statement', collect)
    .requiredOption('--title <title>', 'the title')
    .requiredOption('--lang <tag>', 'language tag, e.g. en, ru, uk')
    .requiredOption('--body <file>', 'the text, UTF-8 plain text with light Markdown ("-" reads standard input)')
    .option('--date <date>', 'the date as the group writes it (default: today, YYYY-MM-DD)')
    .option('--translation-of <id>', 'this is a translation of statement ID')
    .option('--introduces <id>', 'this introduces statement ID')
    .option('--revises <id>', 'this is a revision of statement ID')
    .option('--responds-to <id>', 'this responds to statement ID')
    .option('--retracts <id>', 'this retracts statement ID')
    .option('--attach <file...>', 'attach a file (PDF, image, audio); repeatable', collect)
    .action(
      run(async (ctx: CommandContext, opts: Record<string, string | string[] | undefined>) => {
        const groups = (opts.group as string[] | undefined) ?? [];
        if (groups.length === 0) throw new SamizdatError('cli', 'usage', 'cli.no-group', 'name at least one author group with --group');
        let body: string;
        try {
          body = fromUtf8(readInputFile(opts.body as string, '--body'));
        } catch (err) {
          if (err instanceof SamizdatError && err.kind === 'io') throw err;
          throw new SamizdatError('cli', 'input', 'cli.body-not-utf8', `--body ${quote(opts.body as string)} is not UTF-8 text`);
        }
        // Hashed now, read again as they are stored: never whole in memory.
        const attachments = ((opts.attach as string[] | undefined) ?? []).map((file) => attachmentFile(resolve(file)));
        const result = await ctx.withVault((vault) => {
          const relations: Relation[] = [];
          for (const [key, type] of RELATION_OPTIONS) {
            const ref = opts[key];
            if (typeof ref === 'string') relations.push({ type, id: resolveStatement(vault, ref, false) });
          }
          return createStatement(vault, {
            authors: groups.map((g) => resolveGroup(vault, g)),
            title: opts.title as string,
            lang: opts.lang as string,
            date: (opts.date as string | undefined) ?? today(),
            body,
            relations,
            attachments,
          });
        });
        ctx.out.result(result, () => `${result.id}\nnext: samizdat sign ${result.id.slice(0, 12)}`);
      }),
    );

  statement
    .command('list')
    .description('statements held, newest first, a page at a time')
    .option('--after <cursor>', 'the page after this one: the cursor a previous page printed (its "next")')
    .option('--limit <n>', 'show this many (at most 1000)', '50')
    .action(
      run(async (ctx: CommandContext, opts: { after?: string; limit: string }) => {
        const page = { after: opts.after, limit: parseCount(opts.limit, '--limit') };
        if (page.limit < 1 || page.limit > 1000) throw new SamizdatError('cli', 'usage', 'cli.bad-limit', '--limit must be from 1 to 1000');
        const result = await ctx.withVault((vault) => listStatements(vault, page));
        ctx.out.result(result, () =>
          result.items.length === 0
            ? page.after === undefined
              ? 'no statements'
              : `no more statements (${result.total} in all)`
            : [
                ...result.items.map((s) => `${s.id.slice(0, 16)}  ${s.date}  ${s.lang}  ${s.released ? 'released  ' : 'unreleased'}  ${s.title}`),
                `(${result.items.length} shown, ${result.total} in all${result.next === null ? '' : `; next page: samizdat statement list --after ${result.next}`})`,
              ].join('\n'),
        );
      }),
    );

  statement
    .command('show <id>')
    .description('a statement, its relations and its verification report')
    .action(
      run(async (ctx: CommandContext, ref: string) => {
        const view = await ctx.withVault((vault) => showStatement(vault, resolveStatement(vault, ref)));
        const s = view.statement;
        ctx.out.result(view, () =>
          [
            `${s.title}`,
            `${s.date}  ${s.lang}  ${view.id}`,
            ...s.relations.map((r) => `${r.type} ${r.id}`),
            ...view.relationsTo.map((r) => `${r.type === 'revises' ? 'revised by' : `has ${r.type}`} ${r.from}`),
            ...s.attachments.map((a) => `attachment ${a.name} (${a.mediaType}, ${a.size} bytes) ${a.id}`),
            '',
            s.body,
            '',
            renderReport(view.report),
          ].join('\n'),
        );
      }),
    );

  program
    .command('search <query...>')
    .description('full-text search over titles and bodies (every word must match)')
    .option('--limit <n>', 'at most this many results', '20')
    .action(
      run(async (ctx: CommandContext, words: string[], opts: { limit: string }) => {
        const limit = parseCount(opts.limit, '--limit');
        const result = await ctx.withVault((vault) => searchStatements(vault, words.join(' '), limit));
        const { hits, matches } = result;
        ctx.out.result(result, () =>
          [
            ...(hits.length ? hits.map((h) => `${h.id.slice(0, 16)}  ${h.title}\n    ${h.snippet}`) : ['no matches']),
            ...(matches === null
              ? [`(more than ${SEARCH_RANK_CAP.toLocaleString('en-US')} statements match, too many to rank: these are the newest; add a word to narrow the search)`]
              : matches > hits.length
                ? [`(the best ${hits.length} of ${matches} matches)`]
                : []),
          ].join('\n'),
        );
      }),
    );

  program
    .command('sign <id>')
    .description('add my signature: release for my author group, or --endorse as a member of another group')
    .option('--endorse', 'co-sign (endorse) as a member of a group that is not an author')
    .option('--group <group>', 'which of my groups signs, when there are several')
    .action(
      run(async (ctx: CommandContext, ref: string, opts: { endorse?: boolean; group?: string }) => {
        const result = await ctx.withVault((vault) =>
          signStatement(vault, resolveStatement(vault, ref), { endorse: Boolean(opts.endorse), ...(opts.group ? { groupId: resolveGroup(vault, opts.group) } : {}) }),
        );
        ctx.out.result(result, () => `${result.id}\n${result.new ? 'signed' : 'already signed'} (${result.role})\n${renderReport(result.report)}`);
      }),
    );

  program
    .command('verify <id>')
    .description('the verification report; exit 0 only when released by every author group with nothing wrong')
    .action(
      run(async (ctx: CommandContext, ref: string) => {
        const view = await ctx.withVault((vault) => showStatement(vault, resolveStatement(vault, ref)));
        ctx.out.result(view.report, () => renderReport(view.report));
        if (!view.report.ok) process.exitCode = 1;
      }),
    );
}
