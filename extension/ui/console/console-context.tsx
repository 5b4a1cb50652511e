import {
  createContext,
  type DependencyList,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { type ApiProblem, asProblem } from '../../lib/api/api-problem';
import type { ConsoleApi } from './api-client';
import type { ContactDirectory } from './contact-directory';
import type { LiveFeed } from './live-feed';
import type { ViewStore } from './records/saved-views';

export interface ConsoleServices {
  api: ConsoleApi;
  contacts: ContactDirectory;
  /** Today, injectable so tests and screenshots do not depend on the wall clock. */
  now(): Date;
  /** Server changes as they happen; without it screens show what they loaded until reloaded. */
  live?: LiveFeed;
  /** Where the Contacts screen keeps saved views; without it, views cannot be saved. */
  views?: ViewStore;
}

const ConsoleContext = createContext<ConsoleServices | null>(null);

export function ConsoleProvider(props: { services: ConsoleServices; children: ReactNode }) {
  return <ConsoleContext.Provider value={props.services}>{props.children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('console screens must render inside ConsoleProvider');
  return services;
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiProblem | undefined;
  /** True while a load runs; `data` keeps the previous answer meanwhile, so nothing jumps. */
  loading: boolean;
  reload(): void;
}

/**
 * Loads on mount and whenever `deps` change; answers to superseded loads are dropped. With
 * `live`, it loads again whenever the server reports a change (the console's LiveFeed).
 */
export function useLoad<T>(
  load: (services: ConsoleServices) => Promise<T>,
  deps: DependencyList,
  options: { live?: boolean } = {},
): Loaded<T> {
  const services = useConsole();
  const [state, setState] = useState<{ data?: T; error?: ApiProblem; loading: boolean }>({ loading: true });
  const [version, setVersion] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to reload
  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current(services).then(
      (data) => ticket === latest.current && setState({ data, loading: false }),
      (err: unknown) =>
        ticket === latest.current &&
        setState((s) => ({ data: s.data, error: asProblem(err), loading: false })),
    );
  }, [services, version, ...deps]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const live = options.live ? services.live : undefined;
  useEffect(() => live?.subscribe(reload), [live, reload]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** The current time, ticking every `everyMs`, so "due now" replaces a time that has just passed. */
export function useNow(everyMs = 30_000): Date {
  const { now } = useConsole();
  const [current, setCurrent] = useState(() => now());
  useEffect(() => {
    const timer = setInterval(() => setCurrent(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return current;
}

export interface Action {
  busy: boolean;
  error: ApiProblem | undefined;
  /** Runs `work`; resolves to its result, or undefined when it failed (the error is kept). */
  run<R>(work: () => Promise<R>): Promise<R | undefined>;
  clear(): void;
}

/** Busy and error state for a button or form that changes something on the server. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiProblem | undefined>();
  const run = useCallback(async <R,>(work: () => Promise<R>) => {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (err) {
      setError(asProblem(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}
