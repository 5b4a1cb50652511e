import { classifyMessage, type ObservedMessage } from '../shared/replies/classify-message';
import type { RawMessage } from '../shared/replies/parse-raw-message';
import {
  accuracyByClass,
  type ClassAccuracy,
  classifyCorpus,
  loadReplyCorpus,
  replyCorpusAvailable,
  textOnly,
} from '../test/fixtures/replies/reply-corpus';

export interface RepliesBenchResult {
  /** Per class of the corpus, with the message's source (headers, report parts). */
  full: ClassAccuracy[];
  /** Per class, from sender, subject and text only: what the page path sees without headers. */
  textOnly: ClassAccuracy[];
  /** Classifications per second on one core, over the corpus messages in turn. */
  perSecond: number;
  /** Same, text only. */
  textOnlyPerSecond: number;
  messages: number;
}

/**
 * Accuracy per class on ../shared/reply-corpus (read at run time) and classification speed over the
 * same messages, already parsed: parsing MIME is mailbox sync's cost, not the classifier's.
 */
export async function repliesBench(durationMs = 2000): Promise<RepliesBenchResult | null> {
  if (!replyCorpusAvailable()) return null;
  const corpus = await loadReplyCorpus();
  const full = accuracyByClass(classifyCorpus(corpus, 'full'));
  const text = accuracyByClass(classifyCorpus(corpus, 'text-only'));
  const rate = (inputs: { message: ObservedMessage; now: Date; zone: string | null }[]) => {
    const started = performance.now();
    let done = 0;
    while (performance.now() - started < durationMs) {
      const x = inputs[done % inputs.length];
      if (x) classifyMessage(x.message, { now: x.now, timeZone: x.zone });
      done++;
    }
    return done / ((performance.now() - started) / 1000);
  };
  const inputs: { message: RawMessage; now: Date; zone: string | null }[] = corpus.map((c) => ({
    message: c.message,
    now: c.sentAt,
    zone: c.label.timezone ?? null,
  }));
  const perSecond = rate(inputs);
  const textOnlyPerSecond = rate(inputs.map((x) => ({ ...x, message: textOnly(x.message) })));
  return { full, textOnly: text, perSecond, textOnlyPerSecond, messages: corpus.length };
}
