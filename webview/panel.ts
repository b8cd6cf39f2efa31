// The side panel: the selected symbol (name, kind, where, its doc comment's
// first paragraph, actions, its neighbours) and the symbols of an area
// selected with the lasso (open, copy names, find what is similar to them as
// a whole, export). Built with el()/textContent only (see dom.ts); every
// entry is a button, so the panel is reachable with Tab and Enter.
import type { SymbolAction } from '../src/shared/protocol';
import { qualifiedName, type MapSymbol, type RankedSymbol } from '../src/shared/types';
import { el } from './dom';
import { explain, explanationLine } from './explain';
import { displayName, docSummary, formatScore, location } from './text';

/** Symbols of an area listed before "and N more". */
const MAX_LISTED = 200;

export interface PanelActions {
  /** Select a symbol on the map (a neighbour, a member of the area). */
  pick(id: string): void;
  open(id: string): void;
  act(action: SymbolAction, id: string): void;
  similarToSelection(ids: readonly string[]): void;
  exportSelection(ids: readonly string[]): void;
  clearSelection(): void;
  /** A symbol of the map by id (to explain a neighbour), or undefined. */
  symbol(id: string): MapSymbol | undefined;
}

export class Panel {
  constructor(
    private readonly root: HTMLElement,
    private readonly details: HTMLElement,
    private readonly area: HTMLElement,
    private readonly hint: HTMLElement,
    private readonly results: HTMLElement,
    private readonly actions: PanelActions,
  ) {}

  /** The selected symbol, or none. `neighbours` undefined: still asking the host. */
  showSymbol(s: MapSymbol | undefined, neighbours: readonly RankedSymbol[] | undefined, limit: number, copies: readonly MapSymbol[]): void {
    const d = this.details;
    d.replaceChildren();
    d.hidden = s === undefined;
    this.updateHint();
    if (!s) return;
    const title = el('div', 'panel-title', displayName(qualifiedName(s, 200), 200));
    title.append(el('span', 'panel-kind', s.kind));
    d.append(title);
    d.append(this.locationButton(s));
    const doc = docSummary(s.comment);
    if (doc) d.append(el('p', 'panel-doc', doc));
    const buttons = el('div', 'panel-actions');
    buttons.append(
      this.button('Open', () => this.actions.open(s.id)),
      this.button('Find Similar', () => this.actions.act('findSimilar', s.id)),
      this.button('Reveal in Explorer', () => this.actions.act('revealInExplorer', s.id)),
      this.button('Copy Name', () => this.actions.act('copyName', s.id)),
    );
    d.append(buttons);
    if (copies.length > 1) {
      d.append(el('div', 'panel-section', `${copies.length} identical copies`));
      const list = el('ul', 'panel-list');
      for (const c of copies.slice(0, MAX_LISTED)) list.append(this.item(c.id, displayName(c.name, 80), location(c.file, c.line, 80), undefined, () => this.actions.open(c.id)));
      d.append(list);
    }
    d.append(el('div', 'panel-section', 'Nearest in meaning'));
    if (neighbours === undefined) d.append(el('div', 'muted', 'Asking…'));
    else if (neighbours.length === 0) d.append(el('div', 'muted', 'No neighbours'));
    else {
      const list = el('ol', 'panel-list neighbours');
      const selectedName = displayName(s.name, 30);
      for (const n of neighbours.slice(0, limit)) {
        const other = this.actions.symbol(n.id);
        // Why they are neighbours, in words (explain.ts); textContent only, like everything here.
        const why = other ? explanationLine(explain(s, other), selectedName) : undefined;
        list.append(this.item(n.id, displayName(qualifiedName(n, 80), 80), location(n.file, n.line, 80), formatScore(n.score), () => this.actions.pick(n.id), why));
      }
      d.append(list);
    }
  }

  /** The symbols of a lasso selection, or none. */
  showArea(symbols: readonly MapSymbol[]): void {
    const a = this.area;
    a.replaceChildren();
    a.hidden = symbols.length === 0;
    this.updateHint();
    if (symbols.length === 0) return;
    a.append(el('div', 'panel-title', `${symbols.length} ${symbols.length === 1 ? 'symbol' : 'symbols'} selected`));
    const ids = symbols.map((s) => s.id);
    const buttons = el('div', 'panel-actions');
    buttons.append(
      this.button('Find Similar to All', () => this.actions.similarToSelection(ids)),
      this.button('Copy Names', () => void navigator.clipboard?.writeText(symbols.map((s) => qualifiedName(s)).join('\n'))),
      this.button('Export…', () => this.actions.exportSelection(ids)),
      this.button('Clear', () => this.actions.clearSelection()),
    );
    a.append(buttons);
    const list = el('ul', 'panel-list area');
    for (const s of symbols.slice(0, MAX_LISTED)) list.append(this.item(s.id, displayName(qualifiedName(s, 80), 80), location(s.file, s.line, 80), s.kind, () => this.actions.pick(s.id)));
    if (symbols.length > MAX_LISTED) list.append(el('li', 'muted', `and ${symbols.length - MAX_LISTED} more`));
    a.append(list);
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  setVisible(visible: boolean): void {
    this.root.hidden = !visible;
  }

  /** The hint shows while the panel has nothing else. */
  updateHint(): void {
    this.hint.hidden = !this.details.hidden || !this.area.hidden || !this.results.hidden;
  }

  private locationButton(s: MapSymbol): HTMLButtonElement {
    const b = el('button', 'panel-loc', location(s.file, s.line, 200));
    b.type = 'button';
    b.title = 'Open';
    b.addEventListener('click', () => this.actions.open(s.id));
    return b;
  }

  private button(text: string, onClick: () => void): HTMLButtonElement {
    const b = el('button', undefined, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  private item(id: string, name: string, where: string, aside: string | undefined, onClick: () => void, why?: string): HTMLLIElement {
    const li = el('li');
    const b = el('button');
    b.type = 'button';
    b.dataset.id = id;
    const top = el('div', 'item-top');
    top.append(el('span', 'item-name', name));
    if (aside !== undefined) top.append(el('span', aside.match(/^[\d.]+$/) ? 'item-score' : 'item-kind', aside));
    b.append(top, el('div', 'item-loc', where));
    if (why) b.append(el('div', 'item-why', why));
    b.addEventListener('click', onClick);
    li.append(b);
    return li;
  }
}
