import type { CanonicalView } from '../../../core/records/canonical.js';
import type { Call } from '../../lib/http/use-case.js';
import type { DocumentSignature, RecordDocument } from '../../lib/pdf/document.js';

/**
 * The record's signatures and seal as its PDF shows them. Signing is not built yet: a record has
 * none, so these answer nothing. When signatures land, these two bodies read them (handwriting
 * decrypted, voided ones left out) and nothing else in the PDF changes.
 */
export async function loadSignatures(
  _call: Call,
  _recordId: string,
  _view: CanonicalView,
): Promise<DocumentSignature[]> {
  return [];
}

export async function loadSeal(_call: Call, _recordId: string): Promise<RecordDocument['seal']> {
  return null;
}
