import { describe, expect, it } from 'vitest';
import { DraftStore } from './drafts';

const SARAH = 'st_sarah';
const RACHEL = 'st_rachel';

/** Sarah signs in, types into the medical history, and the screen locks. */
function lockedWithDraft(): DraftStore {
  const drafts = new DraftStore();
  drafts.openFor(SARAH);
  drafts.put('medical:cl_1', { notes: 'Allergic to lido' });
  drafts.hold();
  // The shell closes: the form's cleanup runs while the screen is locking.
  drafts.release('medical:cl_1');
  return drafts;
}

describe('drafts kept across a lock', () => {
  it('gives the same person their draft back after signing in again', () => {
    const drafts = lockedWithDraft();
    expect(drafts.heldFor()).toBe(SARAH);
    drafts.openFor(SARAH);
    expect(drafts.get('medical:cl_1')).toEqual({ notes: 'Allergic to lido' });
  });

  it('never shows it to someone else signing in: it is dropped unseen', () => {
    const drafts = lockedWithDraft();
    drafts.openFor(RACHEL);
    expect(drafts.has('medical:cl_1')).toBe(false);
    expect(drafts.get('medical:cl_1')).toBeUndefined();
    // And it is gone for Sarah too when she signs in after Rachel.
    drafts.openFor(SARAH);
    expect(drafts.has('medical:cl_1')).toBe(false);
  });

  it('throws it away on Switch user', () => {
    const drafts = lockedWithDraft();
    drafts.discardAll();
    expect(drafts.heldFor()).toBeNull();
    drafts.openFor(SARAH);
    expect(drafts.has('medical:cl_1')).toBe(false);
  });

  it('forgets a draft when its form closes while signed in (saved, cancelled or discarded)', () => {
    const drafts = new DraftStore();
    drafts.openFor(SARAH);
    drafts.put('medical:cl_1', { notes: 'x' });
    drafts.release('medical:cl_1');
    expect(drafts.has('medical:cl_1')).toBe(false);
    drafts.hold();
    expect(drafts.heldFor()).toBeNull(); // nothing to keep: the lock screen says nothing
  });

  it('keeps nothing once the form matches what is saved again', () => {
    const drafts = new DraftStore();
    drafts.openFor(SARAH);
    drafts.put('details:cl_1', { mobile: '07700 900123' });
    drafts.drop('details:cl_1');
    drafts.hold();
    drafts.release('details:cl_1');
    drafts.openFor(SARAH);
    expect(drafts.has('details:cl_1')).toBe(false);
  });
});
