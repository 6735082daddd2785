import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { PositionProvider } from '../lib/position-row.js';
import type { Action } from './state.js';

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Loads positions now and then every `refreshMs` after the previous load finished (never two
 * timed loads at once, however slow the provider). Only the newest request's answer is applied,
 * so a refresh that started before a close cannot bring the closed position back.
 * A provider with live prices also pushes each one as it arrives.
 * Returns `reload` (load now) and `close` (close a symbol, report, reload).
 */
export function usePositionFeed(provider: PositionProvider, refreshMs: number, dispatch: Dispatch<Action>) {
  const mounted = useRef(true);
  const latestRequest = useRef(0);

  const reload = useCallback(async (): Promise<void> => {
    const request = ++latestRequest.current;
    try {
      const rows = await provider.load();
      if (mounted.current && request === latestRequest.current) dispatch({ type: 'loaded', rows });
    } catch (err) {
      if (mounted.current && request === latestRequest.current)
        dispatch({ type: 'loadFailed', message: errorMessage(err) });
    }
  }, [provider, dispatch]);

  useEffect(() => {
    mounted.current = true;
    let timer: NodeJS.Timeout | undefined;
    const tick = async (): Promise<void> => {
      await reload();
      if (mounted.current) timer = setTimeout(() => void tick(), refreshMs);
    };
    void tick();
    return () => {
      mounted.current = false;
      clearTimeout(timer);
    };
  }, [reload, refreshMs]);

  // Streamed prices between loads: each one reprices its row at once.
  useEffect(
    () => provider.subscribe?.((tick) => mounted.current && dispatch({ type: 'price', tick })),
    [provider, dispatch],
  );

  const close = useCallback(
    async (symbol: string): Promise<void> => {
      dispatch({ type: 'closeStarted' });
      try {
        const message = await provider.close(symbol);
        if (mounted.current) dispatch({ type: 'closeDone', message });
      } catch (err) {
        if (mounted.current) dispatch({ type: 'closeFailed', message: errorMessage(err) });
      }
      if (mounted.current) await reload();
    },
    [provider, dispatch, reload],
  );

  return { reload, close };
}
