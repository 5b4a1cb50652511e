import { snippetPageSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { fetchAll } from '../paginate';

/** The team's snippets by name, for autocomplete and for rendering `{{snippet.NAME}}` in previews. */
export function useSnippets() {
  return useLoad(async ({ api }) => {
    const items = await fetchAll(api, (s, query) => s.api.snippets.$get({ query }), snippetPageSchema);
    return Object.fromEntries(items.map((s) => [s.name, s.body])) as Record<string, string>;
  }, []);
}
