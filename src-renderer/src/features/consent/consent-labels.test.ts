import { describe, expect, it } from 'vitest';
import type { ConsentCurrent, ConsentPurpose } from '../../../../src-main/contract/consent-types';
import type { PhotoSummary } from '../../../../src-main/contract/record-types';
import {
  exclusionLabel,
  exclusionsFor,
  exportFileName,
  groupCurrent,
  latestNotice,
  photoUses,
  recordedNotice,
  visibleCategories,
} from './consent-labels';
import { noticeInEffectOn } from '../../../../src-main/contract/notice-in-effect';
import type { RecordedConsent } from '../../../../src-main/contract/consent-types';

const purpose = (
  id: string,
  category: ConsentPurpose['category'],
  channel: ConsentPurpose['channel'] = null,
) => ({
  id,
  label: id,
  category,
  channel,
  builtIn: true,
  active: true,
  standardWording: '',
});
const PURPOSES: ConsentPurpose[] = [
  purpose('marketing.email', 'marketing', 'email'),
  purpose('marketing.sms', 'marketing', 'sms'),
  purpose('reminders.sms', 'service', 'sms'),
  purpose('photo.website-social', 'photo'),
  purpose('treatment', 'treatment'),
];

describe('groupCurrent', () => {
  it('shows never-asked purposes as "Not asked", grouped and in the catalogue order', () => {
    const current: ConsentCurrent[] = [
      {
        purpose: PURPOSES[1]!,
        state: 'granted',
        since: '2026-03-01',
        basis: 'consent',
        eventId: 'e1',
        noticeVersion: 'v1',
        treatmentId: null,
        evidenceIncomplete: false,
      },
    ];
    const groups = groupCurrent(current, PURPOSES, visibleCategories(true));
    expect(groups.map((g) => g.group.title)).toEqual([
      'Marketing',
      'Appointment reminders',
      'Photo uses',
      'Treatment consents',
    ]);
    expect(groups[0]!.rows.map((r) => [r.purpose.id, r.state])).toEqual([
      ['marketing.email', 'unknown'],
      ['marketing.sms', 'granted'],
    ]);
  });

  it('leaves photo and treatment purposes out for reception', () => {
    const groups = groupCurrent([], PURPOSES, visibleCategories(false));
    expect(groups.map((g) => g.group.id)).toEqual(['marketing', 'service']);
  });
});

describe('marketing exclusions', () => {
  it('explains each reason in plain English, naming the missing detail for the channel', () => {
    expect(exclusionLabel('no-contact-detail', 'email')).toBe('No email address');
    expect(exclusionLabel('no-contact-detail', 'sms')).toBe('No mobile number');
    expect(exclusionLabel('suppressed', 'email')).toBe('Objected to direct marketing');
  });
  it('offers the TPS reasons for the telephone only', () => {
    expect(exclusionsFor('email')).not.toContain('tps');
    expect(exclusionsFor('phone')).toContain('tps-check-out-of-date');
    expect(exclusionsFor('phone')).toContain('tps-not-screened');
    expect(exclusionsFor('messenger')).not.toContain('tps-not-screened');
    expect(exclusionLabel('no-contact-detail', 'messenger')).toBe('No Messenger handle in the record');
  });
  it('names the file after the channel and the day', () => {
    expect(exportFileName('sms', '2026-05-01T09:30:00.000Z')).toBe('marketing-sms-2026-05-01.csv');
  });
});

describe('photoUses', () => {
  it('marks tagged uses that are no longer consented', () => {
    const photo = {
      consentScopes: ['clinical-record', 'website-social'],
      activeScopes: ['clinical-record'],
    } as PhotoSummary;
    expect(photoUses(photo)).toEqual([
      { scope: 'clinical-record', allowed: true },
      { scope: 'website-social', allowed: false },
    ]);
  });
});

describe('defaults', () => {
  it('takes the notice with the latest effective date as the latest', () => {
    const n = (id: string, effectiveOn: string) => ({
      id,
      versionLabel: id,
      effectiveOn,
      text: '',
      createdAt: `${effectiveOn}T09:00:00Z`,
      createdByName: 'Sarah',
    });
    expect(latestNotice([n('v1', '2026-01-01'), n('v2', '2026-04-01')])?.id).toBe('v2');
    expect(latestNotice([])).toBeNull();
    // A backdated form names the notice of its own day, not today's.
    const notices = [n('v1', '2026-01-01'), n('v2', '2026-04-01')];
    expect(noticeInEffectOn(notices, '2026-03-31')?.id).toBe('v1');
    expect(noticeInEffectOn(notices, '2026-04-01')?.id).toBe('v2');
    expect(noticeInEffectOn(notices, '2025-12-31')).toBeNull();
  });
});

describe('recordedNotice', () => {
  const event = {
    purposeLabel: 'Marketing by email',
    state: 'granted' as const,
    overriddenBy: null,
    evidenceIncomplete: false,
  } as unknown as RecordedConsent;
  it('says a recorded answer is not in force when a later one stands', () => {
    expect(recordedNotice(event)).toBe('Marketing by email: given, recorded.');
    expect(
      recordedNotice({ ...event, overriddenBy: { eventId: 'ce_1', state: 'withdrawn', occurredAt: '2026-11-22T11:00:00.000Z' } }),
    ).toBe('Marketing by email: given, recorded. It is not in force: the client’s later answer (withdrawn, 22/11/2026 11:00) stands.');
    expect(recordedNotice({ ...event, evidenceIncomplete: true })).toMatch(/Evidence incomplete: no privacy notice or no wording/);
  });
});
