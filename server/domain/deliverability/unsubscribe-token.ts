import { createHmac } from 'node:crypto';
import { sameSignature } from '../same-signature';

/**
 * Unsubscribe links carry `<emailId>.<signature>`: the email row names the contact, and the HMAC
 * (keyed by the server's secret) means a forged or altered link is refused. Using a link again is
 * harmless (unsubscribing is idempotent), so there is no expiry: old emails must keep working.
 */
export function signUnsubscribeToken(secretKey: Buffer, emailId: string): string {
  return `${emailId}.${mac(secretKey, emailId)}`;
}

export function verifyUnsubscribeToken(secretKey: Buffer, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 300) return null;
  const emailId = token.slice(0, dot);
  return sameSignature(token.slice(dot + 1), mac(secretKey, emailId)) ? emailId : null;
}

function mac(secretKey: Buffer, emailId: string): string {
  return createHmac('sha256', secretKey).update(`unsubscribe:${emailId}`).digest('base64url');
}

export function unsubscribeUrl(publicUrl: string, secretKey: Buffer, emailId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/unsubscribe/${signUnsubscribeToken(secretKey, emailId)}`;
}
