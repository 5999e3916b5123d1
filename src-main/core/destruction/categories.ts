/**
 * What can be destroyed of a client, by category (docs/erasure-and-restriction.md).
 * Erasure (UK GDPR Art 17) destroys 'contact', 'marketing' and 'other' and keeps
 * 'clinical' under Art 17(3); the retention queue (#13) destroys all four when
 * the clinical record's retention date has passed, which also removes the
 * clients row itself.
 */
export const DESTRUCTION_CATEGORIES = ['contact', 'marketing', 'other', 'clinical'] as const;
export type DestructionCategory = (typeof DESTRUCTION_CATEGORIES)[number];

/** What each category holds, in the words of the erasure preview and reply letter. */
export const CATEGORY_LABELS: Record<DestructionCategory, string> = {
  contact: 'Contact details: address, postcode, email, phone numbers, Messenger handle, occupation, gender, treatment interests and notes, with their change history and TPS checks',
  marketing: 'Marketing and reminder preferences: consents and withdrawals for marketing, reminders and other non-clinical purposes, their evidence files, and statements about calls',
  other: 'Other non-clinical data: duplicate-check decisions and restriction details',
  clinical: 'Clinical records: medical and lifestyle history, treatments, photos, treatment and photo consents, with their change history and disputes',
};

/** Consent purposes whose entries are clinical (kept with the clinical record); every other category is marketing. */
export const CLINICAL_PURPOSE_CATEGORIES = ['photo', 'treatment'] as const;

/** What an erasure request destroys (UK GDPR Art 17); 'clinical' stays under Art 17(3). */
export const ERASED_CATEGORIES = ['contact', 'marketing', 'other'] as const satisfies readonly DestructionCategory[];
