import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../../server/scheduler');
/** The scheduler's decisions: pure over rows, so they import neither the database nor a driver. */
const decisions = readdirSync(dir).filter(
  (f) => /^decide-.*\.ts$/.test(f) || ['mailbox-capacity.ts', 'backoff.ts', 'claim-types.ts'].includes(f),
);

describe('scheduler layering', () => {
  it.each(decisions)('%s imports no database module', (file) => {
    const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((p) => /\/db\/|drizzle|postgres|pglite|\/sql\/|\/domain\//.test(p ?? ''))).toEqual(
      [],
    );
  });

  it('the domain reads pacing and calendar rules from shared/schedule, never from the scheduler', () => {
    const domain = join(import.meta.dirname, '../../../../server/domain');
    for (const area of ['sequences', 'mailboxes']) {
      for (const file of readdirSync(join(domain, area)).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(join(domain, area, file), 'utf8');
        expect({
          file,
          pacing: /from '[^']*scheduler\/(pacing|decide-|mailbox-capacity)/.test(text),
        }).toEqual({
          file,
          pacing: false,
        });
      }
    }
  });

  it('finds the decision files', () => {
    expect(decisions).toEqual(
      expect.arrayContaining(['decide-window.ts', 'decide-claims.ts', 'decide-outcome.ts']),
    );
  });
});
