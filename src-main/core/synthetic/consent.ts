/**
 * The synthetic clinic's consent ledger (issue #4): for each generated client,
 * a believable life of consent events, from (seed, index) alone.
 *
 *  - at registration, marketing by each channel granted, refused or never
 *    asked (email and SMS sometimes on the soft opt-in, with its three
 *    conditions), reminders by email and SMS;
 *  - a consent to treatment for each treatment, and photo consents at the
 *    first one;
 *  - later withdrawals and re-grants, a recent TPS screening for many phone
 *    grants (phone grants always carry their TPS check, as earlier builds required);
 *  - a few objections to direct marketing (Art 21(3)): marketing_objection_at,
 *    every marketing grant withdrawn, the contact details' hashes on the
 *    suppression list (clients/suppression.ts's hashing), and now and then a
 *    later explicit re-grant by email;
 *  - a few deceased clients, each after the last thing in their record;
 *  - with a notice id, every event resting on that privacy notice (privacy-notice.ts).
 *
 * Events go in through one prepared statement inside the generator's
 * transaction; the 0004 trigger keeps consent_current. Rules of the ledger
 * (consent/consent-rules.ts) hold: a basis only for email and SMS, soft opt-in
 * only with all three conditions; each phone grant carries a TPS check too.
 */
import { wordingId } from '../consent/ledger';
import { contactKeys, hashContact } from '../clients/suppression';
import type { Db } from '../db/types';
import type { ClientIdentity } from '../../contract/record-types';
import { isoDay, isoStamp, openingSeconds } from './calendar';
import { Rng } from './random';
import type { TreatmentRow } from './treatments';

/** Stream numbers of the consent part: one per client, away from the others (see random.ts). */
const CONSENT_STREAM = 0x30000000;

const MARKETING = ['email', 'sms', 'phone', 'post', 'messenger'] as const;
type Channel = (typeof MARKETING)[number];

/** At registration: [granted, refused] shares; the rest were never asked (unknown). */
const REGISTRATION_ODDS: Record<Channel, readonly [number, number]> = {
  email: [0.62, 0.25],
  sms: [0.48, 0.3],
  phone: [0.22, 0.45],
  post: [0.3, 0.35],
  messenger: [0.12, 0.3],
};
const PHOTO_ODDS: readonly (readonly [string, number])[] = [
  ['photo.clinical-record', 0.92],
  ['photo.website-social', 0.14],
  ['photo.training', 0.1],
  ['photo.insurer', 0.05],
];
const TOGGLED = ['marketing.email', 'marketing.sms', 'marketing.phone', 'marketing.post', 'marketing.messenger', 'reminders.email', 'reminders.sms', 'photo.website-social', 'photo.training'] as const;

const WORDING: Record<string, string> = {
  'marketing.email': 'I would like to hear about offers and new treatments by email. I can unsubscribe at any time.',
  'marketing.sms': 'I would like to hear about offers and new treatments by text message. Reply STOP at any time.',
  'marketing.phone': 'I am happy to be called about offers and new treatments.',
  'marketing.post': 'I would like to receive offers and news by post.',
  'marketing.messenger': 'I am happy to be sent offers and news on Facebook Messenger.',
  'reminders.email': 'Send me appointment reminders by email.',
  'reminders.sms': 'Send me appointment reminders by text message.',
  'photo.clinical-record': 'Photos may be taken for my clinical record.',
  'photo.website-social': "My photos may be shown on the clinic's website and social media, without my name.",
  'photo.training': 'My photos may be used to train clinic staff.',
  'photo.insurer': "My photos may be shared with the clinic's insurer if a claim is made.",
  treatment: 'I have read the information about this treatment, its risks and aftercare, and I consent to it.',
};
const SOFT_OPT_IN_JSON = JSON.stringify({ detailsCollectedDuringSale: true, similarServicesOnly: true, optOutOfferedAtCollection: true });

