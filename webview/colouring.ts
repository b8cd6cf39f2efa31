// Colouring the points (by folder, kind or region) and the legend beside the
// map, whose entries filter: picking some shows only their points.
import { adaptPalette, assignColours, basePalette, colourKey, folderDepth } from './colour';
import type { Context } from './context';

export class Colours {
  constructor(private readonly ctx: Context) {}

  recolour(): void {
    const { state: s, model, els } = this.ctx;
    const colourBy = s.colourBy;
    const depth = colourBy === 'folder' ? s.folderDepth || folderDepth(model.symbols.map((x) => x.file)) : 1;
    // Many symbols share a file: work out each file's folder key once.
    const byFile = new Map<string, string>();
    const keys = model.symbols.map((x) => {
      if (colourBy !== 'folder') return colourKey(x, colourBy, depth);
      let k = byFile.get(x.file);
      if (k === undefined) byFile.set(x.file, (k = colourKey(x, colourBy, depth)));
      return k;
    });
    const other = basePalette(colourBy).length;
    const labelOf = colourBy === 'cluster' ? (k: string) => model.clusterLabel(Number(k)) : (k: string) => (k === '.' ? '(top level)' : k);
    s.colouring = assignColours(keys, labelOf, other, colourBy === 'cluster' ? (k) => model.clusterColour(Number(k)) : undefined);
    this.updatePalette();
    // A new colouring has other entries: the legend's picks no longer apply.
    s.legendSlots = new Set();
    this.listKinds();
    this.regroup();
    els.colourSelect.value = colourBy;
    els.folderDepth.hidden = colourBy !== 'folder';
  }

  /** The kind filter's choices: the kinds on the map, most common first, with their counts. */
  private listKinds(): void {
    const { state: s, model, els } = this.ctx;
    const counts = new Map<string, number>();
    for (const x of model.symbols) counts.set(x.kind, (counts.get(x.kind) ?? 0) + 1);
    const select = els.kindFilter;
    select.replaceChildren(new Option('All kinds', ''));
    for (const [kind, n] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) select.append(new Option(`${kind} (${n.toLocaleString('en-US')})`, kind));
    if (!counts.has(s.kindFilter)) s.kindFilter = '';
    select.value = s.kindFilter;
  }

  /** Points per colour in draw order, leaving out copies (drawn by their representative) and what the legend and the kind filter hide. */
  regroup(): void {
    const { state: s, model } = this.ctx;
    const other = s.palette.length - 1;
    const picked = s.legendSlots;
    const kind = s.kindFilter;
    const shown = (i: number) => (picked.size === 0 || picked.has(s.colouring.slots[i]!)) && (kind === '' || model.symbols[i].kind === kind);
    // A copy is drawn by its representative only (see MapModel.rep).
    s.shown = Uint8Array.from(s.colouring.slots, (_, i) => (model.rep[i] === i && shown(i) ? 1 : 0));
    // Draw order: "other" first (quiet, underneath), then big groups, small groups on top.
    const bySlot: number[][] = Array.from({ length: other + 1 }, () => []);
    s.colouring.slots.forEach((slot, i) => {
      if (s.shown[i]) bySlot[slot].push(i);
    });
    s.groups = bySlot
      .map((indices, slot) => ({ slot, indices: Uint32Array.from(indices) }))
      .filter((g) => g.indices.length > 0)
      .sort((a, b) => (a.slot === other ? -1 : b.slot === other ? 1 : b.indices.length - a.indices.length));
    this.showLegend();
    // Hit-testing and names follow what is shown.
    s.tree = null;
    this.ctx.drawing.requestRender();
  }

  updatePalette(): void {
    const s = this.ctx.state;
    s.palette = [...adaptPalette(basePalette(s.colourBy), s.theme.kind), s.theme.other];
  }

  showLegend(): void {
    const s = this.ctx.state;
    const title = s.colourBy === 'folder' ? 'Folder' : s.colourBy === 'kind' ? 'Kind' : 'Cluster';
    this.ctx.els.legend.show(s.colouring.legend, s.palette, s.legendSlots, title);
    this.ctx.drawing.measureLegend();
  }

  /** Adds or removes a legend entry from those shown. */
  toggleLegendSlot(slot: number): void {
    const s = this.ctx.state;
    const next = new Set(s.legendSlots);
    if (next.has(slot)) next.delete(slot);
    else next.add(slot);
    s.legendSlots = next;
    this.regroup();
  }

  clearLegend(): void {
    this.ctx.state.legendSlots = new Set();
    this.regroup();
  }
}
