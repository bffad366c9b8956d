import { useCallback, useEffect, useRef, useState } from 'react';

/** @public */
export interface PolledValue<T> {
  /** The last value loaded; kept while a refresh runs or after it fails. */
  value?: T;
  /** The error of the last load, cleared by the next successful one. */
  error?: Error;
  /** True until the first load has finished. */
  loading: boolean;
  /** True while any load (first, polled or manual) runs. */
  refreshing: boolean;
  /** Load again now. */
  refresh: () => void;
}

interface State<T> {
  value?: T;
  error?: Error;
  loading: boolean;
  refreshing: boolean;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Loads a value, then again every `intervalMs` and on `refresh()`. One load
 * serves every component that renders the value, and an answer that arrives
 * after a newer load started is dropped. A poll is skipped while the page is
 * hidden or the previous load has not answered yet. `load` must be stable (useCallback); a new `load` starts over.
 */
export function usePolledValue<T>(
  load: () => Promise<T>,
  intervalMs: number,
): PolledValue<T> {
  const [state, setState] = useState<State<T>>({
    loading: true,
    refreshing: true,
  });
  const latestCall = useRef(0);
  const inFlight = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async () => {
    const call = ++latestCall.current;
    inFlight.current = true;
    setState(previous => ({ ...previous, refreshing: true }));
    try {
      const value = await load();
      if (mounted.current && call === latestCall.current) {
        setState({ value, loading: false, refreshing: false });
      }
    } catch (error) {
      if (mounted.current && call === latestCall.current) {
        setState(previous => ({
          ...previous,
          error: toError(error),
          loading: false,
          refreshing: false,
        }));
      }
    } finally {
      if (call === latestCall.current) {
        inFlight.current = false;
      }
    }
  }, [load]);

  useEffect(() => {
    setState({ loading: true, refreshing: true });
    run();
    const timer = setInterval(() => {
      // A slow backend must not collect a queue of identical requests.
      const hidden =
        typeof document !== 'undefined' &&
        document.visibilityState === 'hidden';
      if (!hidden && !inFlight.current) {
        run();
      }
    }, intervalMs);
    return () => clearInterval(timer);
  }, [run, intervalMs]);

  const refresh = useCallback(() => {
    run();
  }, [run]);

  return { ...state, refresh };
}
