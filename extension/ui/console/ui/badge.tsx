import type { ReactNode } from 'react';

export type Tone = 'good' | 'warn' | 'bad' | 'none';

export function Badge(props: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className="s-badge" data-tone={props.tone === 'none' ? undefined : props.tone} title={props.title}>
      {props.children}
    </span>
  );
}
