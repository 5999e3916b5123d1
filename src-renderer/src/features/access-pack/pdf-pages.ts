/** The response PDF's bytes, and handing them to the browser to save. pdf.js, for drawing them, is in pdf-render.ts. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands the PDF to the browser as a download; the object URL is let go once the browser has it. */
export function savePdf(bytes: Uint8Array, fileName: string): void {
  const href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
