import { describe, expect, it } from 'vitest';
import type { PhotoSummary } from '../../../../src-main/contract/record-types';
import { defaultPair, defaultStages, groupByArea, stageFromFileName } from './photo-labels';

function photo(id: string, area: string, stage: PhotoSummary['stage'], takenOn: string): PhotoSummary {
  return {
    id,
    clientId: 'c1',
    treatmentId: null,
    area,
    stage,
    takenOn,
    width: 10,
    height: 10,
    mediaType: 'image/jpeg',
    consentScopes: ['clinical-record'],
    activeScopes: ['clinical-record'],
    consentReference: '',
    thumbnailDataUrl: '',
    createdAt: `${takenOn}T10:00:00Z`,
  };
}

describe('groupByArea', () => {
  it('groups areas whatever their case, newest area first, photos oldest first', () => {
    const groups = groupByArea([
      photo('a', 'Lips', 'after', '2026-02-01'),
      photo('b', 'forehead', 'before', '2026-03-01'),
      photo('c', 'lips', 'before', '2026-01-01'),
    ]);
    expect(groups.map((g) => g.area)).toEqual(['forehead', 'Lips']);
    expect(groups[1]!.photos.map((p) => p.id)).toEqual(['c', 'a']);
  });
});

describe('defaultPair', () => {
  it('picks the earliest before and the latest after', () => {
    expect(
      defaultPair([
        photo('a2', 'Lips', 'after', '2026-02-01'),
        photo('b1', 'Lips', 'before', '2026-01-01'),
        photo('a3', 'Lips', 'after', '2026-03-01'),
      ]),
    ).toEqual(['b1', 'a3']);
  });
  it('falls back to the first and last photo', () => {
    expect(
      defaultPair([photo('x', 'Lips', 'during', '2026-01-01'), photo('y', 'Lips', 'other', '2026-01-05')]),
    ).toEqual(['x', 'y']);
  });
  it('needs two photos', () => {
    expect(defaultPair([photo('x', 'Lips', 'during', '2026-01-01')])).toBeNull();
  });
});

describe('stage from the file name', () => {
  it.each([
    ['forehead-after.jpg', 'after'],
    ['IMG_0042 post.HEIC', 'after'],
    ['lips_post-op.png', 'after'],
    ['LipsAfter2.webp', 'after'],
    ['forehead-before.jpg', 'before'],
    ['PRE_treatment.jpg', 'before'],
    ['cheeks pre.jpeg', 'before'],
    ['during-1.jpg', 'during'],
    ['IMG_0001.HEIC', null],
    ['preview.jpg', null],
    ['postcode.jpg', null],
    ['before-and-after.jpg', null],
  ] as const)('%s gives %s', (name, stage) => {
    expect(stageFromFileName(name)).toBe(stage);
  });
});

describe('default stages for a drop', () => {
  it('takes the name where it says, else Before for the first drop and After for later ones', () => {
    expect(defaultStages(['IMG_1.jpg', 'IMG_2.jpg'], 0)).toEqual(['before', 'before']);
    expect(defaultStages(['IMG_3.jpg', 'IMG_4.jpg'], 1)).toEqual(['after', 'after']);
    expect(defaultStages(['x-after.jpg', 'IMG_5.jpg', 'y-before.jpg'], 0)).toEqual(['after', 'before', 'before']);
    expect(defaultStages(['IMG_6.jpg'], 3)).toEqual(['after']);
  });
});
