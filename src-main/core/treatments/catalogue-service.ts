/** Saving the treatment catalogue: names unique, every change audited. */
import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/schemas';
import type { TreatmentType } from '../../shared/record-types';
import type { SignedInContext } from '../handler-types';
import { newId } from '../ids';
import { sameTypeName } from './catalogue';
import { treatmentStores } from './stores';

/**
 * The built-in toxin and filler types are what the Botulinum Toxin and Cosmetic
 * Fillers (Children) Act 2021 is about: they stay injectable and under the
 * under-18 rule whatever else the owner edits (name, active).
 */
const LEGALLY_FIXED = new Set(['tt_toxin', 'tt_filler']);

/** Creates a type (no id) or updates one (with its id). Owner only: the dispatcher checks. */
export function saveTreatmentType(ctx: SignedInContext, input: ParsedInput<'treatmentTypes.save'>): TreatmentType {
  const { vault, session } = ctx;
  const types = treatmentStores(vault).types;
  const saved: TreatmentType = {
    id: input.id ?? newId('tt'),
    name: input.name.replace(/\s+/g, ' '),
    injectable: input.injectable,
    toxinOrFiller: input.toxinOrFiller,
    active: input.active,
  };
  if (LEGALLY_FIXED.has(saved.id) && (!saved.injectable || !saved.toxinOrFiller)) {
    throw new AppError('VALIDATION', 'Botulinum toxin and dermal filler always count as injectables under the under-18 rule.', {
      issues: [{ field: 'toxinOrFiller', message: 'This built-in treatment always falls under the under-18 rule (2021 Act).' }],
    });
  }
  vault.db.transaction(() => {
    if (input.id && !types.get(input.id)) throw new AppError('NOT_FOUND');
    // Checked in the same transaction as the write, so two saves cannot both pass it.
    if (types.list().some((t) => t.id !== saved.id && sameTypeName(t.name, saved.name))) {
      throw new AppError('CONFLICT', 'There is already a treatment with that name in the catalogue.', {
        issues: [{ field: 'name', message: 'There is already a treatment with that name. Choose another name.' }],
      });
    }
    if (input.id) types.update(saved);
    else types.insert(saved);
    // The flags are the clinic's configuration (not anyone's data) and decide which
    // safety rules apply, so a change to them is worth being able to trace.
    vault.audit.append({
      staffId: session.staff.id,
      action: 'treatment_type.saved',
      subjectType: 'treatment_type',
      subjectId: saved.id,
      detail: { created: !input.id, injectable: saved.injectable, toxinOrFiller: saved.toxinOrFiller, active: saved.active },
    });
  })();
  return saved;
}
