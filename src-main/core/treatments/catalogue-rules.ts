/**
 * What the catalogue may say about a treatment type, so that the 2021 Act
 * (docs/compliance.md "Aesthetics"; docs/consent-rules.md) cannot be switched
 * off by editing it. Pure: the input in, the field problems out.
 *
 * - Every injectable type answers "contains botulinum toxin or is a dermal
 *   filler?": no answer is refused, because an unticked box was how a custom
 *   "lip flip toxin" escaped the under-18 rule.
 * - A toxin or filler is an injectable: its batch and expiry are recorded, so a
 *   manufacturer's recall can find it.
 * - The built-in types' answers are fixed. The skin booster is an injected
 *   hyaluronic acid, which the Act treats as a filler.
 */
import type { FieldIssue } from '../../contract/errors';

interface FixedAnswers {
  injectable: boolean;
  toxinOrFiller: boolean;
}

export const BUILT_IN_TYPES: Readonly<Record<string, FixedAnswers>> = {
  tt_toxin: { injectable: true, toxinOrFiller: true },
  tt_filler: { injectable: true, toxinOrFiller: true },
  tt_skin_booster: { injectable: true, toxinOrFiller: true },
  tt_chemical_peel: { injectable: false, toxinOrFiller: false },
  tt_microneedling: { injectable: false, toxinOrFiller: false },
  tt_laser: { injectable: false, toxinOrFiller: false },
  tt_other: { injectable: false, toxinOrFiller: false },
};

export const TOXIN_QUESTION = 'Say whether this treatment contains botulinum toxin or is a dermal filler: the under-18 rule (2021 Act) depends on it.';

export interface TypeAnswers {
  id?: string;
  injectable: boolean;
  /** null: not answered. */
  toxinOrFiller: boolean | null;
}

export function catalogueIssues(t: TypeAnswers): FieldIssue[] {
  const fixed = t.id === undefined ? undefined : BUILT_IN_TYPES[t.id];
  if (fixed) {
    const issues: FieldIssue[] = [];
    if (t.injectable !== fixed.injectable) {
      issues.push({ field: 'injectable', message: `This built-in treatment is always ${fixed.injectable ? 'an injectable' : 'not an injectable'}.` });
    }
    if (t.toxinOrFiller !== null && t.toxinOrFiller !== fixed.toxinOrFiller) {
      issues.push({
        field: 'toxinOrFiller',
        message: fixed.toxinOrFiller
          ? 'This built-in treatment always falls under the under-18 rule (2021 Act).'
          : 'This built-in treatment is not botulinum toxin or a dermal filler. Add your own treatment type for one that is.',
      });
    }
    return issues;
  }
  if (t.injectable && t.toxinOrFiller === null) return [{ field: 'toxinOrFiller', message: TOXIN_QUESTION }];
  if (!t.injectable && t.toxinOrFiller === true) {
    return [
      {
        field: 'injectable',
        message: "Botulinum toxin and dermal fillers are injectables: tick Injectable, so the batch and expiry are recorded for a manufacturer's recall.",
      },
    ];
  }
  return [];
}

/**
 * Whether the under-18 rule applies to a type. An injectable whose answer was
 * never given (a type saved before the question was required) counts as toxin
 * or filler: the Act does not allow guessing in the treatment's favour.
 */
export function under18Applies(t: { injectable: boolean; toxinOrFiller: boolean; toxinOrFillerAnswered: boolean }): boolean {
  return t.toxinOrFiller || (t.injectable && !t.toxinOrFillerAnswered);
}
