import type { EnrollmentWarningCode } from '../../shared/schemas/enrollment';
import type { NotSentCode } from '../../shared/schemas/not-sent-code';
import { enrollmentWarningCatalog, notSentCatalog } from '../../shared/send-guard/catalog';

/** The catalog's words for a code, added here so content scripts do not bundle the catalog. */
export function explainNotSent(code: NotSentCode) {
  const { label, message, resolution } = notSentCatalog[code];
  return { label, message, resolution };
}

export function explainWarning(code: EnrollmentWarningCode) {
  const { label, message, resolution } = enrollmentWarningCatalog[code];
  return { label, message, resolution };
}
