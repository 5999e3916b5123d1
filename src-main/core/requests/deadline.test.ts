import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { workingDaysFor } from '../calendar/working-days';
import { computeDeadline, type DeadlineInput } from './deadline';

const ew = workingDaysFor('england-and-wales');
const scot = workingDaysFor('scotland');
const ni = workingDaysFor('northern-ireland');

function request(receivedOn: string, more: Partial<DeadlineInput> = {}): DeadlineInput {
  return { kind: 'request', receivedOn, waitsFor: [], clarifications: [], extension: null, ...more };
}

describe('standard due date (ICO method)', () => {
  it.each([
    ['ICO example: received 3 Sep → due 3 Oct', ew, '2024-09-03', '2024-10-03'],
    ['ICO example: received 31 Mar → due 30 Apr (no 31 April)', ew, '2025-03-31', '2025-04-30'],
    ['ICO example: received Mon 25 Nov 2024 → Fri 27 Dec 2024 (25 and 26 Dec are bank holidays)', ew, '2024-11-25', '2024-12-27'],
    ['leap year: 31 Jan 2028 → Tue 29 Feb 2028', ew, '2028-01-31', '2028-02-29'],
    ['non-leap year: 31 Jan 2027 → 28 Feb 2027 is a Sunday → Mon 1 Mar', ew, '2027-01-31', '2027-03-01'],
    ['received on a Saturday: the clock starts that day; 5 Dec 2026 → Tue 5 Jan 2027', ew, '2026-12-05', '2027-01-05'],
    ['due on a Saturday rolls to the Monday: 3 Sep 2026 → Sat 3 Oct → Mon 5 Oct', ew, '2026-09-03', '2026-10-05'],
    ['England: due 2 Jan 2026 is a working day', ew, '2025-12-02', '2026-01-02'],
    ['Scotland: due 2 Jan 2026 is a bank holiday → Mon 5 Jan', scot, '2025-12-02', '2026-01-05'],
    ['England: due St Andrew’s Day 30 Nov 2026 is a working day', ew, '2026-10-30', '2026-11-30'],
    ['Scotland: due St Andrew’s Day 30 Nov 2026 → Tue 1 Dec', scot, '2026-10-30', '2026-12-01'],
    ['Northern Ireland: due St Patrick’s Day 17 Mar 2027 → Thu 18 Mar', ni, '2027-02-17', '2027-03-18'],
    ['a computed (expected) year: due Easter Monday 2 Apr 2029 → Tue 3 Apr', ew, '2029-03-02', '2029-04-03'],
  ])('%s', (_label, days, receivedOn, due) => {
    const r = computeDeadline(request(receivedOn), days);
    expect(r).toMatchObject({ clockStartsOn: receivedOn, clockStoppedFor: null, dueDate: due, standardDueDate: due });
    expect(r.extensionNoticeBy).toBe(due);
    expect(r.extendedDueDate).toBeNull();
    expect(r.acknowledgeBy).toBeNull();
  });
});

describe('any WorkingDays will do', () => {
  it('a calendar with only isWorkingDay (no day-number fast path) gives the same dates', () => {
    const plain = { isWorkingDay: (iso: string) => ew.isWorkingDay(iso), holidayName: (iso: string) => ew.holidayName(iso) };
    for (const received of ['2024-11-25', '2026-12-05', '2028-01-31', '2026-11-25']) {
      const input = request(received, { clarifications: [{ askedOn: received, answeredOn: received }], extension: { toldOn: received } });
      expect(computeDeadline(input, plain)).toEqual(computeDeadline(input, ew));
    }
    expect(computeDeadline(request('2024-11-25'), plain).dueDate).toBe('2024-12-27');
  });
});

describe('waiting for ID, authority or a fee', () => {
  it('the clock does not start while ID is awaited', () => {
    const r = computeDeadline(request('2026-03-02', { waitsFor: [{ what: 'identity', requestedOn: '2026-03-02', receivedOn: null }] }), ew);
    expect(r).toMatchObject({ clockStartsOn: null, clockStoppedFor: 'identity', dueDate: null, standardDueDate: null, extensionNoticeBy: null });
  });

  it('ID arriving later moves the start: received 2 Mar, ID 10 Mar → due 10 Apr', () => {
    const r = computeDeadline(request('2026-03-02', { waitsFor: [{ what: 'identity', requestedOn: '2026-03-03', receivedOn: '2026-03-10' }] }), ew);
    expect(r).toMatchObject({ clockStartsOn: '2026-03-10', dueDate: '2026-04-10' });
  });

  it('the last of ID, authority and fee to arrive starts the clock', () => {
    const r = computeDeadline(
      request('2026-03-02', {
        waitsFor: [
          { what: 'identity', requestedOn: '2026-03-02', receivedOn: '2026-03-20' },
          { what: 'authority', requestedOn: '2026-03-02', receivedOn: '2026-03-05' },
          { what: 'fee', requestedOn: '2026-03-03', receivedOn: '2026-03-12' },
        ],
      }),
      ew,
    );
    // 20 Apr 2026 is a Monday.
    expect(r).toMatchObject({ clockStartsOn: '2026-03-20', dueDate: '2026-04-20' });
  });

  it('still waiting for the fee although ID has come', () => {
    const r = computeDeadline(
      request('2026-03-02', {
        waitsFor: [
          { what: 'identity', requestedOn: '2026-03-02', receivedOn: '2026-03-04' },
          { what: 'fee', requestedOn: '2026-03-02', receivedOn: null },
        ],
      }),
      ew,
    );
    expect(r).toMatchObject({ clockStartsOn: null, clockStoppedFor: 'fee', dueDate: null });
  });
});

