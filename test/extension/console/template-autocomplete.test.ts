import { describe, expect, it } from 'vitest';
import {
  applyCompletion,
  completionAt,
  suggestionsFor,
} from '../../../extension/ui/console/sequences/template-autocomplete';

describe('template autocomplete', () => {
  it('finds the tag being typed at the caret, and none once it is closed or has a fallback', () => {
    expect(completionAt('Hi {{fir', 8)).toEqual({ start: 3, end: 8, query: 'fir' });
    expect(completionAt('Hi {{', 5)).toEqual({ start: 3, end: 5, query: '' });
    expect(completionAt('Hi {{firstName}} there', 22)).toBeNull();
    expect(completionAt('Hi {{firstName | "th', 20)).toBeNull();
    expect(completionAt('Hi {', 4)).toBeNull();
    // Caret in the middle of a name with a closing }} already typed: the whole tag is replaced.
    expect(completionAt('Hi {{fiName}}!', 7)).toEqual({ start: 3, end: 13, query: 'fi' });
  });

  it('lists names that start with the query before names that contain it', () => {
    const source = { snippets: ['intro', 'company-pitch'], fields: ['companySize'] };
    expect(suggestionsFor('comp', source)).toEqual([
      'company',
      'fields.companySize',
      'snippet.company-pitch',
    ]);
    expect(suggestionsFor('SENDER.', source)).toEqual([
      'sender.name',
      'sender.firstName',
      'sender.email',
      'sender.signature',
    ]);
    expect(suggestionsFor('', source, 3)).toEqual(['firstName', 'lastName', 'company']);
  });

  it('replaces the partial tag with the full one and puts the caret after it', () => {
    const text = 'Hi {{fiName}}!';
    const c = completionAt(text, 7);
    if (!c) throw new Error('expected a completion');
    expect(applyCompletion(text, c, 'firstName')).toEqual({ text: 'Hi {{firstName}}!', caret: 16 });
  });
});