const OBJECTION_SHARE = 0.015;
const DECEASED_SHARE = 0.004;
/** Share of current phone grants screened against the TPS in the last few weeks (a campaign's screening). */
const RECENT_TPS_SHARE = 0.65;
const TPS_REGISTERED_SHARE = 0.07;

export interface ConsentClient {
  index: number;
  clientId: string;
  identity: ClientIdentity;
  /** The record's creation: registration, when the first consents were asked. */
  createdAt: string;
  firstDay: number;
  treatments: readonly TreatmentRow[];
  /** Exactly this many events (the history benchmark's client); else about the average. */
  exactEvents?: number;
  /** Gets photos (photos.ts), some dated today: such a client is never made deceased. */
  photographed?: boolean;
}

export interface ConsentGenerator {
  /** Writes the client's events (and objection, suppression, death); returns how many events. */
  write(client: ConsentClient): number;
}

interface Ev {
  at: string;
  purposeId: string;
  state: 'granted' | 'withdrawn' | 'refused';
  by: string;
  method: string;
  treatmentId?: string;
  basis?: 'consent' | 'soft-opt-in' | null;
  softOptIn?: boolean;
  tpsOn?: string;
  tpsRegistered?: boolean;
  regrant?: boolean;
  recordedLater?: boolean;
}

