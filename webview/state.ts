// What the map keeps across a window reload (vscode.setState / getState).
// getState returns whatever an earlier version of this page stored, so it is
// checked like any other input and anything odd falls back to a default.
import { isColourBy, LIMITS } from '../src/shared/guards';
import type { ColourBy } from '../src/shared/protocol';
import type { Transform } from './geometry';

export interface SavedState {
  readonly transform?: Transform;
  readonly colourBy?: ColourBy;
  readonly query: string;
  readonly selectedId?: string;
}

export const EMPTY_STATE: SavedState = { query: '' };

function isFinitePositive(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

function isFinite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function parseSavedState(x: unknown): SavedState {
  if (typeof x !== 'object' || x === null) return EMPTY_STATE;
  const r = x as Record<string, unknown>;
  const t = r.transform as Record<string, unknown> | undefined;
  const transform =
    typeof t === 'object' && t !== null && isFinitePositive(t.k) && isFinite(t.x) && isFinite(t.y)
      ? { k: t.k, x: t.x, y: t.y }
      : undefined;
  const colourBy = isColourBy(r.colourBy) ? r.colourBy : undefined;
  const query = typeof r.query === 'string' && r.query.length <= LIMITS.query ? r.query : '';
  const selectedId =
    typeof r.selectedId === 'string' && r.selectedId.length > 0 && r.selectedId.length <= LIMITS.text
      ? r.selectedId
      : undefined;
  return { transform, colourBy, query, selectedId };
}
