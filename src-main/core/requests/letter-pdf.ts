/** A letter's PDF in memory: a letter is a page or two, and the renderer gets it base64 in one answer. */
import { Writable } from 'node:stream';
import { type LetterModel, writeLetterPdf } from '../pdf';

export async function letterPdf(letter: LetterModel): Promise<{ data: Buffer; sha256: string; pages: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const result = await writeLetterPdf(letter, sink);
  return { data: Buffer.concat(chunks), sha256: result.sha256, pages: result.pages };
}
