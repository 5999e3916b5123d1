/**
 * The merge form's starting choices and how it shows values. Where the kept
 * record has nothing and the other has something, the other's value is
 * offered first: a merge exists to bring the two records' facts together.
 */
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import type { MergeField, MergePreview, MergeSide } from '../../../../src-main/contract/duplicate-types';
import { formatDay } from '../../dates';

const EMPTY = new Set([null, '', '[]', 'null']);

export function defaultChoices(preview: MergePreview): Partial<Record<MergeField, MergeSide>> {
  const out: Partial<Record<MergeField, MergeSide>> = {};
  for (const f of preview.fields) {
    if (!f.same && EMPTY.has(f.kept) && !EMPTY.has(f.merged)) out[f.field] = 'merged';
  }
  return out;
}

/** A value as the person reads it: dates DD/MM/YYYY, lists one after another, nothing as "(none)". */
export function shownValue(field: MergeField, value: string | null): string {
  if (EMPTY.has(value)) return '(none)';
  if (field === 'dateOfBirth') return formatDay(value);
  // Stored E.164 (+447700900123), read the UK way (07700 900123).
  if (field === 'mobile') return formatUkPhone(value);
  if (field === 'addressLines' || field === 'treatmentInterests') {
    try {
      return (JSON.parse(value!) as string[]).join(', ');
    } catch {
      return value!;
    }
  }
  if (field === 'otherPhones') {
    try {
      return (JSON.parse(value!) as { label: string; number: string }[]).map((p) => (p.label ? `${p.label}: ${formatUkPhone(p.number)}` : formatUkPhone(p.number))).join(', ');
    } catch {
      return value!;
    }
  }
  if (field === 'gp') {
    try {
      const gp = JSON.parse(value!) as Record<string, string>;
      return [gp.name, gp.practice, gp.address, gp.phone].filter(Boolean).join(', ');
    } catch {
      return value!;
    }
  }
  return value!;
}
