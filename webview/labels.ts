// Cluster label placement: greedy by cluster size with bounding-box collision.
// Big clusters claim their spot first; a label that would overlap one already
// placed, or leave the view, is dropped. Zooming in spreads the clusters apart
// on screen, so smaller clusters' labels find room and appear by themselves.
// Hand-written because d3 has no label placer and the greedy pass over a few
// hundred clusters is a few lines; a force layout would make labels drift.

export interface LabelCandidate {
  readonly id: number;
  readonly text: string;
  /** Anchor (the cluster's centre) in screen pixels. */
  readonly x: number;
  readonly y: number;
  /** Cluster size: decides priority and font size. */
  readonly weight: number;
  /** 'centre' (a region: the box centred on the anchor) or 'beside' (a point's name: the box just right of it, else left). */
  readonly align?: 'centre' | 'beside';
  /** How it is drawn: a region's name, a point's name, or a point the user asked about (selected, neighbour, result). */
  readonly style?: LabelStyle;
}

export type LabelStyle = 'region' | 'name' | 'pinned';

export interface PlacedLabel {
  readonly id: number;
  readonly text: string;
  /** Top-left corner of the label box, screen pixels. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  readonly style: LabelStyle;
}

export interface PlacementOptions {
  readonly width: number;
  readonly height: number;
  /** Width in pixels of `text` at `fontSize` (canvas measureText in the page, an estimate in tests). */
  readonly measure: (text: string, fontSize: number) => number;
  /** Upper bound on labels shown, so a map with thousands of clusters stays readable. */
  readonly maxLabels?: number;
  /** Font size range in px: the largest cluster gets max, the smallest min. */
  readonly minFont?: number;
  readonly maxFont?: number;
  /** Empty space kept around each label, px. */
  readonly gap?: number;
  /** Longest label text in characters before it is shortened with an ellipsis. */
  readonly maxChars?: number;
  /** Screen boxes labels must not cover (the legend, labels placed earlier). */
  readonly obstacles?: readonly { left: number; top: number; width: number; height: number }[];
  /** Every candidate gets this font size, whatever its weight (names of points). */
  readonly fixedFont?: number;
}

/** Shortens to `max` characters with an ellipsis (counts UTF-16 units; labels are short). */
export function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : t.slice(0, Math.max(1, max - 1)).trimEnd() + '…';
}

/** Pixels between a point and its name. */
const BESIDE_GAP = 5;

export function placeLabels(candidates: readonly LabelCandidate[], o: PlacementOptions): PlacedLabel[] {
  const maxLabels = o.maxLabels ?? 60;
  const minFont = o.minFont ?? 11;
  const maxFont = o.maxFont ?? 15;
  const gap = o.gap ?? 4;
  const maxChars = o.maxChars ?? 32;
  const sorted = candidates
    .filter((c) => c.text.trim() !== '' && c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.id - b.id);
  if (sorted.length === 0) return [];
  const maxW = sorted[0].weight;
  const placed: PlacedLabel[] = [];
  const blocked = o.obstacles ?? [];
  const fits = (left: number, top: number, width: number, height: number): boolean => {
    if (left < 0 || top < 0 || left + width > o.width || top + height > o.height) return false;
    for (const list of [blocked, placed]) {
      for (const p of list) {
        if (left < p.left + p.width + gap && p.left < left + width + gap && top < p.top + p.height + gap && p.top < top + height + gap) return false;
      }
    }
    return true;
  };
  for (const c of sorted) {
    if (placed.length >= maxLabels) break;
    // Font grows with the square root of size: area-like, so ten times the
    // symbols does not mean ten times the letters.
    const fontSize = o.fixedFont ?? Math.round(minFont + (maxFont - minFont) * Math.sqrt(c.weight / maxW));
    const text = clip(c.text, maxChars);
    const width = Math.ceil(o.measure(text, fontSize)) + 8; // + horizontal padding of the label chip
    const height = Math.ceil(fontSize * 1.3) + 2;
    const top = c.y - height / 2;
    // A point's name sits beside it (right, else left) so the point stays visible.
    const lefts = c.align === 'beside' ? [c.x + BESIDE_GAP, c.x - BESIDE_GAP - width] : [c.x - width / 2];
    const left = lefts.find((l) => fits(l, top, width, height));
    if (left !== undefined) placed.push({ id: c.id, text, left, top, width, height, fontSize, style: c.style ?? 'region' });
  }
  return placed;
}
