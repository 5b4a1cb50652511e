import { describe, expect, it } from 'vitest';
import {
  signClickToken,
  signOpenToken,
  verifyClickToken,
  verifyOpenToken,
} from '../../../server/engagement/tracking-token';

const key = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 8);

describe('tracking tokens', () => {
  const target = { emailId: 'eml_1', linkIndex: 2, url: 'https://a.example/p?q=é&x=1' };

  it('round-trips a click token', () => {
    expect(verifyClickToken(key, signClickToken(key, target))).toEqual(target);
  });

  it('refuses a token signed with another key, altered payloads and altered signatures', () => {
    const token = signClickToken(key, target);
    expect(verifyClickToken(other, token)).toBeNull();
    const [payload, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify(['eml_1', 2, 'https://evil.example'])).toString('base64url');
    expect(verifyClickToken(key, `${forged}.${sig}`)).toBeNull();
    const flipped = sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    expect(verifyClickToken(key, `${payload}.${flipped}`)).toBeNull();
    expect(verifyClickToken(key, payload)).toBeNull();
    expect(verifyClickToken(key, '')).toBeNull();
  });

  it('never verifies a non-web URL even when signed', () => {
    const token = signClickToken(key, { ...target, url: 'javascript:alert(1)' });
    expect(verifyClickToken(key, token)).toBeNull();
  });

  it('keeps open and click tokens apart', () => {
    const open = signOpenToken(key, 'eml_1');
    expect(verifyOpenToken(key, open)).toBe('eml_1');
    expect(verifyOpenToken(other, open)).toBeNull();
    expect(verifyClickToken(key, open)).toBeNull();
  });
});
