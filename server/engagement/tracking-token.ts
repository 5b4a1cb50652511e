import { createHmac } from 'node:crypto';
import { sameSignature } from '../domain/same-signature';

/**
 * Tracking tokens carry what they name (the email, the link's position and its URL) and an HMAC over
 * it keyed by the server's secret. The redirect goes only to a URL this server signed into that very
 * email, so a forged or altered token can never turn /t/c/ into an open redirect, and no table of
 * links is needed: old emails keep working as long as the key does.
 */
export interface ClickTarget {
  emailId: string;
  linkIndex: number;
  url: string;
}

const MAX_TOKEN = 8192;

function mac(secretKey: Buffer, purpose: 'click' | 'open', payload: string): string {
  // Truncated to 128 bits: plenty against forgery, and it keeps every link in the email short.
  return createHmac('sha256', secretKey)
    .update(`${purpose}:${payload}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

function verifyMac(secretKey: Buffer, purpose: 'click' | 'open', payload: string, given: string): boolean {
  return sameSignature(given, mac(secretKey, purpose, payload));
}

export function signClickToken(secretKey: Buffer, target: ClickTarget): string {
  const payload = Buffer.from(JSON.stringify([target.emailId, target.linkIndex, target.url])).toString(
    'base64url',
  );
  return `${payload}.${mac(secretKey, 'click', payload)}`;
}

export function verifyClickToken(secretKey: Buffer, token: string): ClickTarget | null {
  if (token.length > MAX_TOKEN) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  if (!verifyMac(secretKey, 'click', payload, token.slice(dot + 1))) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [emailId, linkIndex, url] = parsed;
    if (typeof emailId !== 'string' || !Number.isInteger(linkIndex) || typeof url !== 'string') return null;
    // Signed by us, but re-checked: only web links are ever redirected to.
    if (!/^https?:\/\//i.test(url)) return null;
    return { emailId, linkIndex, url };
  } catch {
    return null;
  }
}

export function signOpenToken(secretKey: Buffer, emailId: string): string {
  return `${emailId}.${mac(secretKey, 'open', emailId)}`;
}

export function verifyOpenToken(secretKey: Buffer, token: string): string | null {
  if (token.length > 300) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const emailId = token.slice(0, dot);
  return verifyMac(secretKey, 'open', emailId, token.slice(dot + 1)) ? emailId : null;
}

const base = (trackingUrl: string) => trackingUrl.replace(/\/$/, '');
export const clickUrl = (trackingUrl: string, secretKey: Buffer, target: ClickTarget) =>
  `${base(trackingUrl)}/t/c/${signClickToken(secretKey, target)}`;
export const openPixelUrl = (trackingUrl: string, secretKey: Buffer, emailId: string) =>
  `${base(trackingUrl)}/t/o/${signOpenToken(secretKey, emailId)}`;
