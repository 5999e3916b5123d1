/**
 * Hands a PDF the core made (base64 in its answer) to the browser as a file
 * download, the way download-csv.ts does for lists: a Blob, a link clicked,
 * the object URL let go once the browser has the file.
 */
export function downloadPdf(base64: string, fileName: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const href = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
