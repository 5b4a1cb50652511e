import { beforeAll, describe, expect, it } from 'vitest';
import {
  accuracyByClass,
  type CorpusMessage,
  classifyCorpus,
  loadReplyCorpus,
  REPLY_CORPUS_DIR,
  replyCorpusAvailable,
} from '../../../fixtures/replies/reply-corpus';

/**
 * Real mail nobody on Stride wrote (../shared/reply-corpus, read at run time, never copied in).
 * With the message's source (mailbox sync, Gmail's original) every message must come out right.
 * Text alone (Outlook, Gmail without its original) cannot see iCloud's vacation header, whose body
 * ("I'm only sleeping.") says nothing: one out-of-office may be missed there, nothing else.
 */
const available = replyCorpusAvailable();
if (!available) console.warn(`reply corpus not found at ${REPLY_CORPUS_DIR}: corpus tests skipped`);

// The first classifications build chrono-node's per-locale patterns (seconds on a busy 2-core box);
// the limit is for that, not for speed, which bench/replies-bench.ts measures.
describe.skipIf(!available)('classifier on the real-mail corpus', { timeout: 60_000 }, () => {
  let corpus: CorpusMessage[] = [];
  beforeAll(async () => {
    corpus = await loadReplyCorpus();
  }, 60_000);

  it('classifies every message and finds every named return date from the source', () => {
    const outcomes = classifyCorpus(corpus, 'full');
    expect(outcomes.length).toBeGreaterThanOrEqual(30);
    const wrong = outcomes.filter((o) => !o.kindRight || !o.dateRight);
    expect(wrong.map((o) => `${o.file}: ${o.got} ${o.returnDay} (${o.evidence})`)).toEqual([]);
  });

  it('reads the text alone well enough for the page path', () => {
    const outcomes = classifyCorpus(corpus, 'text-only');
    const accuracy = Object.fromEntries(accuracyByClass(outcomes).map((a) => [a.label, a.right / a.total]));
    console.info('text-only accuracy per class', accuracy);
    expect(accuracy.reply).toBe(1);
    expect(accuracy.bounce).toBe(1);
    expect(accuracy.other_auto).toBe(1);
    expect(accuracy.out_of_office).toBeGreaterThanOrEqual(0.75);
  });

  it('never pauses or ignores a human reply, with or without headers', () => {
    for (const mode of ['full', 'text-only'] as const) {
      const humans = classifyCorpus(corpus, mode).filter((o) => o.label === 'reply');
      expect(humans.length).toBeGreaterThan(0);
      for (const o of humans) expect(`${o.file} ${mode}: ${o.got}`).toBe(`${o.file} ${mode}: reply`);
    }
  });
});
