import type { RequestOf } from '../../shared/schemas/extension-messages';
import { META, type StrideDb } from './db';

export interface PageProblem {
  at: string;
  host: 'gmail' | 'outlook';
  reason: string;
  page?: string;
}

const KEEP = 50;

/**
 * Pages Stride could not read, newest last, the last 50 kept in the extension's database (the worker
 * sleeps; memory would forget). A repeat of the newest entry is not stored again.
 */
export function createDiagnostics(db: Pick<StrideDb, 'getMeta' | 'setMeta'>, now: () => Date) {
  const read = async (): Promise<PageProblem[]> => {
    try {
      const parsed = JSON.parse((await db.getMeta(META.diagnostics)) ?? '[]');
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  };
  return {
    list: read,
    async record(problem: Omit<RequestOf<'page.problem'>, 'type'>): Promise<boolean> {
      const all = await read();
      const last = all.at(-1);
      if (
        last &&
        last.host === problem.host &&
        last.reason === problem.reason &&
        last.page === problem.page
      ) {
        return false;
      }
      console.warn(`stride: cannot read ${problem.host} page: ${problem.reason}`);
      all.push({ at: now().toISOString(), ...problem });
      await db.setMeta(META.diagnostics, JSON.stringify(all.slice(-KEEP)));
      return true;
    },
  };
}
export type Diagnostics = ReturnType<typeof createDiagnostics>;
