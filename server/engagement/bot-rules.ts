import { isbot } from 'isbot';
import { IMAGE_PROXY_AGENTS, imageProxyNetwork, SCANNER_AGENTS, scannerNetwork } from './scanner-list';

/** A click this soon after delivery is a gateway scanning the mail, not a reader. */
export const TOO_SOON_MS = 15_000;
/** Different links of one email followed within this span: a machine opening every link at once. */
export const BURST_MS = 2_000;

export type BotReason =
  | 'head'
  | 'prefetch'
  | 'too_soon'
  | 'no_agent'
  | 'scanner_agent'
  | 'scanner_network'
  | 'burst';
export type MachineOpenReason =
  | 'image_proxy'
  | 'apple_mpp'
  | 'scanner_agent'
  | 'scanner_network'
  | 'too_soon'
  | 'no_agent';

export interface HitEvidence {
  method: string;
  userAgent: string | null;
  ip: string | null;
  /** Sec-Purpose / Purpose / X-Moz / X-Purpose headers, whichever came. */
  purpose: string | null;
  at: Date;
  /** When the email went out; null if unknown (never sent through us). */
  sentAt: Date | null;
}

function agentIsMachine(ua: string): boolean {
  return isbot(ua) || SCANNER_AGENTS.some((re) => re.test(ua));
}

/**
 * Why a single click is not a person's, from its own evidence. Empty means it looks human; whether it
 * was part of a burst needs the email's other clicks (`burstClicks`).
 */
export function clickBotReasons(hit: HitEvidence): BotReason[] {
  const reasons: BotReason[] = [];
  const ua = hit.userAgent?.trim() ?? '';
  if (hit.method.toUpperCase() === 'HEAD') reasons.push('head');
  if (hit.purpose && /prefetch|preview|prerender/i.test(hit.purpose)) reasons.push('prefetch');
  if (hit.sentAt && hit.at.getTime() - hit.sentAt.getTime() < TOO_SOON_MS) reasons.push('too_soon');
  if (!ua) reasons.push('no_agent');
  else if (agentIsMachine(ua)) reasons.push('scanner_agent');
  if (scannerNetwork(hit.ip)) reasons.push('scanner_network');
  return reasons;
}

/**
 * Why a pixel load is a machine's. Image proxies (Apple Mail Privacy Protection, Gmail, Yahoo) load
 * it whether or not anyone reads the mail, so those opens are counted, but apart.
 */
export function openMachineReasons(hit: HitEvidence): MachineOpenReason[] {
  const reasons: MachineOpenReason[] = [];
  const ua = hit.userAgent?.trim() ?? '';
  const proxy = IMAGE_PROXY_AGENTS.find((p) => p.pattern.test(ua))?.name ?? imageProxyNetwork(hit.ip);
  if (proxy === 'apple_mpp') reasons.push('apple_mpp');
  else if (proxy) reasons.push('image_proxy');
  if (!ua) reasons.push('no_agent');
  else if (!proxy && agentIsMachine(ua)) reasons.push('scanner_agent');
  if (scannerNetwork(hit.ip)) reasons.push('scanner_network');
  if (hit.sentAt && hit.at.getTime() - hit.sentAt.getTime() < TOO_SOON_MS) reasons.push('too_soon');
  return reasons;
}

export interface ClickTime {
  id: string;
  linkIndex: number;
  at: Date;
}

/**
 * The clicks that belong to a burst: two or more different links of the same email followed within
 * BURST_MS of each other. A reader opens one link and reads; a scanner follows them all at once.
 * Repeats of the same link (a double click) do not make a burst on their own.
 */
export function burstClicks(clicks: ClickTime[]): Set<string> {
  const sorted = [...clicks].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out = new Set<string>();
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as ClickTime;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as ClickTime;
      if (b.at.getTime() - a.at.getTime() > BURST_MS) break;
      if (b.linkIndex !== a.linkIndex) {
        out.add(a.id);
        out.add(b.id);
      }
    }
  }
  return out;
}
