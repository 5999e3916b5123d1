/** The catalogue cannot switch the 2021 Act off: the rules, table by table. */
import { describe, expect, it } from 'vitest';
import { type TypeAnswers, catalogueIssues, under18Applies } from './catalogue-rules';

describe('catalogueIssues', () => {
  const cases: [string, TypeAnswers, string[]][] = [
    ['custom injectable, answered yes', { injectable: true, toxinOrFiller: true }, []],
    ['custom injectable, answered no', { injectable: true, toxinOrFiller: false }, []],
    ['custom injectable without the toxin/filler answer', { injectable: true, toxinOrFiller: null }, ['toxinOrFiller']],
    ['custom toxin marked non-injectable', { injectable: false, toxinOrFiller: true }, ['injectable']],
    ['custom non-injectable, not asked', { injectable: false, toxinOrFiller: null }, []],
    ['custom non-injectable, answered no', { injectable: false, toxinOrFiller: false }, []],
    ['built-in filler unticked', { id: 'tt_filler', injectable: true, toxinOrFiller: false }, ['toxinOrFiller']],
    ['built-in toxin made non-injectable', { id: 'tt_toxin', injectable: false, toxinOrFiller: true }, ['injectable']],
    ['built-in skin booster unticked', { id: 'tt_skin_booster', injectable: true, toxinOrFiller: false }, ['toxinOrFiller']],
    ['built-in skin booster as a filler', { id: 'tt_skin_booster', injectable: true, toxinOrFiller: true }, []],
    ['built-in peel made a toxin', { id: 'tt_chemical_peel', injectable: true, toxinOrFiller: true }, ['injectable', 'toxinOrFiller']],
    ['built-in laser unchanged', { id: 'tt_laser', injectable: false, toxinOrFiller: false }, []],
    ['built-in answer left out (fixed anyway)', { id: 'tt_toxin', injectable: true, toxinOrFiller: null }, []],
  ];
  it.each(cases)('%s', (_name, t, fields) => {
    expect(catalogueIssues(t).map((i) => i.field)).toEqual(fields);
  });
});

describe('under18Applies', () => {
  const cases: [string, { injectable: boolean; toxinOrFiller: boolean; toxinOrFillerAnswered: boolean }, boolean][] = [
    ['toxin or filler', { injectable: true, toxinOrFiller: true, toxinOrFillerAnswered: true }, true],
    ['injectable answered no', { injectable: true, toxinOrFiller: false, toxinOrFillerAnswered: true }, false],
    ['injectable never answered', { injectable: true, toxinOrFiller: false, toxinOrFillerAnswered: false }, true],
    ['non-injectable', { injectable: false, toxinOrFiller: false, toxinOrFillerAnswered: true }, false],
  ];
  it.each(cases)('%s', (_name, t, applies) => {
    expect(under18Applies(t)).toBe(applies);
  });
});
