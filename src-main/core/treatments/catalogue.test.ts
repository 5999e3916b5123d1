import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, addStaffMember, createTestVault, errorCodeOf, type TestVault } from '../test-support/temp-vault';

let tv: TestVault | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
});

describe('treatment catalogue', () => {
  it('lists the seeded types in order, with their flags', async () => {
    tv = await createTestVault();
    const types = await tv.api.call('treatmentTypes.list', undefined);
    expect(types.map((t) => t.id)).toEqual(['tt_toxin', 'tt_filler', 'tt_skin_booster', 'tt_chemical_peel', 'tt_microneedling', 'tt_laser', 'tt_other']);
    expect(types[0]).toEqual({ id: 'tt_toxin', name: 'Botulinum toxin', injectable: true, toxinOrFiller: true, toxinOrFillerAnswered: true, builtIn: true, active: true });
    // An injected hyaluronic acid is a filler under the 2021 Act.
    expect(types.find((t) => t.id === 'tt_skin_booster')).toMatchObject({ injectable: true, toxinOrFiller: true });
  });

  it('lets the owner add and change a type; inactive ones stay listed, flagged', async () => {
    tv = await createTestVault();
    const added = await tv.api.call('treatmentTypes.save', { name: '  Lip   filler ', injectable: true, toxinOrFiller: true });
    expect(added).toMatchObject({ name: 'Lip filler', injectable: true, toxinOrFiller: true, active: true });
    expect(added.id).toMatch(/^tt_[0-9a-f]{20}$/);
    await tv.api.call('treatmentTypes.save', { id: added.id, name: 'Lip filler (HA)', injectable: true, toxinOrFiller: true, active: false });
    await tv.api.call('treatmentTypes.save', { id: 'tt_laser', name: 'Laser', injectable: false, toxinOrFiller: false, active: false });
    const types = await tv.api.call('treatmentTypes.list', undefined);
    expect(types.at(-1)).toEqual({ id: added.id, name: 'Lip filler (HA)', injectable: true, toxinOrFiller: true, toxinOrFillerAnswered: true, builtIn: false, active: false });
    expect(types.find((t) => t.id === 'tt_laser')?.active).toBe(false);
    const audit = await tv.api.call('audit.list', { limit: 10, action: 'treatment_type.saved' });
    expect(audit.entries.map((e) => e.subjectId)).toEqual(['tt_laser', added.id, added.id]);
    expect(audit.entries[2]!.detail).toEqual({ created: true, injectable: true, toxinOrFiller: true, active: true });
  });

  it('keeps the built-in toxin and filler under the under-18 rule, whatever the owner edits', async () => {
    tv = await createTestVault();
    const r = await tv.api.dispatch('treatmentTypes.save', { id: 'tt_filler', name: 'Dermal filler', injectable: true, toxinOrFiller: false });
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(!r.ok && r.error.issues?.[0]?.field).toBe('toxinOrFiller');
    await tv.api.call('treatmentTypes.save', { id: 'tt_filler', name: 'Dermal filler (HA)', injectable: true, toxinOrFiller: true });
    const filler = (await tv.api.call('treatmentTypes.list', undefined)).find((t) => t.id === 'tt_filler');
    expect(filler).toMatchObject({ name: 'Dermal filler (HA)', toxinOrFiller: true });
  });

  it('refuses a custom injectable without the toxin/filler answer, and a toxin that is not an injectable; nothing is stored', async () => {
    tv = await createTestVault();
    const unanswered = await tv.api.dispatch('treatmentTypes.save', { name: 'Lip flip toxin', injectable: true });
    expect(!unanswered.ok && unanswered.error).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'toxinOrFiller' }] });
    expect(!unanswered.ok && unanswered.error.message).toMatch(/botulinum toxin or is a dermal filler.*2021 Act/);
    const notInjected = await tv.api.dispatch('treatmentTypes.save', { name: 'Cannula filler', injectable: false, toxinOrFiller: true });
    expect(!notInjected.ok && notInjected.error).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'injectable' }] });
    expect(await tv.api.call('treatmentTypes.list', undefined)).toHaveLength(7);
    expect((await tv.api.call('audit.list', { limit: 5, action: 'treatment_type.saved' })).entries).toHaveLength(0);
    // Not asked of a type that is not injected.
    expect(await tv.api.call('treatmentTypes.save', { name: 'LED light', injectable: false })).toMatchObject({ toxinOrFiller: false });
  });

  it("keeps every built-in type's answers: the skin booster cannot be unticked, a peel cannot become an injectable", async () => {
    tv = await createTestVault();
    const booster = await tv.api.dispatch('treatmentTypes.save', { id: 'tt_skin_booster', name: 'Skin booster', injectable: true, toxinOrFiller: false });
    expect(!booster.ok && booster.error.issues?.map((i) => i.field)).toEqual(['toxinOrFiller']);
    const peel = await tv.api.dispatch('treatmentTypes.save', { id: 'tt_chemical_peel', name: 'Chemical peel', injectable: true, toxinOrFiller: false });
    expect(!peel.ok && peel.error.issues?.map((i) => i.field)).toEqual(['injectable']);
    const types = await tv.api.call('treatmentTypes.list', undefined);
    expect(types.find((t) => t.id === 'tt_skin_booster')).toMatchObject({ injectable: true, toxinOrFiller: true });
    expect(types.find((t) => t.id === 'tt_chemical_peel')).toMatchObject({ injectable: false, toxinOrFiller: false });
  });

  it('refuses a name already in the catalogue, whatever its case or spacing', async () => {
    tv = await createTestVault();
    const r = await tv.api.dispatch('treatmentTypes.save', { name: 'DERMAL  filler', injectable: true, toxinOrFiller: true });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(!r.ok && r.error.issues?.[0]?.field).toBe('name');
    // Renaming a type to its own name in another case is not a clash.
    await tv.api.call('treatmentTypes.save', { id: 'tt_filler', name: 'Dermal Filler', injectable: true, toxinOrFiller: true });
    const renamed = await tv.api.dispatch('treatmentTypes.save', { id: 'tt_laser', name: 'dermal filler', injectable: false, toxinOrFiller: false });
    expect(!renamed.ok && renamed.error.code).toBe('CONFLICT');
    expect((await tv.api.call('treatmentTypes.list', undefined)).filter((t) => /filler/i.test(t.name))).toHaveLength(1);
  });

  it('says NOT_FOUND for an unknown id instead of creating it', async () => {
    tv = await createTestVault();
    expect(await errorCodeOf(() => tv!.api.call('treatmentTypes.save', { id: 'tt_nope', name: 'Nope', injectable: false, toxinOrFiller: false }))).toBe('NOT_FOUND');
    expect(await tv.api.call('treatmentTypes.list', undefined)).toHaveLength(7);
  });

  it('only the owner changes it; everyone signed in can read it', async () => {
    tv = await createTestVault();
    const priya = await addStaffMember(tv.api, 'practitioner');
    const rachel = await addStaffMember(tv.api, 'reception');
    for (const m of [priya, rachel]) {
      await tv.api.call('session.signIn', { username: m.username, password: m.password });
      expect(await tv.api.call('treatmentTypes.list', undefined)).toHaveLength(7);
      expect(await errorCodeOf(() => tv!.api.call('treatmentTypes.save', { name: 'Threads', injectable: false, toxinOrFiller: false }))).toBe('FORBIDDEN');
    }
    await tv.api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect(await tv.api.call('treatmentTypes.list', undefined)).toHaveLength(7);
  });
});
