/** Dates and numbers as a rep reads them, in the browser's locale and time zone. */

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? '—'
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** 4320 → "3 days", 90 → "1 h 30 min", 0 → "immediately". */
export function formatWait(minutes: number): string {
  if (minutes <= 0) return 'immediately';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(plural(days, 'day'));
  if (hours) parts.push(`${hours} h`);
  if (mins) parts.push(`${mins} min`);
  return parts.join(' ');
}

/** A `datetime-local` input's value (local wall time) as an ISO instant; undefined when empty. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** An instant as a `datetime-local` value in the browser's zone. */
export function isoToLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * When an email goes (or went) out, never a past time shown as the future: a scheduled email whose
 * time has passed is "Due now" (the scheduler picks it up), one being handed over is "Sending now".
 */
export function sendTimeWords(
  email: { status: string; sentAt?: string | null; scheduledAt?: string | null },
  now: Date,
): string {
  if (email.status === 'sending') return 'Sending now';
  if (email.sentAt) return formatDateTime(email.sentAt);
  const due = email.scheduledAt ? Date.parse(email.scheduledAt) : Number.NaN;
  if (email.status === 'scheduled' && due <= now.getTime()) return 'Due now';
  return formatDateTime(email.scheduledAt);
}
