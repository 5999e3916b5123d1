import { describe, expect, it } from 'vitest';
import type { MergePreview } from '../../../../src-main/contract/duplicate-types';
import { defaultChoices, shownValue } from './merge-choices';

describe('merge choices', () => {
  it("offers the other record's value first only where this record has none", () => {
    const preview = {
      fields: [
        { field: 'email', kept: '', merged: 'laura@example.com', same: false },
        { field: 'mobile', kept: '07700 900461', merged: '07700 900999', same: false },
        { field: 'addressLines', kept: '[]', merged: '["1 Quay St"]', same: false },
        { field: 'lastName', kept: 'Ó Briain', merged: 'Ó Briain', same: true },
      ],
    } as unknown as MergePreview;
    expect(defaultChoices(preview)).toEqual({ email: 'merged', addressLines: 'merged' });
  });

  it('shows dates the UK way and lists as text', () => {
    expect(shownValue('dateOfBirth', '1964-06-02')).toBe('02/06/1964');
    expect(shownValue('addressLines', '["1 Quay St","Bristol"]')).toBe('1 Quay St, Bristol');
    expect(shownValue('otherPhones', '[{"label":"work","number":"0117 496 0123"}]')).toBe('work: 0117 496 0123');
    expect(shownValue('email', '')).toBe('(none)');
  });
});