describe('stopping the clock for clarification (Art 12A)', () => {
  it('while unanswered the clock is stopped and there is no due date', () => {
    const r = computeDeadline(request('2026-03-02', { clarifications: [{ askedOn: '2026-03-05', answeredOn: null }] }), ew);
    expect(r).toMatchObject({ clockStartsOn: '2026-03-02', clockStoppedFor: 'clarification', dueDate: null });
  });

  it('asked 28 Mar, answered 3 Apr (spanning a month end): 7 days, both counted, added back before rolling', () => {
    // Received Mon 16 Mar 2026 → 16 Apr, + 7 = Thu 23 Apr 2026.
    const r = computeDeadline(request('2026-03-16', { clarifications: [{ askedOn: '2026-03-28', answeredOn: '2026-04-03' }] }), ew);
    expect(r).toMatchObject({ stoppedDays: 7, standardDueDate: '2026-04-23', dueDate: '2026-04-23' });
  });

  it('added-back days land on a bank holiday and roll on: 25 Nov 2026 + 1 stopped day → 26 Dec → Tue 29 Dec', () => {
    // 25 Dec Fri, 26 Sat, 27 Sun, 28 Mon (Boxing Day substitute): next working day Tue 29 Dec 2026.
    const r = computeDeadline(request('2026-11-25', { clarifications: [{ askedOn: '2026-11-30', answeredOn: '2026-11-30' }] }), ew);
    expect(r).toMatchObject({ stoppedDays: 1, dueDate: '2026-12-29' });
  });

  it('overlapping clarifications count each day once', () => {
    const r = computeDeadline(
      request('2026-03-02', {
        clarifications: [
          { askedOn: '2026-03-05', answeredOn: '2026-03-09' },
          { askedOn: '2026-03-08', answeredOn: '2026-03-10' },
        ],
      }),
      ew,
    );
    expect(r.stoppedDays).toBe(6);
  });

  it('a clarification while waiting for ID stops nothing that had started', () => {
    const r = computeDeadline(
      request('2026-03-02', {
        waitsFor: [{ what: 'identity', requestedOn: '2026-03-02', receivedOn: '2026-03-10' }],
        clarifications: [{ askedOn: '2026-03-03', answeredOn: '2026-03-11' }],
      }),
      ew,
    );
    // Only 10 and 11 March count: 10 Apr + 2 = Sun 12 Apr → Mon 13 Apr.
    expect(r).toMatchObject({ clockStartsOn: '2026-03-10', stoppedDays: 2, dueDate: '2026-04-13' });
  });
});

describe('extension (Art 12(3))', () => {
  it('three months from the start, told within the first month', () => {
    const r = computeDeadline(request('2026-01-15', { extension: { toldOn: '2026-02-10' } }), ew);
    // 15 Apr 2026 is a Wednesday; standard due Mon 16 Feb (15 Feb is a Sunday).
    expect(r).toMatchObject({
      dueDate: '2026-04-15', extendedDueDate: '2026-04-15', standardDueDate: '2026-02-16',
      extensionNoticeBy: null, extensionToldLate: false,
    });
  });

  it('the extended date adds back stopped days and rolls: 30 Nov 2026 + 3 months → 28 Feb 2027 is a Sunday → Mon 1 Mar', () => {
    const r = computeDeadline(request('2026-11-30', { extension: { toldOn: '2026-12-01' } }), ew);
    expect(r.extendedDueDate).toBe('2027-03-01');
    const stopped = computeDeadline(
      request('2026-11-30', { extension: { toldOn: '2026-12-01' }, clarifications: [{ askedOn: '2026-12-02', answeredOn: '2026-12-03' }] }),
      ew,
    );
    // 28 Feb + 2 = Tue 2 Mar 2027.
    expect(stopped).toMatchObject({ stoppedDays: 2, extendedDueDate: '2027-03-02' });
  });

  it('told after the first month: still computed, flagged late so the register warns and records it', () => {
    const r = computeDeadline(request('2026-01-15', { extension: { toldOn: '2026-02-17' } }), ew);
    expect(r).toMatchObject({ dueDate: '2026-04-15', extensionToldLate: true });
  });

  it('told on the last day of the first month is in time', () => {
    expect(computeDeadline(request('2026-01-15', { extension: { toldOn: '2026-02-16' } }), ew).extensionToldLate).toBe(false);
  });
});

