import type { AppDeps } from '../../app-env';
import { appendStep } from '../../domain/sequences/append-step';
import { cloneSequence } from '../../domain/sequences/clone-sequence';
import { createSequence } from '../../domain/sequences/create-sequence';
import { getSequence } from '../../domain/sequences/get-sequence';
import { getSequenceReport } from '../../domain/sequences/get-sequence-report';
import { patchSequence } from '../../domain/sequences/patch-sequence';
import { patchStep } from '../../domain/sequences/patch-step';
import { listSequences } from '../../domain/sequences/read';
import { shareSequence, unshareSequence } from '../../domain/sequences/share-sequence';
import type { AppRouteHandler } from '../../http/router';
import type {
  AppendStepRoute,
  CloneSequenceRoute,
  CreateSequenceRoute,
  GetSequenceReportRoute,
  GetSequenceRoute,
  ListSequencesRoute,
  PatchSequenceRoute,
  PatchStepRoute,
  ShareSequenceRoute,
  UnshareSequenceRoute,
} from './sequences.routes';

export function sequenceHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const at = () => ({ db, now: deps.now() });
  const createSequenceHandler: AppRouteHandler<CreateSequenceRoute> = async (c) =>
    c.json(await createSequence(at(), c.get('user'), c.req.valid('json')), 201);
  const listSequencesHandler: AppRouteHandler<ListSequencesRoute> = async (c) =>
    c.json(await listSequences({ db }, c.get('user'), c.req.valid('query')), 200);
  const getSequenceHandler: AppRouteHandler<GetSequenceRoute> = async (c) =>
    c.json(await getSequence({ db }, c.get('user'), c.req.valid('param').id), 200);
  const getSequenceReportHandler: AppRouteHandler<GetSequenceReportRoute> = async (c) =>
    c.json(await getSequenceReport(at(), c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
  const patchSequenceHandler: AppRouteHandler<PatchSequenceRoute> = async (c) =>
    c.json(await patchSequence(at(), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
  const patchStepHandler: AppRouteHandler<PatchStepRoute> = async (c) =>
    c.json(await patchStep(at(), c.get('user'), c.req.valid('param'), c.req.valid('json')), 200);
  const appendStepHandler: AppRouteHandler<AppendStepRoute> = async (c) =>
    c.json(await appendStep(at(), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 201);
  const cloneSequenceHandler: AppRouteHandler<CloneSequenceRoute> = async (c) =>
    c.json(await cloneSequence(at(), c.get('user'), c.req.valid('param').id), 201);
  const shareSequenceHandler: AppRouteHandler<ShareSequenceRoute> = async (c) =>
    c.json(await shareSequence(at(), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
  const unshareSequenceHandler: AppRouteHandler<UnshareSequenceRoute> = async (c) =>
    c.json(await unshareSequence(at(), c.get('user'), c.req.valid('param')), 200);
  return {
    createSequence: createSequenceHandler,
    listSequences: listSequencesHandler,
    getSequence: getSequenceHandler,
    getSequenceReport: getSequenceReportHandler,
    patchSequence: patchSequenceHandler,
    patchStep: patchStepHandler,
    appendStep: appendStepHandler,
    cloneSequence: cloneSequenceHandler,
    shareSequence: shareSequenceHandler,
    unshareSequence: unshareSequenceHandler,
  };
}
