import type { PreflightResult } from '../../../shared/schemas/email';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { runPreflight } from './preflight';

type PreflightInput = Parameters<typeof runPreflight>[2];

/** The guard's verdict as the API answers it: plain reasons, nothing of the engine's own objects. */
export async function checkPreflight(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  input: PreflightInput,
): Promise<PreflightResult> {
  const result = await runPreflight(db, actor, input, now);
  return { ...result, reasons: result.reasons.map((r) => ({ ...r })) };
}
