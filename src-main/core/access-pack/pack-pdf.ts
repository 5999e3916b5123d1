/**
 * Draws the pack as the printable response: the cover letter on the clinic's
 * letterhead, the Art 15 supplementary information (a)-(h) and 15(2), then
 * every category held, each withheld item as a labelled gap in its place
 * ("Withheld: third-party data"). The PdfBuilder (core/pdf) does the fonts for
 * every script, the table of contents, "Page X of Y" and the running header.
 *
 * Photos are read and scaled one at a time as they are drawn, so at most one
 * original is in memory; the ZIP carries the originals.
 */
import { type AccessPack, type RedactionRecord, WITHHELD_REASON_LABELS } from '../../contract/access-pack-schemas';
import { formatUkDate, formatUkDateTime } from '../../contract/uk-formats';
import type { PackPdf } from './ports';
import { type RedactionMap, isWithheld } from './withhold';

export interface PhotoSource {
  /** The photo scaled for the page, or null when it cannot be read (the page says so). */
  pageImage(photoId: string): Promise<Buffer | null>;
}

const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const ukDate = (v: string | null | undefined) => (v ? formatUkDate(v.slice(0, 10)) : '—');

function gapLabel(r: RedactionRecord): string {
  return `Withheld: ${WITHHELD_REASON_LABELS[r.reason]}`;
}

