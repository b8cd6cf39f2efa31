// The DOM parts around the canvas: tooltip, search results, legend and the
// cluster label layer. Built with el()/textContent only (see dom.ts).
import { qualifiedName, type MapSymbol, type RankedSymbol } from '../src/shared/types';
import type { LegendEntry } from './colour';
import { el } from './dom';
import type { PlacedLabel } from './labels';
import { displayName, firstLine, formatScore, location } from './text';

/** Copies listed in a tooltip before "and N more". */
const MAX_COPIES_LISTED = 8;

export class Tooltip {
  constructor(private readonly root: HTMLElement) {}

  /**
   * Shows `s` near (x, y) inside a view of `width` × `height`. `neighbours`
   * undefined means "still asking the host".
   */
  show(
    s: MapSymbol,
    neighbours: readonly RankedSymbol[] | undefined,
    limit: number,
    x: number,
    y: number,
    width: number,
    height: number,
    copies: readonly MapSymbol[] = [],
  ): void {
    const r = this.root;
    r.replaceChildren();
    const head = el('div', 'tt-head');
    head.append(el('span', 'tt-name', displayName(qualifiedName(s, 120))));
    head.append(el('span', 'tt-kind', s.kind));
    r.append(head);
    r.append(el('div', 'tt-loc', location(s.file, s.line)));
    const doc = firstLine(s.comment);
    if (doc) r.append(el('div', 'tt-doc', doc));
    if (copies.length > 1) {
      // One point stands for identical copies (a package's esm, cjs and bundled builds): say where each is.
      r.append(el('div', 'tt-section', `${copies.length} identical copies`));
      const list = el('ul', 'tt-copies');
      for (const c of copies.slice(0, MAX_COPIES_LISTED)) list.append(el('li', 'tt-loc', location(c.file, c.line)));
      if (copies.length > MAX_COPIES_LISTED) list.append(el('li', 'tt-muted', `and ${copies.length - MAX_COPIES_LISTED} more`));
      r.append(list);
    }
    r.append(el('div', 'tt-section', 'Nearest in meaning'));
    if (neighbours === undefined) {
      r.append(el('div', 'tt-muted', 'Asking…'));
    } else if (neighbours.length === 0) {
      r.append(el('div', 'tt-muted', 'No neighbours'));
    } else {
      const list = el('ol', 'tt-neighbours');
      for (const n of neighbours.slice(0, limit)) {
        const li = el('li');
        li.append(el('span', 'tt-score', formatScore(n.score)));
        li.append(el('span', 'tt-nname', displayName(n.name, 60)));
        li.append(el('span', 'tt-nkind', n.kind));
        list.append(li);
      }
      r.append(list);
    }
    r.hidden = false;
    this.size = [r.offsetWidth, r.offsetHeight];
    this.move(x, y, width, height);
  }

  private size: [number, number] = [0, 0];

  /** Follows the cursor without rebuilding the content (no layout work per mouse move). */
  move(x: number, y: number, width: number, height: number): void {
    const r = this.root;
    // Keep it inside the view: flip to the other side of the cursor when needed.
    const gap = 14;
    const [w, h] = this.size;
    const left = x + gap + w > width ? Math.max(4, x - gap - w) : x + gap;
    const top = y + gap + h > height ? Math.max(4, y - gap - h) : y + gap;
    r.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  hide(): void {
    this.root.hidden = true;
  }

  get visible(): boolean {
    return !this.root.hidden;
  }
}

export class ResultsList {
  private items: HTMLLIElement[] = [];

  constructor(
    private readonly list: HTMLUListElement,
    private readonly input: HTMLInputElement,
    private readonly onPick: (index: number) => void,
  ) {}

  show(results: readonly RankedSymbol[], query: string): void {
    this.list.replaceChildren();
    this.items = [];
    if (results.length === 0) {
      const li = el('li', 'result-empty', `Nothing matches “${displayName(query, 60)}”`);
      li.setAttribute('role', 'option');
      li.setAttribute('aria-disabled', 'true');
      this.list.append(li);
    }
    results.forEach((r, i) => {
      const li = el('li', 'result');
      li.id = `result-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      const top = el('div', 'result-top');
      top.append(el('span', 'result-name', displayName(qualifiedName(r, 80), 80)));
      top.append(el('span', 'result-kind', r.kind));
      top.append(el('span', 'result-score', formatScore(r.score)));
      li.append(top);
      li.append(el('div', 'result-loc', location(r.file, r.line, 80)));
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the search box
      li.addEventListener('click', () => this.onPick(i));
      this.items.push(li);
      this.list.append(li);
    });
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.setActive(-1);
  }

  setActive(index: number): void {
    this.items.forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0 && index < this.items.length) {
      this.input.setAttribute('aria-activedescendant', this.items[index].id);
      this.items[index].scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  hide(): void {
    this.list.hidden = true;
    this.list.replaceChildren();
    this.items = [];
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}

export class Legend {
  constructor(
    private readonly root: HTMLElement,
    private readonly onToggle: (slot: number) => void,
  ) {}

  /** `active`: the entries picked (only their points are shown); empty shows all. */
  show(entries: readonly LegendEntry[], palette: readonly string[], active: ReadonlySet<number>, title: string): void {
    this.root.replaceChildren();
    this.root.append(el('div', 'legend-title', title));
    for (const e of entries) {
      const b = el('button', 'legend-item');
      b.type = 'button';
      b.setAttribute('aria-pressed', String(active.has(e.slot)));
      b.classList.toggle('faded', active.size > 0 && !active.has(e.slot));
      b.title = `${e.label}: ${e.count} symbols. Click to show only these; click others to add them, again to remove.`;
      const sw = el('span', 'swatch');
      sw.style.backgroundColor = palette[e.slot];
      b.append(sw);
      b.append(el('span', 'legend-label', displayName(e.label, 40)));
      b.append(el('span', 'legend-count', e.count.toLocaleString('en-US')));
      b.addEventListener('click', () => this.onToggle(e.slot));
      this.root.append(b);
    }
  }
}

/** Cluster labels as absolutely positioned chips; elements are reused between frames. */
export class LabelLayer {
  private pool: HTMLDivElement[] = [];

  constructor(private readonly root: HTMLElement) {}

  show(labels: readonly PlacedLabel[]): void {
    while (this.pool.length < labels.length) {
      const d = el('div', 'cluster-label');
      this.root.append(d);
      this.pool.push(d);
    }
    for (let i = 0; i < this.pool.length; i++) {
      const d = this.pool[i];
      const l = labels[i];
      if (!l) {
        if (!d.hidden) d.hidden = true;
        continue;
      }
      d.hidden = false;
      if (d.textContent !== l.text) d.textContent = l.text;
      const className = `cluster-label ${l.style}`;
      if (d.className !== className) d.className = className;
      d.style.fontSize = `${l.fontSize}px`;
      d.style.transform = `translate(${Math.round(l.left)}px, ${Math.round(l.top)}px)`;
    }
  }
}
