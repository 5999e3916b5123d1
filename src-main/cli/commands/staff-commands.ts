/** staff add | list | remove */
import type { Command } from 'commander';
import { ROLES, ROLE_LABELS, type Role } from '../../contract/permissions';
import { type GlobalOptions, UsageError, formatDate, newPasswordFrom, print, table, withSignedIn } from '../cli-context';
import { printRotationProgress } from './rotation-progress';

export function registerStaffCommands(program: Command, globals: () => GlobalOptions): void {
  const staff = program.command('staff').description('Manage staff accounts (owner only).');

  staff
    .command('add')
    .description('Add a member of staff (their password from CLINIC_VAULT_NEW_PASSWORD or --new-password-stdin).')
    .requiredOption('--username <username>')
    .requiredOption('--display-name <name>')
    .requiredOption('--role <role>', ROLES.join(', '))
    .action(async (o: { username: string; displayName: string; role: string }) => {
      const opts = globals();
      if (!(ROLES as readonly string[]).includes(o.role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}.`);
      const password = newPasswordFrom(opts);
      await withSignedIn(opts, async (api) => {
        const member = await api.call('staff.add', { username: o.username, displayName: o.displayName, role: o.role as Role, password });
        print(opts, member, () => `Added ${member.displayName} (${member.username}) as ${ROLE_LABELS[member.role]}.`);
      });
    });

  staff
    .command('list')
    .description('List staff accounts, including removed ones.')
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const members = await api.call('staff.list', undefined);
        print(opts, members, () =>
          table(
            ['Username', 'Name', 'Role', 'Added', 'Removed', 'Note'],
            members.map((m) => [
              m.username,
              m.displayName,
              ROLE_LABELS[m.role],
              formatDate(m.createdAt),
              m.removedAt ? formatDate(m.removedAt) : '',
              m.needsPasswordResetForClinical ? 'reset password to give clinical access' : '',
            ]),
          ),
        );
      });
    });

  staff
    .command('remove <username>')
    .description('Remove a member of staff: they can no longer sign in; the audit log keeps their name.')
    .option('--rotate-key', 'also re-encrypt the database under a new key, so a copy of the old key they may hold stops opening it')
    .action(async (username: string, o: { rotateKey?: boolean }) => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const member = (await api.call('staff.list', undefined)).find((m) => m.username === username.toLowerCase() && !m.removedAt);
        if (!member) throw new UsageError(`There is no active member of staff called ${username}.`);
        const stop = printRotationProgress(api);
        try {
          await api.call('staff.remove', { staffId: member.id, rotateDatabaseKey: o.rotateKey === true });
        } finally {
          stop();
        }
        const rotated = o.rotateKey ? ' The database is now encrypted under a new key.' : '';
        print(opts, { removed: member.id, rotatedDatabaseKey: o.rotateKey === true }, () => `Removed ${member.displayName} (${member.username}).${rotated}`);
      });
    });
}