export function prepareConsentGenerator(
  db: Db,
  opts: { seed: number; today: number; averageEvents: number; ownerId: string; noticeId?: string | null },
): ConsentGenerator {
  const insert = db.prepare(
    `INSERT INTO consent_events (id, client_id, purpose_id, treatment_id, state, basis, occurred_at, recorded_at,
       recorded_by, method, notice_id, wording_id, evidence_file_id, soft_opt_in, tps_checked_on, tps_registered,
       explicit_regrant, note, corrects_event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, '', NULL)`,
  );
  // The TPS screening that went with a phone grant, recorded against the client's mobile (docs/phones-and-tps.md).
  const screen = db.prepare(
    `INSERT INTO tps_screenings (id, phone, checked_on, registered, source, reference, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, 'screening-service', '', ?, ?)`,
  );
  const setObjection = db.prepare('UPDATE clients SET marketing_objection_at = ? WHERE id = ?');
  const setDeceased = db.prepare('UPDATE clients SET deceased_on = ? WHERE id = ?');
  const suppress = db.prepare(
    `INSERT INTO suppression_list (id, kind, value_hash, added_at, added_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, value_hash) DO NOTHING`,
  );
  const salt = (db.prepare(`SELECT value FROM meta WHERE key = 'suppression_salt'`).get() as { value: string }).value;
  const { today, ownerId } = opts;
  // Each sentence is stored once (migration 0009); its id is looked up once per purpose.
  const wordingIds = new Map<string, number | null>();
  const wordingOf = (purposeId: string): number | null => {
    if (!wordingIds.has(purposeId)) wordingIds.set(purposeId, wordingId(db, WORDING[purposeId] ?? ''));
    return wordingIds.get(purposeId)!;
  };
  const avg = Math.max(0, opts.averageEvents);

  const stamp = (rng: Rng, day: number) => isoStamp(day, openingSeconds(rng.float()));
  const dayOfStamp = (at: string) => Math.floor(Date.parse(at) / 86_400_000);
  const withdrawMethod = (rng: Rng) => rng.weighted([['email', 4], ['phone', 2], ['in-person', 2], ['online-form', 2]] as const);

  const grant = (rng: Rng, purposeId: string, at: string, method: string, regrant = false): Ev => {
    const channel = purposeId.startsWith('marketing.') ? (purposeId.slice(10) as Channel) : null;
    const ev: Ev = { at, purposeId, state: 'granted', by: ownerId, method, regrant };
    if (channel === 'email' || channel === 'sms') {
      const soft = !regrant && method === 'in-person' && rng.chance(0.5);
      ev.basis = soft ? 'soft-opt-in' : 'consent';
      ev.softOptIn = soft;
    }
    if (channel === 'phone') {
      ev.tpsOn = isoDay(dayOfStamp(at));
      ev.tpsRegistered = rng.chance(TPS_REGISTERED_SHARE);
    }
    return ev;
  };

  return {
    write(c) {
      const rng = new Rng(opts.seed, CONSENT_STREAM + c.index);
      const exact = c.exactEvents;
      const target = exact ?? Math.round(avg / 2 + rng.float() * avg);
      const regMethod = rng.weighted([['in-person', 4], ['paper-form', 3], ['online-form', 2]] as const);
      const evs: Ev[] = [];
      const state = new Map<string, 'granted' | 'withdrawn' | 'refused'>();
      const push = (e: Ev) => {
        evs.push(e);
        state.set(e.purposeId, e.state);
      };

      // Registration: each purpose a second apart, in the order on the form.
      let regSecond = 0;
      const regAt = () => new Date(Date.parse(c.createdAt) + 1000 * ++regSecond).toISOString();
      for (const ch of MARKETING) {
        const [g, r] = REGISTRATION_ODDS[ch];
        const x = rng.float();
        const purposeId = `marketing.${ch}`;
        if (x < g) push(grant(rng, purposeId, regAt(), regMethod));
        else if (x < g + r) push({ at: regAt(), purposeId, state: 'refused', by: ownerId, method: regMethod, recordedLater: regMethod === 'paper-form' });
      }
      for (const id of ['reminders.email', 'reminders.sms']) {
        if (rng.chance(0.85)) push({ at: regAt(), purposeId: id, state: 'granted', by: ownerId, method: regMethod, recordedLater: regMethod === 'paper-form' });
      }
      for (const e of evs) if (e.method === 'paper-form') e.recordedLater = true;

      // Consent to each treatment (the latest ones, if the budget is short), photos at the first.
      const room = Math.max(0, target - evs.length - 1);
      const treated = c.treatments.slice(Math.max(0, c.treatments.length - room));
      treated.forEach((t, i) => {
        const at = new Date(Date.parse(t.createdAt) - 15 * 60_000).toISOString();
        push({ at, purposeId: 'treatment', treatmentId: t.id, state: 'granted', by: t.practitionerId, method: 'paper-form' });
        if (i === 0) {
          for (const [id, p] of PHOTO_ODDS) {
            if (evs.length < target && rng.chance(p)) push({ at, purposeId: id, state: 'granted', by: t.practitionerId, method: 'paper-form' });
          }
        }
      });

      // Later changes of mind, in time order, up to the target (one kept for a TPS screening).
      const objects = exact === undefined && rng.chance(OBJECTION_SHARE);
      const lastDay = today - 1;
      const changes = Math.max(0, target - evs.length - (objects ? 0 : 1));
      const days: number[] = [];
      for (let i = 0; i < changes; i++) days.push(c.firstDay + 1 + Math.floor(rng.float() * Math.max(1, lastDay - c.firstDay)));
      days.sort((a, b) => a - b);
      const later: Ev[] = [];
      for (const day of days) {
        const purposeId = rng.pick(TOGGLED);
        const at = stamp(rng, Math.min(day, lastDay));
        const now = state.get(purposeId);
        const e: Ev =
          now === 'granted'
            ? { at, purposeId, state: 'withdrawn', by: ownerId, method: withdrawMethod(rng) }
            : grant(rng, purposeId, at, rng.weighted([['in-person', 3], ['online-form', 2], ['email', 1]] as const));
        later.push(e);
        state.set(purposeId, e.state);
      }
      evs.push(...later);

      let objectionAt: string | null = null;
      if (objects) {
        const day = Math.min(lastDay, Math.max(c.firstDay + 1, days.at(-1) ?? c.firstDay + 1));
        // After the day's appointments, so it follows every change made that day.
        objectionAt = isoStamp(day, 18 * 3600 + 30 * 60);
        const method = withdrawMethod(rng);
        for (const ch of MARKETING) {
          if (state.get(`marketing.${ch}`) === 'granted') push({ at: objectionAt, purposeId: `marketing.${ch}`, state: 'withdrawn', by: ownerId, method });
        }
        if (rng.chance(0.2) && day < lastDay) {
          const at = stamp(rng, day + 1 + Math.floor(rng.float() * (lastDay - day)));
          push(grant(rng, 'marketing.email', at, 'online-form', true));
        }
      } else if (state.get('marketing.phone') === 'granted' && rng.chance(RECENT_TPS_SHARE) && (exact === undefined || evs.length < exact)) {
        // Screened against the TPS for a recent campaign: a fresh grant with the new check.
        const lastAt = evs.reduce((m, e) => (e.at > m ? e.at : m), c.createdAt);
        const day = Math.max(dayOfStamp(lastAt) + 1, lastDay - Math.floor(rng.float() * 20));
        if (day <= lastDay) push(grant(rng, 'marketing.phone', stamp(rng, day), 'phone'));
      }
      // The history benchmark's client: make up the exact count with reminder toggles at the end.
      if (exact !== undefined) {
        let day = Math.max(c.firstDay + 1, dayOfStamp(evs.reduce((m, e) => (e.at > m ? e.at : m), c.createdAt)));
        while (evs.length < exact) {
          const purposeId = evs.length % 2 === 0 ? 'reminders.email' : 'reminders.sms';
          const at = isoStamp(Math.min(day, lastDay), 12 * 3600 + evs.length);
          push(state.get(purposeId) === 'granted' ? { at, purposeId, state: 'withdrawn', by: ownerId, method: 'email' } : grant(rng, purposeId, at, 'email'));
          day++;
        }
        evs.length = exact;
      }

      for (const [n, e] of evs.entries()) {
        const recordedAt = e.recordedLater ? new Date(Date.parse(e.at) + 3_600_000).toISOString() : e.at;
        insert.run(
          rng.orderedId('ce', c.index, n),
          c.clientId,
          e.purposeId,
          e.treatmentId ?? null,
          e.state,
          e.basis ?? null,
          e.at,
          recordedAt,
          e.by,
          e.method,
          opts.noticeId ?? null,
          wordingOf(e.purposeId),
          e.softOptIn ? SOFT_OPT_IN_JSON : null,
          e.tpsOn ?? null,
          e.tpsRegistered === undefined ? null : e.tpsRegistered ? 1 : 0,
          e.regrant ? 1 : 0,
        );
        // No random draw here, so every other generated value stays as it was.
        if (e.tpsOn && c.identity.mobile) {
          screen.run(`tps_${c.clientId.slice(3)}_${n}`, c.identity.mobile, e.tpsOn, e.tpsRegistered ? 1 : 0, recordedAt, e.by);
        }
      }

      if (objectionAt) {
        setObjection.run(objectionAt, c.clientId);
        const row = { email: c.identity.email, mobile: c.identity.mobile, other_phones: JSON.stringify(c.identity.otherPhones) };
        for (const k of contactKeys(row)) suppress.run(rng.id('sup'), k.kind, hashContact(salt, k.kind, k.value), objectionAt, ownerId);
      }
      if (exact === undefined && rng.chance(DECEASED_SHARE) && !c.photographed) {
        // Dies after everything else in the record: the last consent, an objection, and the
        // last treatment's two-week review (when its "after" photo is taken); nobody, if no day is left before today.
        const lastTreated = c.treatments.at(-1);
        const latest = Math.max(
          dayOfStamp(evs.reduce((m, e) => (e.at > m ? e.at : m), c.createdAt)),
          objectionAt ? dayOfStamp(objectionAt) : 0,
          lastTreated ? dayOfStamp(lastTreated.createdAt) + 14 : 0,
        );
        const day = latest + 1 + Math.floor(rng.float() * 60);
        if (latest < lastDay) setDeceased.run(isoDay(Math.min(lastDay, day)), c.clientId);
      }
      return evs.length;
    },
  };
}
