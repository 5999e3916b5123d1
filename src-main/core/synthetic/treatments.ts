/**
 * A client's treatment history: dates from their first visit to yesterday, a
 * favourite treatment they mostly come back for, their usual practitioner, and
 * batches shared across the clinic by month (so a recall by batch finds a
 * realistic handful of clients). The rules the core enforces hold here too:
 * no toxin or filler for anyone under 18 on the day, and every batch expires
 * after the day it was used.
 */
import { ageOn } from '../../contract/uk-formats';
import { isoDay, isoStamp, monthIndex, monthStartAfter, openingSeconds } from './calendar';
import { ADVERSE_EVENTS, KINDS, MINOR_KINDS, type Product, type TreatmentKind } from './catalogue';
import { Rng } from './random';

/** One treatments row, in the column order of the insert in write-clinic.ts. */
export interface TreatmentRow {
  id: string;
  clientId: string;
  treatedOn: string;
  practitionerId: string;
  typeId: string;
  areasJson: string;
  product: string;
  batchNumber: string;
  batchKey: string;
  batchExpiry: string | null;
  amount: number | null;
  amountUnit: string | null;
  notes: string;
  aftercare: string;
  followUpOn: string | null;
  adverseEvent: string;
  mhraReported: 0 | 1;
  mhraReference: string;
  createdAt: string;
}

interface Batch {
  number: string;
  key: string;
  expiry: string;
}

/** Batch numbers are compared upper-case without spaces or dashes ("ab 12-3" is "AB123"), as migration 0002 says. */
export const batchKeyOf = (batch: string) => batch.toUpperCase().replace(/[\s-]/g, '');

function fill(pattern: string, rng: Rng): string {
  let out = '';
  for (const c of pattern) out += c === '9' ? String(rng.int(0, 9)) : c === 'A' ? 'ABCDEFGHJKLMNPRSTUVWXYZ'[rng.int(0, 22)] : c;
  return out;
}

function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The clinic's stock: for each product and month, up to three batches in use.
 * Each batch is made from (seed, product, month, slot) alone, so it is the same
 * whichever client meets it first.
 */
export class BatchBook {
  private readonly batches = new Map<string, Batch>();

  constructor(private readonly seed: number) {}

  batchFor(product: Product, day: number, slot: number): Batch {
    const month = monthIndex(day);
    const key = `${product.name}|${month}|${slot}`;
    let batch = this.batches.get(key);
    if (!batch) {
      const rng = new Rng(this.seed, (hashText(key) | 0x80000000) >>> 0);
      const number = fill(product.batchPattern, rng);
      // Stock arrives with 9-30 months of shelf life left, counted from the start of the month it is used in.
      batch = { number, key: batchKeyOf(number), expiry: isoDay(monthStartAfter(day, rng.int(9, 30))) };
      this.batches.set(key, batch);
    }
    return batch;
  }
}

export interface TreatmentPlanInput {
  clientId: string;
  dateOfBirth: string;
  firstVisitDay: number;
  today: number;
  count: number;
  practitionerIds: readonly string[];
  batches: BatchBook;
}

export function planTreatments(rng: Rng, input: TreatmentPlanInput): TreatmentRow[] {
  const { count, firstVisitDay, today } = input;
  if (count === 0) return [];
  const days = [firstVisitDay];
  const span = Math.max(1, today - firstVisitDay);
  for (let i = 1; i < count; i++) days.push(firstVisitDay + Math.floor(rng.float() * span));
  days.sort((a, b) => a - b);
  const favourite = rng.weighted(KINDS);
  const usual = rng.pick(input.practitionerIds);
  const rows: TreatmentRow[] = [];
  for (const day of days) {
    const treatedOn = isoDay(day);
    const minor = ageOn(input.dateOfBirth, treatedOn) < 18;
    let kind: TreatmentKind = rng.chance(0.6) ? favourite : rng.weighted(KINDS);
    if (minor && kind.injectable) kind = rng.weighted(MINOR_KINDS);
    rows.push(treatmentRow(rng, input, kind, day, treatedOn, rng.chance(0.75) ? usual : rng.pick(input.practitionerIds)));
  }
  return rows;
}

function treatmentRow(rng: Rng, input: TreatmentPlanInput, kind: TreatmentKind, day: number, treatedOn: string, practitionerId: string): TreatmentRow {
  const areas = rng.sample(kind.areas, rng.int(1, kind.maxAreas));
  let product: string;
  let batch: Batch | null = null;
  let amount: number | null = null;
  let unit: string | null = null;
  if (kind.injectable) {
    const p = rng.pick(kind.products);
    product = p.name;
    batch = input.batches.batchFor(p, day, rng.int(0, 2));
    amount = rng.pick(p.amounts);
    unit = p.unit;
  } else {
    product = rng.pick(kind.methods);
  }
  const adverse = kind.injectable && rng.chance(0.01) ? rng.pick(ADVERSE_EVENTS) : '';
  const reported = adverse !== '' && rng.chance(0.2);
  return {
    id: rng.id('tr'),
    clientId: input.clientId,
    treatedOn,
    practitionerId,
    typeId: kind.typeId,
    areasJson: JSON.stringify(areas),
    product,
    batchNumber: batch?.number ?? '',
    batchKey: batch?.key ?? '',
    batchExpiry: batch?.expiry ?? null,
    amount,
    amountUnit: unit,
    notes: rng.pick(kind.notes),
    aftercare: kind.aftercare,
    followUpOn: kind.followUpDays !== null && rng.chance(0.5) ? isoDay(day + kind.followUpDays) : null,
    adverseEvent: adverse,
    mhraReported: reported ? 1 : 0,
    mhraReference: reported ? `YC-${rng.digits(7)}` : '',
    createdAt: isoStamp(day, openingSeconds(rng.float())),
  };
}
