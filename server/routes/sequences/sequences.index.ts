import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { sequenceHandlers } from './sequences.handlers';
import * as r from './sequences.routes';

export function sequenceRoutes(deps: AppDeps) {
  const h = sequenceHandlers(deps);
  return createRouter()
    .openapi(r.createSequence, h.createSequence)
    .openapi(r.listSequences, h.listSequences)
    .openapi(r.getSequence, h.getSequence)
    .openapi(r.getSequenceReport, h.getSequenceReport)
    .openapi(r.patchSequence, h.patchSequence)
    .openapi(r.patchStep, h.patchStep)
    .openapi(r.appendStep, h.appendStep)
    .openapi(r.cloneSequence, h.cloneSequence)
    .openapi(r.shareSequence, h.shareSequence)
    .openapi(r.unshareSequence, h.unshareSequence);
}
