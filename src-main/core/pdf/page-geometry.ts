/**
 * A4 page and print-ready margins (points; 1 mm = 2.835 pt). 20 mm at the
 * sides and 25 mm top and bottom clear every office printer's unprintable
 * edge and leave room for the running header and the footer inside it.
 */
const MM = 72 / 25.4;

export const PAGE = {
  width: 595.28,
  height: 841.89,
  left: 20 * MM,
  right: 595.28 - 20 * MM,
  top: 25 * MM,
  bottom: 841.89 - 25 * MM,
  /** Baselines of the running header and the footer, in the margins. */
  headerBaseline: 14 * MM,
  footerBaseline: 841.89 - 12 * MM,
} as const;

export const CONTENT_WIDTH = PAGE.right - PAGE.left;
