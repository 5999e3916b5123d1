/** audit list */
import type { Command } from 'commander';
import { type GlobalOptions, UsageError, formatDateTime, parseUkDate, print, table, withSignedIn } from '../cli-context';

interface AuditListOptions {
  limit: string;
  action?: string;
  staff?: string;
  subject?: string;
  from?: string;
  to?: string;
}

export function registerAuditCommands(program: Command, globals: () => GlobalOptions): void {
  const audit = program.command('audit').description('Read the audit log (owner only).');
  audit
    .command('list')
    .description('List audit entries, newest first.')
    .option('--limit <n>', 'how many entries', '50')
    .option('--action <action>', 'only this action (end with a dot for a group, e.g. "session.")')
    .option('--staff <username>', 'only what this member of staff did')
    .option('--subject <id>', 'only entries about this record id')
    .option('--from <date>', 'from this date, DD/MM/YYYY')
    .option('--to <date>', 'to this date, DD/MM/YYYY')
    .action(async (o: AuditListOptions) => {
      const opts = globals();
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500.');
      const from = o.from ? parseUkDate(o.from, '--from') : undefined;
      const to = o.to ? parseUkDate(o.to, '--to') : undefined;
      await withSignedIn(opts, async (api) => {
        let staffId: string | undefined;
        if (o.staff) {
          staffId = (await api.call('staff.list', undefined)).find((m) => m.username === o.staff!.toLowerCase())?.id;
          if (!staffId) throw new UsageError(`There is no member of staff called ${o.staff}.`);
        }
        const page = await api.call('audit.list', { limit, action: o.action, staffId, subjectId: o.subject, from, to });
        print(opts, page, () =>
          table(
            ['#', 'When', 'Who', 'Action', 'Subject'],
            page.entries.map((e) => [String(e.seq), formatDateTime(e.at), e.staffName ?? '-', e.action, e.subjectId ? `${e.subjectType ?? ''} ${e.subjectId}`.trim() : '']),
          ),
        );
      });
    });
}
