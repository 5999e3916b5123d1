import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { GOOD_NAMES, UNSAFE_IN_NOTES, UNSAFE_SAMPLES } from '../test-support/unsafe-text-corpus';
import { consentSchemas } from './consent-schemas';
import { clientIdentitySchema, lifestyleHistorySchema, medicalHistorySchema, recordSchemas, treatmentInputSchema } from './record-schemas';
import { clinicSettingsSchema, newStaffSchema } from './schemas';
import { jsonEscapeControls, visibleControls } from './text-rules';

const client = { firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1990-01-02', gp: { name: '', practice: '', address: '' }, otherPhones: [{ label: 'work', number: '07700 900123' }] };
const treatment = { clientId: 'c1', treatedOn: '2026-01-02', typeId: 't1', areas: ['forehead'], doctorException: { doctorName: 'Dr Kay', gmcNumber: '1234567', assessedOn: '2026-01-01', reason: 'Assessed in clinic.' } };
const photo = { clientId: 'c1', uploadId: 'u1', area: 'forehead', stage: 'before', takenOn: '2026-01-02' };
const consent = { clientId: 'c1', purposeId: 'marketing.email', state: 'granted', method: 'in-person' };

type Case = [field: string, schema: z.ZodType, base: Record<string, unknown>];

/** Every one-line text field of the contract, as [field path, schema, a valid input around it]. */
const LINE_FIELDS: Case[] = [
  ['firstName', clientIdentitySchema, client],
  ['lastName', clientIdentitySchema, client],
  ['preferredName', clientIdentitySchema, client],
  ['gender', clientIdentitySchema, client],
  ['occupation', clientIdentitySchema, client],
  ['addressLines.0', clientIdentitySchema, client],
  ['treatmentInterests.0', clientIdentitySchema, client],
  ['otherPhones.0.label', clientIdentitySchema, client],
  ['gp.name', clientIdentitySchema, client],
  ['gp.practice', clientIdentitySchema, client],
  ['alcohol', lifestyleHistorySchema, {}],
  ['reason', recordSchemas['clients.update'], { clientId: 'c1', changes: {} }],
  ['areas.0', treatmentInputSchema, treatment],
  ['product', treatmentInputSchema, treatment],
  ['batchNumber', treatmentInputSchema, treatment],
  ['mhraReference', treatmentInputSchema, treatment],
  ['doctorException.doctorName', treatmentInputSchema, treatment],
  ['name', recordSchemas['treatmentTypes.save'], { name: 'Toxin', injectable: true, toxinOrFiller: true }],
  ['area', recordSchemas['photos.import'], photo],
  ['consentReference', recordSchemas['photos.import'], photo],
  ['area', recordSchemas['photos.update'], { photoId: 'p1' }],
  ['batchNumber', recordSchemas['recall.byBatch'], {}],
  ['clinicName', clinicSettingsSchema, { clinicName: 'Riverside' }],
  ['addressLines.0', clinicSettingsSchema, { clinicName: 'Riverside' }],
  ['dataProtectionContact', clinicSettingsSchema, { clinicName: 'Riverside' }],
  ['displayName', newStaffSchema, { username: 'ann', role: 'reception', password: 'long enough password' }],
  ['label', consentSchemas['consent.savePurpose'], { category: 'marketing' }],
  ['versionLabel', consentSchemas['notices.publish'], { effectiveOn: '2026-01-02', text: 'We keep your records safe.' }],
];

/** Fields whose text may run over several lines. */
const NOTE_FIELDS: Case[] = [
  ['notes', clientIdentitySchema, client],
  ['gp.address', clientIdentitySchema, client],
  ['conditions', medicalHistorySchema, {}],
  ['medications', medicalHistorySchema, {}],
  ['allergies', medicalHistorySchema, {}],
  ['previousAestheticTreatments', medicalHistorySchema, {}],
  ['contraindications', medicalHistorySchema, {}],
  ['notes', medicalHistorySchema, {}],
  ['skincareRoutine', lifestyleHistorySchema, {}],
  ['notes', lifestyleHistorySchema, {}],
  ['notes', treatmentInputSchema, treatment],
  ['aftercare', treatmentInputSchema, treatment],
  ['adverseEvent', treatmentInputSchema, treatment],
  ['note', recordSchemas['clients.addDispute'], { clientId: 'c1', section: 'identity', field: 'firstName' }],
  ['wording', consentSchemas['consent.record'], consent],
  ['note', consentSchemas['consent.record'], consent],
  ['note', consentSchemas['consent.withdraw'], { clientId: 'c1', purposeId: 'marketing.email', method: 'in-person' }],
  ['note', consentSchemas['consent.object'], { clientId: 'c1', method: 'in-person' }],
  ['text', consentSchemas['notices.publish'], { versionLabel: 'v2', effectiveOn: '2026-01-02' }],
];

/** A deep copy of `base` with `value` at the dotted path. */
function withValue(base: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const [i, k] of keys.slice(0, -1).entries()) {
    at[k] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
  return copy;
}

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], data);
}