export async function drawPackPdf(
  pdf: PackPdf,
  pack: AccessPack,
  redactions: RedactionMap,
  photos: PhotoSource,
  step: (label: string) => void,
): Promise<void> {
  const gap = (itemId: string): boolean => {
    if (!isWithheld(itemId, redactions)) return false;
    const r = redactions.get(itemId) ?? redactions.get(itemId.replace(/\.notes$/, ''))!;
    pdf.withheld(WITHHELD_REASON_LABELS[r.reason]);
    return true;
  };
  const fieldsWithGaps = (fields: AccessPack['identity']) => {
    let run: Array<[string, string]> = [];
    const flush = () => {
      if (run.length) pdf.fields(run);
      run = [];
    };
    for (const f of fields) {
      if (isWithheld(f.itemId, redactions)) {
        flush();
        pdf.paragraph(`${f.label}: ${gapLabel(redactions.get(f.itemId)!)}`, { muted: true });
      } else run.push([f.label, dash(f.field === 'dateOfBirth' ? ukDate(f.value) : f.value)]);
    }
    flush();
  };

  // Cover letter.
  step('Writing the cover letter');
  pdf.letterheadBlock();
  // Level 3: the contents page goes before the first level-1 heading, so the letter stays on page 1 under its letterhead.
  pdf.heading('Your request for your personal data', 3);
  pdf.fields([
    ['Our reference', pack.request.reference],
    ['Requested by', pack.request.requester],
    ['Request received', ukDate(pack.request.receivedOn)],
    ['Response due by', ukDate(pack.request.dueDate)],
    ['Date of this response', ukDate(pack.generatedAt)],
  ]);
  pdf.paragraph(
    'You asked for a copy of the personal data we hold about you (UK GDPR Article 15). This pack contains all of it, ' +
      'with the information the law says we must give you about how we use it. Where we have had to withhold something, ' +
      'the pack shows a marked gap and the reason in general terms.',
  );
  pdf.paragraph(`If anything is unclear or you think something is missing, contact us quoting ${pack.request.reference}.`);

  // Supplementary information.
  const s = pack.supplementary;
  pdf.pageBreak();
  pdf.heading('About how we use your data', 1);
  pdf.heading('(a) Why we use it', 2);
  pdf.table(['Purpose', 'Lawful basis', 'Condition for health data'], s.purposes.map((p) => [p.name, p.lawfulBasis, dash(p.healthCondition)]));
  pdf.heading('(b) What kinds of data we hold', 2);
  pdf.paragraph(s.dataCategories.join('; ') || '—');
  pdf.heading('(c) Who receives it', 2);
  pdf.table(['Recipient', 'Role', 'Purpose', 'Country'], s.recipients.map((r) => [r.name, r.kind, r.purpose, r.country]));
  pdf.heading('Transfers outside the UK and their safeguards (Article 15(2))', 3);
  if (s.transfers.length) pdf.table(['Destination', 'Safeguard'], s.transfers.map((t) => [t.destination, t.safeguard]));
  else pdf.paragraph('None.');
  pdf.heading('(d) How long we keep it', 2);
  for (const r of s.retention) pdf.paragraph(r);
  pdf.heading('(e) Your rights', 2);
  pdf.paragraph(s.rights);
  pdf.heading('(f) Complaints', 2);
  pdf.paragraph(s.complaint);
  pdf.heading('(g) Where the data came from', 2);
  pdf.paragraph(s.source);
  pdf.heading('(h) Automated decisions', 2);
  pdf.paragraph(s.automatedDecisions);

  step('Writing your details and history');
  pdf.pageBreak();
  pdf.heading('Identity and contact details', 1);
  fieldsWithGaps(pack.identity);

  for (const [title, h] of [
    ['Medical history', pack.medicalHistory],
    ['Lifestyle history', pack.lifestyleHistory],
  ] as const) {
    pdf.heading(title, 1);
    pdf.paragraph(`Last reviewed with you: ${ukDate(h.reviewedOn)}`, { muted: true });
    fieldsWithGaps(h.fields);
  }

  step('Writing your treatments');
  pdf.heading('Treatments', 1);
  if (pack.treatments.length === 0) pdf.paragraph('No treatments are recorded.');
  for (const t of pack.treatments) {
    pdf.heading(`${t.treatment}, ${ukDate(t.treatedOn)}`, 3);
    if (gap(t.itemId)) continue;
    pdf.fields([
      ['Treated by', t.practitionerName],
      ['Areas', dash(t.areas.join(', '))],
      ['Product', dash(t.product)],
      ['Batch', dash(t.batchNumber)],
      ['Batch expiry', ukDate(t.batchExpiry)],
      ['Amount', dash(t.amount)],
      ['Aftercare', dash(t.aftercare)],
      ['Follow-up', ukDate(t.followUpOn)],
      ['Adverse event', dash(t.adverseEvent)],
      ['Reported to the MHRA', t.mhraReported ? 'Yes' : 'No'],
      ['Medical history reviewed', ukDate(t.medicalHistoryReviewedOn)],
    ]);
    if (t.notes && !gap(t.notes.itemId)) pdf.paragraph(`Notes: ${t.notes.text}`);
  }

  pdf.heading('Photos', 1);
  if (pack.photos.length === 0) pdf.paragraph('No photos are held.');
  let drawn = 0;
  for (const p of pack.photos) {
    step(`Adding photo ${++drawn} of ${pack.photos.length}`);
    const caption = `${p.stage} photo, ${dash(p.area)}, taken ${ukDate(p.takenOn)}. Consent: ${dash(p.activeConsentScopes.join(', '))}`;
    // A withheld photo's caption could itself say what is withheld: the gap stands alone.
    if (gap(p.itemId)) continue;
    const image = await photos.pageImage(p.photoId);
    if (image) pdf.image(image, { caption, maxHeightPt: 360 });
    else pdf.paragraph(`${caption} (the photo is in the ZIP file; it could not be shown here).`);
  }

  step('Writing consents and preferences');
  pdf.heading('Consent record', 1);
  for (const c of pack.consents) {
    if (isWithheld(c.itemId, redactions)) {
      gap(c.itemId);
      continue;
    }
    pdf.fields([
      ['Purpose', c.purpose],
      ['Decision', c.state],
      ['When', formatUkDateTime(c.occurredAt)],
      ['How', c.method],
      ['What you were told', dash(c.wording)],
      ['Privacy notice version', dash(c.noticeVersion)],
      ['Recorded by', dash(c.recordedBy)],
    ]);
  }
  if (pack.consents.length === 0) pdf.paragraph('No consents are recorded.');
  pdf.heading('Marketing and telephone preferences', 2);
  pdf.table(['Purpose', 'Current decision', 'Since'], pack.preferences.consentsInForce.map((c) => [c.purpose, c.state, ukDate(c.since)]));
  if (pack.preferences.telephonePreferenceService.length) {
    pdf.table(['Phone', 'Telephone Preference Service'], pack.preferences.telephonePreferenceService.map((t) => [t.phone, t.screened]));
  }

  step('Writing the record’s history');
  pdf.heading('Requests you have made', 1);
  const visibleEvents = pack.requestHistory.filter((e) => !isWithheld(e.itemId, redactions));
  if (visibleEvents.length) pdf.table(['When', 'What'], visibleEvents.map((e) => [formatUkDateTime(e.at), e.what]));
  else pdf.paragraph('This request only.');

  pdf.heading('Changes to your record', 1);
  const changes = pack.changeHistory.filter((c) => !isWithheld(c.itemId, redactions));
  if (changes.length) pdf.table(['When', 'Field', 'Was', 'Now', 'By', 'Why'], changes.map((c) => [ukDate(c.changedAt), `${c.section}: ${c.field}`, dash(c.oldValue), dash(c.newValue), c.changedBy, c.reason]));
  else pdf.paragraph('No changes are recorded.');
  const withheldChanges = pack.changeHistory.length - changes.length;
  if (withheldChanges > 0) pdf.withheld(`${withheldChanges} change${withheldChanges === 1 ? '' : 's'} withheld`);

  pdf.heading('Disputes', 2);
  if (pack.disputes.length === 0) pdf.paragraph('None.');
  for (const d of pack.disputes) {
    if (gap(d.itemId)) continue;
    pdf.fields([['Field', `${d.section}: ${d.field}`], ['Your dispute', d.note], ['Recorded', ukDate(d.recordedAt)], ['Resolved', ukDate(d.resolvedAt)]]);
  }

  pdf.heading('Your statement of disagreement', 2);
  const st = pack.statementOfDisagreement;
  if (!st) pdf.paragraph('None recorded.');
  else if (!gap(st.itemId)) pdf.paragraph(`${st.text} (recorded ${ukDate(st.recordedOn)})`);

  pdf.heading('Who has opened your record', 1);
  const openings = pack.recordOpenings.filter((o) => !isWithheld(o.itemId, redactions));
  if (openings.length) pdf.table(['When', 'What', 'Who'], openings.map((o) => [formatUkDateTime(o.at), o.action, dash(o.by)]));
  else pdf.paragraph('No openings are recorded.');
}
