import type { PhotoConsentScope, PhotoStage, PhotoSummary } from '../../../../src-main/contract/record-types';
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

const STAGE_WORDS: Record<string, PhotoStage> = {
  before: 'before',
  pre: 'before',
  preop: 'before',
  pretreatment: 'before',
  after: 'after',
  post: 'after',
  postop: 'after',
  posttreatment: 'after',
  during: 'during',
};

/**
 * The stage a file's name gives, if it gives one: "forehead-after.jpg",
 * "IMG_0042 post.HEIC", "LipsBefore2.png". Words are split at punctuation,
 * digits and capitals; a name naming two stages gives none.
 */
export function stageFromFileName(fileName: string): PhotoStage | null {
  const base = fileName.replace(/\.[^.]*$/, '');
  const words = base
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
  const found = new Set(words.map((w) => STAGE_WORDS[w]).filter((s): s is PhotoStage => s !== undefined));
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * The stage for each file of one drop or choice: from its name where it says,
 * otherwise from the order: the first batch added is Before, every later one
 * After (the practitioner photographs, treats, then photographs again).
 */
export function defaultStages(fileNames: readonly string[], earlierBatches: number): PhotoStage[] {
  const byOrder: PhotoStage = earlierBatches === 0 ? 'before' : 'after';
  return fileNames.map((name) => stageFromFileName(name) ?? byOrder);
}
