/**
 * `sar export`'s progress on stderr, so stdout keeps the result alone (`--json`
 * stays one JSON document a script can parse). A 100-photo pack reports every
 * photo and every file; printing each would be 200 lines, so a line is printed
 * when the work moves into a new tenth, or into a new stage (the label's words
 * without their numbers: "Adding photo", "Adding file", "Finishing the PDF").
 */
import type { CallProgress } from '../../contract/api';

/** "Adding photo 3 of 100" → "Adding photo of": what stage the label names, whatever the counts. */
function stageOf(label: string): string {
  return label.replace(/\d+/g, '').replace(/\s+/g, ' ').trim();
}

export function sarProgressPrinter(err: { write(text: string): unknown } = process.stderr): (p: CallProgress) => void {
  let lastStage = '';
  let lastTenth = -1;
  return ({ done, total, label }) => {
    const tenth = total > 0 ? Math.min(10, Math.floor((done / total) * 10)) : -1;
    const stage = stageOf(label);
    if (stage === lastStage && tenth === lastTenth) return;
    lastStage = stage;
    lastTenth = tenth;
    const percent = total > 0 ? `${String(Math.round((done / total) * 100)).padStart(3)}% ` : '';
    err.write(`${percent}${label}\n`);
  };
}
