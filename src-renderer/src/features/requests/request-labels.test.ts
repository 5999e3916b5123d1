import { describe, expect, it } from 'vitest';
import type { SubjectRequest } from '../../../../src-main/contract/request-types';
import { daysLeftLabel, dueLabel, typesLabel, urgency } from './request-labels';

const base = {
  status: 'open',
  daysLeft: 3,
  dueDate: '2026-12-03',
  responseSentOn: null,
  types: ['access', 'consent_withdrawal'],
  deadline: { clockStoppedFor: null },
} as unknown as SubjectRequest;
const r = (over: Record<string, unknown>) => ({ ...base, ...over }) as SubjectRequest;

describe('request labels', () => {
  it('says days left, due today, overdue, or what the clock waits for', () => {
    expect(daysLeftLabel(base)).toBe('3 days left');
    expect(daysLeftLabel(r({ daysLeft: 1 }))).toBe('1 day left');
    expect(daysLeftLabel(r({ daysLeft: 0 }))).toBe('Due today');
    expect(daysLeftLabel(r({ daysLeft: -4 }))).toBe('4 days overdue');
    expect(daysLeftLabel(r({ daysLeft: null, dueDate: null, deadline: { clockStoppedFor: 'identity' } }))).toBe('Waiting for ID (clock stopped)');
    expect(daysLeftLabel(r({ status: 'closed', responseSentOn: '2026-11-30' }))).toBe('Closed, sent 30/11/2026');
  });

  it('shows the due date DD/MM/YYYY, and the types short', () => {
    expect(dueLabel(base)).toBe('03/12/2026');
    expect(dueLabel(r({ dueDate: null }))).toBe('Not yet running');
    expect(typesLabel(base)).toBe('Access, Consent withdrawal');
  });

  it('ranks urgency the way the dashboard groups them', () => {
    expect([urgency(r({ daysLeft: -1 })), urgency(r({ daysLeft: 7 })), urgency(r({ daysLeft: 8 })), urgency(r({ deadline: { clockStoppedFor: 'fee' } }))]).toEqual([
      'overdue',
      'soon',
      'normal',
      'waiting',
    ]);
  });
});
