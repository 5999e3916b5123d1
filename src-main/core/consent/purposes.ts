/**
 * The clinic's consent purposes: one per purpose and per channel (docs/compliance.md
 * "Consent and marketing": separate consent per purpose and per channel). The
 * built-in ones are seeded by migration 0004; the owner may rename or retire
 * them, and add their own.
 */
import { AppError, type FieldIssue } from '../../contract/errors';
import type { ConsentPurpose, MarketingChannel, PurposeCategory } from '../../contract/consent-types';
import { can } from '../../contract/permissions';
import type { ParsedInput } from '../../contract/schemas';
import type { Db } from '../db/types';
import type { ServiceContext } from '../service/service-context';
import { SettingsRepo } from '../settings/settings-repo';

interface PurposeRow {
  id: string;
  label: string;
  category: PurposeCategory;
  channel: MarketingChannel | null;
  built_in: number;
  active: number;
  standard_wording: string;
}

/** The clinic's name as the standard wordings use it. */
export function clinicNameOf(db: Db): string {
  return new SettingsRepo(db).getClinic().clinicName.trim() || 'the clinic';
}

/** A purpose; its standard wording with {clinic} replaced by the clinic's name. */
export function purposeFromRow(r: PurposeRow, clinicName: string): ConsentPurpose {
  return {
    id: r.id,
    label: r.label,
    category: r.category,
    channel: r.channel,
    builtIn: r.built_in === 1,
    active: r.active === 1,
    standardWording: r.standard_wording.replaceAll('{clinic}', clinicName),
  };
}

/** Photo and treatment consents are part of the clinical record: clinical.read / clinical.write. */
export function isClinicalPurpose(p: Pick<ConsentPurpose, 'category'>): boolean {
  return p.category === 'photo' || p.category === 'treatment';
}

/** Whether the signed-in person may see (read) or record (write) consents for this purpose. */
export function mayHandlePurpose(ctx: ServiceContext, p: Pick<ConsentPurpose, 'category'>, kind: 'read' | 'write'): boolean {
  return !isClinicalPurpose(p) || can(ctx.actor.role, kind === 'read' ? 'clinical.read' : 'clinical.write');
}

/** Refuses like the dispatcher does, and logs the refusal the same way. */
export function requirePurposeAccess(ctx: ServiceContext, p: ConsentPurpose, kind: 'read' | 'write', method: string): void {
  if (mayHandlePurpose(ctx, p, kind)) return;
  ctx.audit.append({ staffId: ctx.actor.id, action: 'access.denied', detail: { method, purposeId: p.id } });
  throw new AppError('FORBIDDEN');
}

export function listPurposes(db: Db, opts: { activeOnly?: boolean } = {}): ConsentPurpose[] {
  const where = opts.activeOnly ? 'WHERE active = 1' : '';
  const rows = db.prepare(`SELECT * FROM consent_purposes ${where} ORDER BY sort_order, id`).all() as PurposeRow[];
  const clinic = clinicNameOf(db);
  return rows.map((r) => purposeFromRow(r, clinic));
}

export function findPurpose(db: Db, id: string): ConsentPurpose | null {
  const row = db.prepare('SELECT * FROM consent_purposes WHERE id = ?').get(id) as PurposeRow | undefined;
  return row ? purposeFromRow(row, clinicNameOf(db)) : null;
}

export const UNKNOWN_PURPOSE = "That is not one of the clinic's consent purposes.";

/** The purpose, or VALIDATION on `purposeId` (an id from a form is a field, not a missing record). */
export function requirePurpose(db: Db, id: string): ConsentPurpose {
  const p = findPurpose(db, id);
  if (!p) throw new AppError('VALIDATION', UNKNOWN_PURPOSE, { issues: [{ field: 'purposeId', message: UNKNOWN_PURPOSE }] });
  return p;
}

function slug(label: string): string {
  const s = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || 'purpose';
}

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION', issues.map((i) => i.message).join(' '), { issues });
}

/** What a category may carry: marketing needs its channel; photo and treatment purposes are built in only. */
function categoryIssues(category: PurposeCategory, channel: MarketingChannel | null): FieldIssue[] {
  if (category === 'photo' || category === 'treatment') {
    return [{ field: 'category', message: 'Photo and treatment consents are built in: choose marketing, service or custom.' }];
  }
  if (category === 'marketing' && channel === null) {
    return [{ field: 'channel', message: 'Say which channel this marketing uses (email, SMS, telephone, post or Messenger).' }];
  }
  if (category === 'custom' && channel !== null) {
    return [{ field: 'channel', message: 'Only marketing and service messages have a channel.' }];
  }
  return [];
}

export function savePurpose(ctx: ServiceContext, input: ParsedInput<'consent.savePurpose'>): ConsentPurpose {
  const { db } = ctx;
  const label = input.label.normalize('NFC');
  const wording = input.standardWording?.normalize('NFC');
  const write = (): string => {
    if (input.id === undefined) {
      const issues = categoryIssues(input.category, input.channel);
      if (issues.length > 0) throw invalid(issues);
      const base = `custom.${slug(label)}`;
      let id = base;
      for (let n = 2; findPurpose(db, id); n++) id = `${base}-${n}`;
      db.prepare(
        `INSERT INTO consent_purposes (id, label, category, channel, built_in, active, sort_order, standard_wording)
         VALUES (?, ?, ?, ?, 0, ?, 200, ?)`,
      ).run(id, label, input.category, input.channel, input.active ? 1 : 0, wording ?? '');
      return id;
    }
    const before = findPurpose(db, input.id);
    if (!before) throw new AppError('NOT_FOUND', 'That consent purpose could not be found.');
    const retyped = before.category !== input.category || before.channel !== input.channel;
    if (retyped && before.builtIn) {
      throw invalid([{ field: 'category', message: 'A built-in purpose can be renamed or retired, but its category and channel stay as they are.' }]);
    }
    if (retyped) {
      const issues = categoryIssues(input.category, input.channel);
      if (issues.length > 0) throw invalid(issues);
      // Art 7(1): a recorded consent keeps the meaning it had when it was given.
      if (db.prepare('SELECT 1 FROM consent_events WHERE purpose_id = ? LIMIT 1').get(before.id)) {
        throw new AppError('CONFLICT', 'Consents have been recorded for this purpose, so its category and channel cannot change. Add a new purpose instead.');
      }
    }
    db.prepare(
      'UPDATE consent_purposes SET label = ?, category = ?, channel = ?, active = ?, standard_wording = coalesce(?, standard_wording) WHERE id = ?',
    ).run(label, input.category, input.channel, input.active ? 1 : 0, wording ?? null, before.id);
    return before.id;
  };
  const id = db.transaction(() => {
    const saved = write();
    ctx.audit.append({ staffId: ctx.actor.id, action: 'consent.purpose_saved', detail: { purposeId: saved } });
    return saved;
  })();
  return findPurpose(db, id)!;
}
