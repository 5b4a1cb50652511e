import { SourceMapConsumer } from 'source-map-js';

/** Who a source file belongs to: the npm package it was installed as, or our own code. */
export function ownerOf(source: string | null): string {
  if (!source) return 'unmapped';
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) return 'stride';
  const [first = '', second = ''] = source.slice(at + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * Bytes of a minified bundle per owner, read from its source map: each mapping owns the generated
 * text up to the next mapping. Bytes before the first mapping are `unmapped` (bundler preamble).
 */
export function attributeBundle(code: string, rawMap: string): Map<string, number> {
  const consumer = new SourceMapConsumer(JSON.parse(rawMap));
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const marks: { at: number; owner: string }[] = [];
  consumer.eachMapping((m) => {
    marks.push({ at: (lineStarts[m.generatedLine - 1] ?? 0) + m.generatedColumn, owner: ownerOf(m.source) });
  });
  marks.sort((a, b) => a.at - b.at);

  const sizes = new Map<string, number>();
  const add = (owner: string, from: number, to: number) => {
    if (to > from) sizes.set(owner, (sizes.get(owner) ?? 0) + Buffer.byteLength(code.slice(from, to)));
  };
  add('unmapped', 0, marks[0]?.at ?? code.length);
  for (const [i, mark] of marks.entries()) add(mark.owner, mark.at, marks[i + 1]?.at ?? code.length);
  return sizes;
}
