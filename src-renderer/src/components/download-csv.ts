/**
 * Hands CSV text to the browser as a file download. A Blob of parts never
 * joins them into one long string, and the object URL is let go once the
 * browser has the file, so the list does not stay in memory behind it.
 * Spreadsheet programs need the byte-order mark to read accents correctly:
 * the core's CSVs start with one, and one is added if the first part lacks it.
 */
export function downloadCsv(parts: readonly string[], fileName: string): void {
  const withBom = parts[0]?.startsWith('\uFEFF') ? parts : ['\uFEFF', ...parts];
  const href = URL.createObjectURL(new Blob([...withBom], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
