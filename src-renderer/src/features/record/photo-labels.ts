import type { PhotoConsentScope, PhotoStage, PhotoSummary } from '../../../../src-main/shared/record-types';
import { formatDay } from '../../dates';

export const STAGE_LABELS: Record<PhotoStage, string> = {
  before: 'Before',
  after: 'After',
  during: 'During',
  other: 'Other',
};

export const SCOPE_LABELS: Record<PhotoConsentScope, string> = {
  'clinical-record': 'Clinical record',
  insurer: 'Insurer',
  training: 'Training',
  'website-social': 'Website & social media',
};

export function photoLabel(p: PhotoSummary): string {
  return `${p.area}, ${STAGE_LABELS[p.stage].toLowerCase()}, ${formatDay(p.takenOn)}`;
}

/** Oldest first, so a set reads as a story: before, during, after. */
const STAGE_ORDER: Record<PhotoStage, number> = { before: 0, during: 1, after: 2, other: 3 };
export function chronological(list: PhotoSummary[]): PhotoSummary[] {
  return [...list].sort(
    (a, b) =>
      a.takenOn.localeCompare(b.takenOn) ||
      STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
      a.createdAt.localeCompare(b.createdAt),
  );
}

/** Photos grouped by area (areas compared case-insensitively), areas with the newest photo first. */
export function groupByArea(list: PhotoSummary[]): { area: string; photos: PhotoSummary[] }[] {
  const groups = new Map<string, { area: string; photos: PhotoSummary[] }>();
  for (const p of list) {
    const key = p.area.trim().toLocaleLowerCase('en-GB');
    const group = groups.get(key) ?? { area: p.area.trim(), photos: [] };
    group.photos.push(p);
    groups.set(key, group);
  }
  const latest = (g: { photos: PhotoSummary[] }) =>
    g.photos.reduce((m, p) => (p.takenOn > m ? p.takenOn : m), '');
  return [...groups.values()]
    .map((g) => ({ ...g, photos: chronological(g.photos) }))
    .sort((a, b) => latest(b).localeCompare(latest(a)) || a.area.localeCompare(b.area));
}

/** The pair to compare first: the earliest "before" and the latest "after" (else the first and last). */
export function defaultPair(photos: PhotoSummary[]): [string, string] | null {
  const list = chronological(photos);
  if (list.length < 2) return null;
  const before = list.find((p) => p.stage === 'before') ?? list[0]!;
  const after =
    [...list].reverse().find((p) => p.stage === 'after' && p.id !== before.id) ??
    [...list].reverse().find((p) => p.id !== before.id)!;
  return [before.id, after.id];
}
