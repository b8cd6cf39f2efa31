// Which colour each point gets: a key per symbol (its folder, kind or cluster),
// the most common keys each get a palette colour, the rest share "other".
// Pure: no DOM, so tests run it under Node.
import { hcl, schemeObservable10 } from 'd3';
import type { ColourBy } from '../src/shared/protocol';
import { MAX_TOP_REGIONS } from '../src/shared/types';

/** What the colouring needs from a symbol. */
export interface ColourSource {
  readonly file: string;
  readonly kind: string;
  readonly cluster: number;
}

/**
 * d3's Observable 10 scheme without its grey (the grey would read as "other").
 * It was designed to stay distinct on light and dark backgrounds; adaptPalette
 * still nudges lightness per theme for contrast.
 */
export const BASE_PALETTE: readonly string[] = schemeObservable10.filter((c) => c.toLowerCase() !== '#9498a0');

/** One colour per palette entry; everything less common is "other". */
export const TOP_N = BASE_PALETTE.length;

/**
 * Regions are many (up to MAX_TOP_REGIONS at the top level, see src/shared/types.ts)
 * and named on the map, so they get more colours than folders or kinds: one
 * each, none repeated. Hues a golden angle apart (so neighbours in the list
 * differ most); past a dozen, hues come close, so lightness alternates in
 * three steps too. Adapted per theme like the rest.
 */
export const TOP_N_CLUSTERS = MAX_TOP_REGIONS;

export function huePalette(count: number): string[] {
  const lightness = [65, 50, 78];
  return Array.from({ length: count }, (_, i) => hcl((25 + i * 137.508) % 360, 55, lightness[i % 3]).formatHex());
}

export function basePalette(by: ColourBy): readonly string[] {
  return by === 'cluster' ? huePalette(TOP_N_CLUSTERS) : BASE_PALETTE;
}

export const OTHER_KEY = '\u0000other';

/**
 * How deep to look for a "top-level folder". Many repositories keep everything
 * under one folder (`src/`, `lib/`, `packages/`), which would colour the whole
 * map alike; in that case the next level down is used, up to this depth.
 */
const MAX_FOLDER_DEPTH = 3;

/** The folder of `file` cut to `depth` segments; files above that depth name their own folder or '.'. */
export function folderAt(file: string, depth: number): string {
  const parts = file.split('/');
  parts.pop(); // the file name
  if (parts.length === 0) return '.';
  return parts.slice(0, depth).join('/');
}

/** The shallowest folder depth at which the files fall into at least two folders. */
export function folderDepth(files: Iterable<string>): number {
  const list = Array.from(files);
  for (let depth = 1; depth < MAX_FOLDER_DEPTH; depth++) {
    const seen = new Set<string>();
    for (const f of list) {
      seen.add(folderAt(f, depth));
      if (seen.size > 1) return depth;
    }
  }
  return MAX_FOLDER_DEPTH;
}

export function colourKey(s: ColourSource, by: ColourBy, depth: number): string {
  switch (by) {
    case 'folder':
      return folderAt(s.file, depth);
    case 'kind':
      return s.kind;
    case 'cluster':
      return String(s.cluster);
  }
}

export interface LegendEntry {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** Index into the palette; TOP_N for "other". */
  readonly slot: number;
}

export interface Colouring {
  /** Palette slot per symbol (TOP_N = other), in symbol order. */
  readonly slots: Uint8Array;
  /** Legend rows: the coloured keys by count, then "other" when anything is left. */
  readonly legend: readonly LegendEntry[];
}

/**
 * Gives the TOP_N most frequent keys a palette slot each (ties broken by key,
 * so the same data always gets the same colours) and the rest the "other" slot.
 * With `fixedSlot`, a key's slot is the one it names instead (undefined, or
 * out of the palette: "other"); the legend still lists keys by count.
 */
export function assignColours(
  keys: readonly string[],
  labelOf: (key: string) => string = (k) => k,
  topN: number = TOP_N,
  fixedSlot?: (key: string) => number | undefined,
): Colouring {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const slotOf = new Map<string, number>();
  const legend: LegendEntry[] = [];
  let other = 0;
  let next = 0;
  for (const [key, count] of ranked) {
    const fixed = fixedSlot?.(key);
    const slot = fixedSlot ? (fixed !== undefined && fixed >= 0 && fixed < topN ? fixed : topN) : next < topN ? next++ : topN;
    if (slot === topN) {
      other += count;
      continue;
    }
    slotOf.set(key, slot);
    legend.push({ key, label: labelOf(key), count, slot });
  }
  if (other > 0) legend.push({ key: OTHER_KEY, label: 'other', count: other, slot: topN });
  const slots = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) slots[i] = slotOf.get(keys[i]) ?? topN;
  return { slots, legend };
}

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/**
 * Adjusts the palette's lightness to the background so every colour keeps
 * contrast: on light backgrounds pale colours (yellow, pink, light blue) are
 * darkened, on dark ones deep colours are lifted; high contrast pushes further.
 * The lightness bounds (CIELAB L*) were picked by eye on VS Code's default
 * Light+, Dark+ and High Contrast themes.
 */
export function adaptPalette(base: readonly string[], theme: ThemeKind): string[] {
  const [lo, hi] =
    theme === 'light' ? [35, 62] : theme === 'dark' ? [58, 82] : theme === 'high-contrast' ? [70, 90] : [25, 45];
  return base.map((c) => {
    const h = hcl(c);
    h.l = Math.min(hi, Math.max(lo, h.l));
    if (theme === 'high-contrast' || theme === 'high-contrast-light') h.c = Math.max(h.c, 45);
    return h.formatHex();
  });
}
