/**
 * retention queue | policy show|set | hold | release | review | holds
 * (docs/retention.md). Owner only: the core refuses anyone else. The
 * destroy, anonymise and certificate verbs are in retention-actions*.ts and
 * join the same `retention` command (retentionCommand).
 */
import type { Command } from 'commander';
import {
  HOLD_KINDS,
  HOLD_KIND_LABELS,
  RETENTION_CATEGORIES,
  type HoldKind,
  type RetentionCategory,
  type RetentionPeriods,
  type RetentionPolicy,
  type WithinDays,
} from '../../contract/retention-types';
import { formatUkDate } from '../../contract/uk-formats';
import { type GlobalOptions, UsageError, parseUkDate, print, table, withSignedIn } from '../cli-context';

/** The one `retention` command both files add their verbs to. */
export function retentionCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'retention') ??
    program.command('retention').description('The retention queue, its policy, legal holds and reviews (owner only; docs/retention.md).')
  );
}

function category(text: string | undefined): RetentionCategory | undefined {
  if (text === undefined) return undefined;
  if (!(RETENTION_CATEGORIES as readonly string[]).includes(text)) throw new UsageError(`--category must be one of ${RETENTION_CATEGORIES.join(', ')}.`);
  return text as RetentionCategory;
}

function withinDays(text: string | undefined): WithinDays {
  if (text === undefined) return 0;
  if (!['0', '30', '90'].includes(text)) throw new UsageError('--within takes 0 (passed only), 30 or 90 (days).');
  return Number(text) as WithinDays;
}

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} takes a whole number.`);
  return Number(text);
}

function policyText(p: RetentionPolicy): string {
  return [
    `Retention policy, version ${p.version} (saved ${formatUkDate(p.savedAt.slice(0, 10))}${p.savedBy ? '' : ', the shipped default'}):`,
    `  Clinical records: ${p.clinicalMonthsAfterLastTreatment} months after the last treatment`,
    `  Treated under 18: until the ${p.childUntilBirthday}th birthday (${p.childAged17UntilBirthday}th if 17 when treatment ended), when later`,
    `  Other personal data: ${p.personalMonthsAfterLastInteraction} months after the last interaction`,
    `  Request records: ${p.requestMonthsAfterClosing} months after closing`,
  ].join('\n');
}

export function registerRetentionCommands(program: Command, globals: () => GlobalOptions): void {
  const retention = retentionCommand(program);

  retention
    .command('queue')
    .description('Clients and categories whose retention date has passed (or passes within 30 or 90 days), with the rule and dates.')
    .option('--as-of <date>', 'work out the queue as of this day (DD/MM/YYYY) instead of today')
    .option('--within <days>', '0 (passed only), 30 or 90', '0')
    .option('--category <c>', `one of ${RETENTION_CATEGORIES.join(', ')}`)
    .action(async (o: { asOf?: string; within?: string; category?: string }) => {
      const opts = globals();
      const input = {
        withinDays: withinDays(o.within),
        category: category(o.category),
        ...(o.asOf ? { asOf: parseUkDate(o.asOf, '--as-of') } : {}),
      };
      await withSignedIn(opts, async (api) => {
        const q = await api.call('retention.queue', input);
        const rows = q.rows.map((r) => ({
          clientId: r.clientId,
          category: r.category,
          rule: r.rule,
          triggerDate: r.triggerDate,
          retainUntil: r.retainUntil,
          due: r.due,
          held: r.held,
          ...(r.requestId ? { requestId: r.requestId } : {}),
          name: r.displayName,
        }));
        print(opts, rows, () =>
          [
            `As of ${formatUkDate(q.asOf)} (policy version ${q.policyVersion}): ${q.clients} client(s) due for review.`,
            ...Object.entries(q.counts)
              .filter(([, n]) => n > 0)
              .map(([rule, n]) => `  ${rule}: ${n}`),
            '',
            table(
              ['Client', 'Name', 'Category', 'Rule', 'Trigger', 'Kept until', 'Due', 'Held'],
              q.rows.map((r) => [r.clientId, r.displayName, r.category, r.rule, formatUkDate(r.triggerDate), formatUkDate(r.retainUntil), r.due, r.held ? 'HELD' : '']),
            ),
          ].join('\n'),
        );
      });
    });

  const policy = retention.command('policy').description('Show or change the retention policy (each change is a new version).');
  policy
    .command('show')
    .description('The policy in force.')
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const p = await api.call('retention.policy.get', undefined);
        print(opts, p, () => policyText(p));
      });
    });
  policy
    .command('set')
    .description('Change one or more periods. Says how many clients move into or out of the queue; under 12 months needs --confirm-short.')
    .option('--clinical-months <n>', 'clinical records: months after the last treatment')
    .option('--personal-months <n>', 'other personal data: months after the last interaction')
    .option('--child-until <age>', 'treated under 18: kept until this birthday')
    .option('--child17-until <age>', 'treated at 17: kept until this birthday')
    .option('--request-months <n>', 'request records: months after closing')
    .option('--confirm-short', 'confirm a period under 12 months')
    .option('--preview', 'only say what would change; save nothing')
    .action(
      async (o: { clinicalMonths?: string; personalMonths?: string; childUntil?: string; child17Until?: string; requestMonths?: string; confirmShort?: boolean; preview?: boolean }) => {
        const opts = globals();
        const changes: Partial<RetentionPeriods> = {
          clinicalMonthsAfterLastTreatment: wholeNumber('--clinical-months', o.clinicalMonths),
          personalMonthsAfterLastInteraction: wholeNumber('--personal-months', o.personalMonths),
          childUntilBirthday: wholeNumber('--child-until', o.childUntil),
          childAged17UntilBirthday: wholeNumber('--child17-until', o.child17Until),
          requestMonthsAfterClosing: wholeNumber('--request-months', o.requestMonths),
        };
        const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
        if (!Object.keys(given).length) throw new UsageError('Give at least one period to change, like --personal-months 48.');
        await withSignedIn(opts, async (api) => {
          const { version: _v, savedAt: _a, savedBy: _b, ...current } = await api.call('retention.policy.get', undefined);
          const proposed = { ...current, ...given };
          const preview = await api.call('retention.policy.preview', { policy: proposed });
          const moves = `${preview.leaving.length} row(s) would leave the queue, ${preview.joining.length} would join it.`;
          if (o.preview) return print(opts, preview, () => [moves, ...preview.joining.map((c) => `  + ${c.clientId} ${c.displayName} (${c.category})`), ...preview.leaving.map((c) => `  - ${c.clientId} ${c.displayName} (${c.category})`)].join('\n'));
          const saved = await api.call('retention.policy.set', { policy: proposed, confirmShort: o.confirmShort === true });
          print(opts, { policy: saved, preview }, () => `${moves}\n${policyText(saved)}`);
        });
      },
    );

  retention
    .command('hold')
    .description('Place a legal hold: nothing of the client can be destroyed or anonymised until it is released.')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--reason <text>', 'why (a complaint, a claim, …)')
    .option('--kind <kind>', `one of ${HOLD_KINDS.join(', ')}`, 'other')
    .option('--review <date>', 'when to look at the hold again (DD/MM/YYYY)')
    .action(async (o: { client: string; reason: string; kind: string; review?: string }) => {
      const opts = globals();
      if (!(HOLD_KINDS as readonly string[]).includes(o.kind)) throw new UsageError(`--kind must be one of ${HOLD_KINDS.join(', ')}.`);
      const reviewOn = o.review ? parseUkDate(o.review, '--review') : null;
      await withSignedIn(opts, async (api) => {
        const h = await api.call('holds.place', { clientId: o.client, kind: o.kind as HoldKind, reason: o.reason, reviewOn });
        print(opts, h, () => `Legal hold placed (${HOLD_KIND_LABELS[h.kind]}) on ${formatUkDate(h.placedOn)}${h.reviewOn ? `; review on ${formatUkDate(h.reviewOn)}` : ''}.`);
      });
    });

  retention
    .command('release')
    .description('Release the client’s legal hold.')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--reason <text>', 'why it is no longer needed')
    .action(async (o: { client: string; reason: string }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const h = await api.call('holds.release', { clientId: o.client, reason: o.reason });
        print(opts, h, () => `Legal hold released on ${formatUkDate(h.releasedOn)}.`);
      });
    });

  retention
    .command('holds')
    .description('Open legal holds (with --past-review, only those whose review date has come).')
    .option('--past-review', 'only holds past their review date')
    .action(async (o: { pastReview?: boolean }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const { holds } = await api.call('holds.list', { pastReview: o.pastReview === true });
        print(opts, holds, () =>
          table(
            ['Client', 'Name', 'Kind', 'Placed', 'Review', 'Reason'],
            holds.map((h) => [h.clientId, h.displayName, h.kind, formatUkDate(h.placedOn), h.reviewOn ? `${formatUkDate(h.reviewOn)}${h.pastReview ? ' (due)' : ''}` : '', h.reason]),
          ),
        );
      });
    });

  retention
    .command('review')
    .description('Keep a client’s data N more months, with a reason: the row leaves the queue until then.')
    .requiredOption('--client <id>', "the client's id")
    .requiredOption('--months <n>', 'how many more months')
    .requiredOption('--reason <text>', 'why it is still needed')
    .option('--category <c>', `one of ${RETENTION_CATEGORIES.join(', ')} (default: each category of the client in the queue)`)
    .action(async (o: { client: string; months: string; reason: string; category?: string }) => {
      const opts = globals();
      const months = wholeNumber('--months', o.months)!;
      const given = category(o.category);
      await withSignedIn(opts, async (api) => {
        const categories = given
          ? [given]
          : [...new Set((await api.call('retention.queue', { withinDays: 90 })).rows.filter((r) => r.clientId === o.client).map((r) => r.category))];
        if (!categories.length) throw new UsageError('This client has nothing in the queue within 90 days. Say which data to keep longer with --category.');
        const results: { category: RetentionCategory; keptUntil: string; reviewed: number }[] = [];
        for (const c of categories) results.push({ category: c, ...(await api.call('retention.review', { clientIds: [o.client], category: c, months, reason: o.reason })) });
        print(opts, results, () => results.map((r) => `Kept ${r.category} until ${formatUkDate(r.keptUntil)}.`).join('\n'));
      });
    });
}
