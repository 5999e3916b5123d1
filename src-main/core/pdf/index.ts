/** The PDF builder (infrastructure: imports no domain). See docs/pdf.md. */
export { PdfBuilder } from './pdf-builder';
export type { Letterhead, PdfOptions, PdfResult, FinishOptions } from './pdf-types';
export { writeLetterPdf, letterText, clinicLetterhead, type LetterModel } from './letter';
export { scaleImageForPrint, PRINT_LONG_SIDE_PX, PRINT_JPEG_QUALITY, type ScaledImage } from './image-scaling';
