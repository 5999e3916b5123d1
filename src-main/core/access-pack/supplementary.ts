/**
 * The supplementary information a subject-access response must give
 * (UK GDPR Art 15(1)(a)-(h) and 15(2)), drawn from the clinic's record of
 * processing (Art 30), so the pack and the record never disagree. The rights
 * (e) and the complaint route (f) are the law's, the same for every clinic.
 */
import type { Supplementary } from '../../contract/access-pack-schemas';
import type { PackProcessingRecord } from './ports';

export const RIGHTS_TEXT =
  'You have the right to ask us to correct personal data that is inaccurate (Art 16), to erase it (Art 17), ' +
  'to restrict how we use it (Art 18), and to object to our using it (Art 21), including an absolute right to ' +
  'object to direct marketing. Some health records must be kept for a set time even if you ask for erasure; we will tell you why.';

export const COMPLAINT_TEXT =
  'You can complain to us first. You also have the right to complain to the Information Commissioner’s Office ' +
  '(ico.org.uk, 0303 123 1113) and to apply to a court.';

export function supplementaryFrom(record: PackProcessingRecord): Supplementary {
  return {
    purposes: record.purposes,
    dataCategories: record.dataCategories,
    recipients: record.recipients,
    transfers: record.transfers,
    retention: record.retention,
    rights: RIGHTS_TEXT,
    complaint: COMPLAINT_TEXT,
    source: record.sources,
    automatedDecisions: record.automatedDecisions,
  };
}