describe('complaints (DPA 2018 s.164A)', () => {
  it('acknowledged within 30 days, day 1 being the day after receipt (ICO complaints guidance)', () => {
    // Received Wed 1 Jul 2026: day 1 is 2 Jul, day 30 is Fri 31 Jul.
    expect(computeDeadline({ ...request('2026-07-01'), kind: 'complaint' }, ew)).toMatchObject({
      acknowledgeBy: '2026-07-31', dueDate: '2026-07-31', standardDueDate: null, extensionNoticeBy: null,
    });
  });

  it('a 30th day on a weekend or bank holiday moves to the next working day', () => {
    // Received Fri 3 Jul 2026 → Sun 2 Aug → Mon 3 Aug.
    expect(computeDeadline({ ...request('2026-07-03'), kind: 'complaint' }, ew).acknowledgeBy).toBe('2026-08-03');
    // Received Wed 26 Nov 2026 → Sat 26 Dec; Mon 28 Dec is the Boxing Day substitute → Tue 29 Dec.
    expect(computeDeadline({ ...request('2026-11-26'), kind: 'complaint' }, ew).acknowledgeBy).toBe('2026-12-29');
    // Scotland: received Sat 31 Oct 2026 → Mon 30 Nov, St Andrew's Day → Tue 1 Dec; in England, 30 Nov.
    expect(computeDeadline({ ...request('2026-10-31'), kind: 'complaint' }, scot).acknowledgeBy).toBe('2026-12-01');
    expect(computeDeadline({ ...request('2026-10-31'), kind: 'complaint' }, ew).acknowledgeBy).toBe('2026-11-30');
  });

  it('no statutory acknowledgement before 19 June 2026, when s.164A came into force', () => {
    expect(computeDeadline({ ...request('2026-06-18'), kind: 'complaint' }, ew).acknowledgeBy).toBeNull();
    // Received Fri 19 Jun 2026 → Sun 19 Jul → Mon 20 Jul.
    expect(computeDeadline({ ...request('2026-06-19'), kind: 'complaint' }, ew).acknowledgeBy).toBe('2026-07-20');
  });
});

describe('bad input', () => {
  function codeOf(input: DeadlineInput): string {
    try {
      computeDeadline(input, ew);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message.length).toBeGreaterThan(20);
      return (err as AppError).code;
    }
    throw new Error('no error');
  }

  it.each([
    ['2026-02-30'], ['31/01/2026'], [''], ['2026-1-5'], ['tomorrow'],
  ])('a received date that is not a date (%j) is refused with DATE_INVALID', (bad) => {
    expect(codeOf(request(bad))).toBe('DATE_INVALID');
  });

  it('an invalid clarification date names the field', () => {
    try {
      computeDeadline(request('2026-03-02', { clarifications: [{ askedOn: '2026-03-05', answeredOn: '2026-13-01' }] }), ew);
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).code).toBe('DATE_INVALID');
      expect((err as AppError).issues?.[0]?.field).toBe('clarifications[0].answeredOn');
      expect((err as AppError).message).toBe('The date the clarification was answered (“2026-13-01”) is not a real date. Enter a date like 25/12/2026.');
    }
  });

  it('a clarification answered before it was asked', () => {
    expect(() => computeDeadline(request('2026-03-02', { clarifications: [{ askedOn: '2026-03-10', answeredOn: '2026-03-09' }] }), ew)).toThrow(
      'The clarification is recorded as answered on 09/03/2026, before it was asked (10/03/2026). Check both dates.',
    );
    expect(codeOf(request('2026-03-02', { clarifications: [{ askedOn: '2026-03-10', answeredOn: '2026-03-09' }] }))).toBe('ANSWER_BEFORE_ASKED');
  });

  it('a clarification asked before the request was received', () => {
    expect(codeOf(request('2026-03-02', { clarifications: [{ askedOn: '2026-03-01', answeredOn: '2026-03-03' }] }))).toBe('DATE_BEFORE_REQUEST_RECEIVED');
  });

  it('ID recorded as arriving before it was asked for, or asked before receipt', () => {
    expect(codeOf(request('2026-03-02', { waitsFor: [{ what: 'identity', requestedOn: '2026-03-05', receivedOn: '2026-03-04' }] }))).toBe('ANSWER_BEFORE_ASKED');
    expect(codeOf(request('2026-03-02', { waitsFor: [{ what: 'fee', requestedOn: '2026-02-27', receivedOn: null }] }))).toBe('DATE_BEFORE_REQUEST_RECEIVED');
  });

  it('an extension told before the request was received', () => {
    expect(codeOf(request('2026-03-02', { extension: { toldOn: '2026-03-01' } }))).toBe('DATE_BEFORE_REQUEST_RECEIVED');
  });

  it('a bad date is reported even while the clock waits for ID', () => {
    expect(codeOf(request('2026-03-02', {
      waitsFor: [{ what: 'identity', requestedOn: '2026-03-02', receivedOn: null }],
      clarifications: [{ askedOn: '2026-03-05', answeredOn: '2026-03-04' }],
    }))).toBe('ANSWER_BEFORE_ASKED');
  });
});
