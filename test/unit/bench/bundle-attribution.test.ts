import { SourceMapGenerator } from 'source-map-js';
import { describe, expect, it } from 'vitest';
import { attributeBundle, ownerOf } from '../../../bench/bundle-attribution';

describe('ownerOf', () => {
  it('names the npm package a source was installed as, scoped or not, nested or not', () => {
    expect(ownerOf('../../node_modules/react-dom/cjs/react-dom.production.min.js')).toBe('react-dom');
    expect(ownerOf('/repo/node_modules/@inboxsdk/core/inboxsdk.js')).toBe('@inboxsdk/core');
    expect(ownerOf('/repo/node_modules/wxt/node_modules/defu/dist/defu.mjs')).toBe('defu');
    expect(ownerOf('../../extension/ui/contact-panel/contact-panel.tsx')).toBe('stride');
    expect(ownerOf(null)).toBe('unmapped');
  });
});

describe('attributeBundle', () => {
  it('gives each mapping the generated text up to the next one, across lines', () => {
    const code = '(()=>{react();\nours();inbox()})()';
    const map = new SourceMapGenerator({ file: 'out.js' });
    const mark = (line: number, column: number, source: string) =>
      map.addMapping({ generated: { line, column }, original: { line: 1, column: 0 }, source });
    mark(1, 6, 'node_modules/react/index.js'); // "react();\n" = 9 bytes
    mark(2, 0, 'extension/main.ts'); // "ours();" = 7 bytes
    mark(2, 7, 'node_modules/@inboxsdk/core/x.js'); // "inbox()})()" = 11 bytes

    const sizes = attributeBundle(code, map.toString());

    expect(Object.fromEntries(sizes)).toEqual({
      unmapped: 6,
      react: 9,
      stride: 7,
      '@inboxsdk/core': 11,
    });
    expect([...sizes.values()].reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength(code));
  });

  it('counts bytes, not UTF-16 units', () => {
    const code = 'a="é";';
    const map = new SourceMapGenerator({ file: 'out.js' });
    map.addMapping({ generated: { line: 1, column: 0 }, original: { line: 1, column: 0 }, source: 'x.ts' });
    expect(attributeBundle(code, map.toString()).get('stride')).toBe(7);
  });
});
