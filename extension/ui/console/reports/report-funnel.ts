import type { SequenceReport } from '../../../../shared/schemas/sequence-report';

export interface FunnelStage {
  key: 'enrolled' | 'contacted' | 'replied' | 'bounced' | 'not_sent';
  label: string;
  count: number;
}

export interface DayCount {
  /** Calendar day in the report's time zone, YYYY-MM-DD. */
  day: string;
  count: number;
}

/** The server's funnel (contacts, not emails) as the chart's bars, widest first. */
export function funnelStages(report: SequenceReport): FunnelStage[] {
  const f = report.funnel;
  return [
    { key: 'enrolled', label: 'Enrolled', count: f.enrolled },
    { key: 'contacted', label: 'Emailed', count: f.emailed },
    { key: 'replied', label: 'Replied', count: f.replied },
    { key: 'bounced', label: 'Bounced', count: f.bounced },
    { key: 'not_sent', label: 'Not sent', count: f.notSent },
  ];
}

/** The zone this browser shows dates in, so "per day" means the rep's days; the server knows no other. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export const FINISH_WORDS: Record<string, string> = {
  replied: 'Replied',
  meeting_booked: 'Meeting booked',
  unsubscribed: 'Unsubscribed',
  changed_job: 'Changed job',
  completed: 'Completed every step',
  other: 'Other',
};
