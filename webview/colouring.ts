// Colouring the points (by folder, kind or region) and the legend beside the map.
import { adaptPalette, assignColours, basePalette, colourKey, folderDepth } from './colour';
import type { Context } from './context';

export class Colours {
  constructor(private readonly ctx: Context) {}

  recolour(): void {
    const { state: s, model, els } = this.ctx;
    const colourBy = s.colourBy;
    const depth = colourBy === 'folder' ? folderDepth(model.symbols.map((x) => x.file)) : 1;
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
    s.colouring = assignColours(keys, labelOf, other);
    this.updatePalette();
    // Draw order: "other" first (quiet, underneath), then big groups, small groups on top.
    const bySlot: number[][] = Array.from({ length: other + 1 }, () => []);
    // A copy is drawn by its representative only (see MapModel.rep).
    const rep = model.rep;
    s.colouring.slots.forEach((slot, i) => {
      if (rep[i] === i) bySlot[slot].push(i);
    });
    s.groups = bySlot
      .map((indices, slot) => ({ slot, indices: Uint32Array.from(indices) }))
      .filter((g) => g.indices.length > 0)
      .sort((a, b) => (a.slot === other ? -1 : b.slot === other ? 1 : b.indices.length - a.indices.length));
    if (s.legendSlot !== null) {
      // A legend highlight names a colour that may no longer exist.
      s.legendSlot = null;
      s.highlight = this.ctx.search.highlight();
    }
    this.showLegend();
    els.colourSelect.value = colourBy;
    this.ctx.drawing.requestRender();
  }

  updatePalette(): void {
    const s = this.ctx.state;
    s.palette = [...adaptPalette(basePalette(s.colourBy), s.theme.kind), s.theme.other];
  }

  showLegend(): void {
    const s = this.ctx.state;
    const title = s.colourBy === 'folder' ? 'Folder' : s.colourBy === 'kind' ? 'Kind' : 'Cluster';
    this.ctx.els.legend.show(s.colouring.legend, s.palette, s.legendSlot, title);
    this.ctx.drawing.measureLegend();
  }

  toggleLegendSlot(slot: number): void {
    const s = this.ctx.state;
    s.legendSlot = s.legendSlot === slot ? null : slot;
    if (s.legendSlot === null) {
      s.highlight = this.ctx.search.highlight();
    } else {
      const highlight = new Set<number>();
      s.colouring.slots.forEach((x, i) => {
        if (x === slot) highlight.add(i);
      });
      s.highlight = highlight;
    }
    this.showLegend();
    this.ctx.drawing.requestRender();
  }
}
