import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './helpers/browser';

// A size budget, not a timing: byte counts of the shipped build are deterministic. `npm run bench`
// prints the same figure split by owner for both content scripts.
describe('built content scripts', () => {
  const outlook = readFileSync(join(EXTENSION_DIR, 'content-scripts/outlook.js'));

  it('keeps the Outlook content script (no InboxSDK in it) under 200 KiB minified', () => {
    expect(outlook.toString('utf8')).not.toContain('inboxsdk');
    expect(outlook.byteLength).toBeLessThan(200 * 1024);
  });

  it('ships the production React build, not the development one', () => {
    const code = outlook.toString('utf8');
    expect(code).toContain('Minified React error');
    expect(code).not.toContain('should have a unique "key" prop');
  });
});
