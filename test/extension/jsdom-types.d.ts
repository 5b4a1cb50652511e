// jsdom ships no type declarations and @types/jsdom is not installed; this is the part the tests use.
declare module 'jsdom' {
  export class JSDOM {
    constructor(
      html: string,
      options?: { runScripts?: 'dangerously' | 'outside-only'; url?: string; pretendToBeVisual?: boolean },
    );
    readonly window: Window & typeof globalThis;
  }
}
