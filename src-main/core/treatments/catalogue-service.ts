/** Saving the treatment catalogue: names unique, every change audited. */
import { AppError } from '../../contract/errors';
import type { ParsedInput } from '../../contract/schemas';
import type { TreatmentType } from '../../contract/record-types';
import type { SignedInContext } from '../handler-types';
import { newId } from '../platform/ids';
import { sameTypeName } from './catalogue';
import { BUILT_IN_TYPES, catalogueIssues } from './catalogue-rules';
import { treatmentStores } from './stores';

/** Creates a type (no id) or updates one (with its id). Owner only: the dispatcher checks. */
export function saveTreatmentType(ctx: SignedInContext, input: ParsedInput<'treatmentTypes.save'>): TreatmentType {
  const { vault, session } = ctx;
  const types = treatmentStores(vault).types;
  // The 2021 Act cannot be switched off here (catalogue-rules.ts): every injectable answers the toxin/filler question.
  const issues = catalogueIssues(input);
  if (issues.length > 0) throw new AppError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
  const fixed = input.id === undefined ? undefined : BUILT_IN_TYPES[input.id];
  const saved: TreatmentType = {
    id: input.id ?? newId('tt'),
    name: input.name.replace(/\s+/g, ' '),
    injectable: input.injectable,
    // Not asked for a non-injectable: a toxin or filler always is one.
    toxinOrFiller: fixed?.toxinOrFiller ?? input.toxinOrFiller ?? false,
    toxinOrFillerAnswered: true,
    builtIn: fixed !== undefined,
    active: input.active,
  };
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
