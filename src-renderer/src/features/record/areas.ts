/** Common treatment and photo areas, offered as suggestions (any text is accepted). */
export const AREA_SUGGESTIONS = [
  'Forehead',
  'Glabella',
  "Crow's feet",
  'Lips',
  'Cheeks',
  'Tear troughs',
  'Nasolabial folds',
  'Marionette lines',
  'Jawline',
  'Chin',
  'Neck',
  'Full face',
] as const;
