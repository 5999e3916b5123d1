/**
 * catalogue list | save: the clinic's treatment types, as the owner edits them
 * in Settings → Treatment catalogue. The same core rules apply (2021 Act,
 * docs/consent-rules.md): an injectable must answer "contains botulinum toxin
 * or is a dermal filler?", toxin or filler implies injectable, and the
 * built-in types' answers cannot be changed.
 */
import type { Command } from 'commander';
import type { TreatmentType } from '../../contract/record-types';
import { type GlobalOptions, UsageError, print, table, withSignedIn } from '../cli-context';

function yesNo(value: string | undefined, flag: string): boolean | null {
  if (value === undefined) return null;
  if (value === 'yes') return true;
  if (value === 'no') return false;
  throw new UsageError(`${flag} takes yes or no.`);
}

function describeType(t: TreatmentType): string[] {
  const toxin = !t.injectable ? '—' : !t.toxinOrFillerAnswered ? 'not answered (treated as yes)' : t.toxinOrFiller ? 'yes' : 'no';
  return [t.id, t.name, t.injectable ? 'yes' : 'no', toxin, t.active ? 'in use' : 'retired'];
}

export function registerCatalogueCommands(program: Command, globals: () => GlobalOptions): void {
  const catalogue = program.command('catalogue').description('The treatment catalogue (everyone can list it; the owner saves it).');

  catalogue
    .command('list')
    .description('Every treatment type, with whether it is injectable and whether it is toxin or filler (under-18 rule).')
    .action(async () => {
      const opts = globals();
      await withSignedIn(opts, async (api) => {
        const types = await api.call('treatmentTypes.list', undefined);
        print(opts, types, () => table(['Id', 'Treatment', 'Injectable', 'Toxin or filler', 'Status'], types.map(describeType)));
      });
    });

  catalogue
    .command('save')
    .description('Add a treatment type, or change one with --id. An injectable needs --toxin-or-filler yes|no.')
    .option('--id <id>', 'the type to change (from catalogue list); without it a new type is added')
    .requiredOption('--name <name>', 'the name staff see, e.g. "Lip flip"')
    .requiredOption('--injectable <yes|no>', 'injected? (product, batch and expiry are then required, for recalls)')
    .option('--toxin-or-filler <yes|no>', 'contains botulinum toxin or is a dermal filler? (the under-18 rule of the 2021 Act)')
    .option('--retired', 'no longer offered: kept for the treatments already recorded')
    .action(async (o: { id?: string; name: string; injectable: string; toxinOrFiller?: string; retired?: boolean }) => {
      const opts = globals();
      const injectable = yesNo(o.injectable, '--injectable');
      const toxinOrFiller = yesNo(o.toxinOrFiller, '--toxin-or-filler');
      await withSignedIn(opts, async (api) => {
        const saved = await api.call('treatmentTypes.save', {
          ...(o.id ? { id: o.id } : {}),
          name: o.name,
          injectable: injectable ?? false,
          toxinOrFiller,
          active: !o.retired,
        });
        print(opts, saved, () => `Saved ${saved.name} (${saved.id}): ${describeType(saved).slice(2).join(', ')}.`);
      });
    });
}
