import { useCallback, useRef, useState, type Dispatch } from 'react';
import { initialState, viewerReducer, type Action, type ViewerState } from './state.js';

/**
 * useReducer, plus a ref that is current the moment an action is dispatched. Key handlers read
 * the ref: when several keys arrive in one chunk ("cy", or a fast typist), React has not yet
 * re-rendered between them and a closure over `state` would still see the old mode.
 */
export function useViewerState(): {
  state: ViewerState;
  live: { readonly current: ViewerState };
  dispatch: Dispatch<Action>;
} {
  const live = useRef<ViewerState | null>(null);
  if (live.current === null) live.current = initialState();
  const [state, setState] = useState<ViewerState>(live.current);
  const dispatch = useCallback((action: Action) => {
    live.current = viewerReducer(live.current ?? initialState(), action);
    setState(live.current);
  }, []);
  return { state, live: live as { readonly current: ViewerState }, dispatch };
}
