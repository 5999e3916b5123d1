/**
 * Issue #12's deadline figure: statutory due dates computed per second
 * (target ≥ 100,000/s), over a realistic mix of requests: most plain, some
 * waiting for or given ID, some with clarifications (stopped clock), some
 * extended, some complaints; received on any day 2019–2032 (so published and
 * computed "expected" years both), in all three regions.
 *
 * Each region's calendar is built once, as a dashboard read does with
 * clinicWorkingDays, so its years are cached after the first few dates; a
 * second figure includes building a fresh calendar every 500 requests
 * (one dashboard's worth).
 */
import { workingDaysFor } from '../src-main/core/calendar/working-days';
import { BANK_HOLIDAY_REGIONS } from '../src-main/contract/types';
import { isoFromDay, dayFromParts } from '../src-main/core/calendar/iso-days';
import { computeDeadline, type DeadlineInput } from '../src-main/core/requests/deadline';
import { Rng } from '../src-main/core/synthetic/random';

const TARGET_PER_SECOND = 100_000;

function mix(n: number): DeadlineInput[] {
  const rng = new Rng(12, 2);
  const first = dayFromParts(2019, 1, 1);
  const span = dayFromParts(2032, 12, 31) - first;
  const out: DeadlineInput[] = [];
  for (let i = 0; i < n; i++) {
    const received = first + rng.int(0, span);
    const iso = (d: number) => isoFromDay(d);
    const input: DeadlineInput = { kind: 'request', receivedOn: iso(received), waitsFor: [], clarifications: [], extension: null };
    const roll = rng.int(0, 99);
    if (roll < 20) input.waitsFor.push({ what: 'identity', requestedOn: iso(received + 1), receivedOn: iso(received + rng.int(2, 20)) });
    else if (roll < 25) input.waitsFor.push({ what: 'identity', requestedOn: iso(received), receivedOn: null });
    else if (roll < 30) {
      input.waitsFor.push({ what: 'authority', requestedOn: iso(received), receivedOn: iso(received + rng.int(1, 10)) });
      input.waitsFor.push({ what: 'fee', requestedOn: iso(received), receivedOn: iso(received + rng.int(1, 15)) });
    }
    const c = rng.int(0, 99);
    if (c < 15) {
      const asked = received + rng.int(0, 20);
      input.clarifications.push({ askedOn: iso(asked), answeredOn: iso(asked + rng.int(0, 14)) });
    } else if (c < 18) input.clarifications.push({ askedOn: iso(received + 3), answeredOn: null });
    if (rng.int(0, 99) < 8) input.extension = { toldOn: iso(received + rng.int(5, 35)) };
    if (rng.int(0, 99) < 5) input.kind = 'complaint';
    out.push(input);
  }
  return out;
}

export async function benchDeadlines(opts: { quick: boolean }) {
  const n = opts.quick ? 200_000 : 1_000_000;
  const inputs = mix(n);
  const regionOf = (i: number) => BANK_HOLIDAY_REGIONS[i % 3]!;

  const calendars = BANK_HOLIDAY_REGIONS.map((r) => workingDaysFor(r));
  // Warm-up, so the figure is the steady state rather than the JIT compiling.
  for (let i = 0; i < 20_000; i++) computeDeadline(inputs[i]!, calendars[i % 3]!);

  let due = 0;
  let t = performance.now();
  for (let i = 0; i < n; i++) if (computeDeadline(inputs[i]!, calendars[i % 3]!).dueDate) due++;
  const warmMs = performance.now() - t;

  t = performance.now();
  let fresh = calendars;
  for (let i = 0; i < n; i++) {
    if (i % 500 === 0) fresh = BANK_HOLIDAY_REGIONS.map((r) => workingDaysFor(r));
    computeDeadline(inputs[i]!, fresh[BANK_HOLIDAY_REGIONS.indexOf(regionOf(i))]!);
  }
  const coldMs = performance.now() - t;

  const perSecond = Math.round(n / (warmMs / 1000));
  const perSecondFresh = Math.round(n / (coldMs / 1000));
  return {
    computations: n,
    withDueDate: due,
    computationsPerSecond: { value: perSecond, target: TARGET_PER_SECOND, met: perSecond >= TARGET_PER_SECOND },
    computationsPerSecondFreshCalendarEvery500: {
      value: perSecondFresh,
      target: TARGET_PER_SECOND,
      met: perSecondFresh >= TARGET_PER_SECOND,
    },
  };
}