describe('one-line text fields', () => {
  describe.each(LINE_FIELDS)('%s', (field, schema, base) => {
    it.each(UNSAFE_SAMPLES)('refuses %s, naming the field', (_label, bad) => {
      const result = schema.safeParse(withValue(base, field, `Ann${bad}e`));
      expect(result.success).toBe(false);
      const issue = result.error!.issues.find((i) => i.path.join('.') === field);
      expect(issue?.message).toMatch(/cannot contain control or text-direction characters/);
    });

    it.each(GOOD_NAMES)('keeps a %s name exactly', (_label, good) => {
      const result = schema.safeParse(withValue(base, field, good));
      expect(result.error?.issues ?? []).toEqual([]);
      expect(valueAt(result.data, field)).toBe(good);
    });
  });

  it('says which field is wrong in words', () => {
    const result = clientIdentitySchema.safeParse({ ...client, firstName: 'Ann\u202eeL' });
    expect(result.error!.issues[0]!.message).toBe(
      'The first name cannot contain control or text-direction characters: type it again rather than pasting it.',
    );
  });

  it.each(['mobile', 'email'])('refuses a control character in the %s, which is stored as typed', (field) => {
    const value = field === 'email' ? 'ann\u202e@example.co.uk' : '07700\n900123';
    const result = clientIdentitySchema.safeParse({ ...client, [field]: value });
    expect(result.error!.issues.map((i) => [i.path.join('.'), /control or text-direction/.test(i.message)])).toEqual([[field, true]]);
  });
});

describe('multi-line notes', () => {
  describe.each(NOTE_FIELDS)('%s', (field, schema, base) => {
    it('keeps new lines and tabs, and turns Windows line ends into new lines', () => {
      const result = schema.safeParse(withValue(base, field, 'Line one\r\n\tindented\rthird 👩\u200d⚕\ufe0f שרה'));
      expect(result.error?.issues ?? []).toEqual([]);
      expect(valueAt(result.data, field)).toBe('Line one\n\tindented\nthird 👩\u200d⚕\ufe0f שרה');
    });

    it.each(UNSAFE_IN_NOTES)('refuses %s, naming the field', (_label, bad) => {
      const result = schema.safeParse(withValue(base, field, `Line one\n${bad}two`));
      const issue = result.error?.issues.find((i) => i.path.join('.') === field);
      expect(issue?.message).toMatch(/can hold new lines and tabs, but not other control or text-direction characters/);
    });
  });
});

describe('visibleControls', () => {
  it.each(UNSAFE_SAMPLES)('shows %s as its code point', (_label, bad) => {
    const shown = visibleControls(`Ann${bad}e`);
    expect(shown).toMatch(/^Ann(<U\+[0-9A-F]{4}>)+(\[31m)?e$/);
    expect(shown).not.toContain(bad);
  });

  it('leaves the layout it is told to keep, and every good name, alone', () => {
    expect(visibleControls('a\tb\nc', { newline: true, tab: true })).toBe('a\tb\nc');
    expect(visibleControls('a\tb\nc')).toBe('a<U+0009>b<U+000A>c');
    for (const [, good] of GOOD_NAMES) expect(visibleControls(good)).toBe(good);
  });

  it('escapes in JSON what JSON.stringify leaves raw, and the JSON still reads back the same', () => {
    const value = { name: 'Ann\u202e\u0085\u009b\u2066\u001b[31m' };
    const json = jsonEscapeControls(JSON.stringify(value, null, 2));
    expect(json).toMatch(/^[\n\x20-\x7e]*$/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
