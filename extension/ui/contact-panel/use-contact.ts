import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExtensionError, ResultOf } from '../../../shared/schemas/extension-messages';
import type { StrideClient } from '../../lib/stride-client';

export type Lookup = ResultOf<'contact.lookup'>;

export interface ContactState {
  /** Null until the cache or the server has answered. */
  data: Lookup | null;
  /** The latest failure; shown beside stale data when there is some. */
  error: ExtensionError | null;
  loading: boolean;
}

/**
 * The contact behind an address: the background's cache first (so the panel shows status at once),
 * then the server; again from the cache whenever the background says this contact changed.
 */
export function useContact(client: StrideClient, email: string) {
  const [state, setState] = useState<ContactState>({ data: null, error: null, loading: true });
  const generation = useRef(0);
  // Notices need the current contact id without re-subscribing on every render.
  const contactId = useRef<string | undefined>(undefined);
  contactId.current = state.data?.contact?.id;

  const load = useCallback(
    async (modes: Array<'cache' | 'server'>) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, loading: true }));
      for (const [i, mode] of modes.entries()) {
        const outcome = await client.request({ type: 'contact.lookup', email, mode });
        if (generation.current !== mine) return;
        if (!outcome.ok) {
          setState((s) => ({ ...s, error: outcome.error, loading: false }));
          return;
        }
        const last = i === modes.length - 1;
        if (outcome.result.hit) setState({ data: outcome.result, error: null, loading: !last });
      }
      setState((s) => ({ ...s, loading: false }));
    },
    [client, email],
  );

  useEffect(() => {
    void load(['cache', 'server']);
    const off = client.onNotice((notice) => {
      if (notice.type === 'session' || notice.all) {
        void load(['cache', 'server']);
        return;
      }
      const id = contactId.current;
      if (notice.emails.includes(email) || (id && notice.contactIds.includes(id))) void load(['cache']);
    });
    return () => {
      generation.current++;
      off();
    };
  }, [client, email, load]);

  /** Local edits (optimistic updates, server answers) without another round trip. */
  const patch = useCallback((update: (data: Lookup) => Lookup) => {
    setState((s) => (s.data ? { ...s, data: update(s.data) } : s));
  }, []);

  return { ...state, reload: () => void load(['cache', 'server']), patch };
}
