import { csvBody } from '../../../lib/api/api-core';
import { asProblem } from '../../../lib/api/api-problem';
import type { ConsoleApi } from '../api-client';
import { importResultSchema } from '../api-schemas';
import { addChunkError, addChunkResult, type ImportChunk, type ImportSummary } from './import-chunks';

/**
 * Sends the chunks one after another (in order, so a later row updating a contact an earlier row
 * created behaves as in one file) and reports after each. A refused chunk is recorded and the rest
 * still go; being signed out stops everything, since every later chunk would fail the same way.
 */
export async function runImport(
  api: ConsoleApi,
  chunks: readonly ImportChunk[],
  start: ImportSummary,
  onProgress: (s: ImportSummary) => void,
  stopped: () => boolean = () => false,
): Promise<ImportSummary> {
  let summary = start;
  for (const chunk of chunks) {
    if (stopped()) break;
    try {
      const result = await api.call(
        (s) => s.api.contacts.import.$post({}, csvBody(chunk.csv)),
        importResultSchema,
      );
      summary = addChunkResult(summary, chunk, result);
    } catch (err) {
      const problem = asProblem(err);
      if (problem.kind === 'signed_out') throw problem;
      summary = addChunkError(summary, chunk, problem.message);
    }
    onProgress(summary);
  }
  return summary;
}
