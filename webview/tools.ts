// Tools on the map beyond pan, zoom and click: the lasso (shift-drag selects
// the points inside the drawn shape), the context menu of a point, the keys
// overlay (?) and saving the view as a PNG.
import { polygonContains } from 'd3';
import type { SymbolAction } from '../src/shared/protocol';
import type { Context } from './context';
import { el } from './dom';

/** Lasso vertices closer than this (px) to the last one are skipped: a long drag stays a few hundred vertices. */
const LASSO_STEP_PX = 4;

const MENU: readonly { readonly label: string; readonly run: 'open' | SymbolAction }[] = [
  { label: 'Open', run: 'open' },
  { label: 'Find Similar', run: 'findSimilar' },
  { label: 'Reveal in Explorer', run: 'revealInExplorer' },
  { label: 'Copy Name', run: 'copyName' },
  { label: 'Copy Path:Line', run: 'copyLocation' },
];

const KEYS: readonly (readonly [string, string])[] = [
  ['Drag, arrow keys', 'pan'],
  ['Wheel, + and −', 'zoom'],
  ['0, Fit', 'the whole map'],
  ['Click', 'select a symbol and open it'],
  ['Shift-drag', 'select an area (listed in the panel)'],
  ['Right-click', 'a symbol’s actions'],
  ['/ or Ctrl+F', 'search; ↑ ↓ move through results, Enter opens'],
  ['Enter', 'open the selected symbol'],
  ['Esc', 'clear the selection, the area, the legend picks, then the search'],
  ['?', 'this list'],
];

export class Tools {
  private lasso: [number, number][] | null = null;

  constructor(private readonly ctx: Context) {
    this.buildKeys();
  }

  // ---- lasso ----

  /** A shift-press on the stage starts a lasso (d3-zoom ignores it, see input.ts). */
  startLasso(x: number, y: number): void {
    this.lasso = [[x, y]];
    this.ctx.els.stage.classList.add('lassoing');
    this.drawLasso();
  }

  get lassoing(): boolean {
    return this.lasso !== null;
  }

  moveLasso(x: number, y: number): void {
    if (!this.lasso) return;
    const [lx, ly] = this.lasso[this.lasso.length - 1]!;
    if (Math.hypot(x - lx, y - ly) < LASSO_STEP_PX) return;
    this.lasso.push([x, y]);
    this.drawLasso();
  }

  /** Ends the lasso: the shown points inside it become the area. */
  endLasso(): void {
    const shape = this.lasso;
    this.lasso = null;
    this.ctx.els.stage.classList.remove('lassoing');
    this.drawLasso();
    if (!shape || shape.length < 3) return;
    const { state: s, model } = this.ctx;
    const { k, x, y } = s.transform;
    const inside: number[] = [];
    for (let i = 0; i < model.size; i++) {
      if (!s.shown[i]) continue;
      if (polygonContains(shape, [x + k * s.drawX[i], y + k * s.drawY[i]])) inside.push(i);
    }
    this.ctx.pointer.setArea(inside);
  }

  private drawLasso(): void {
    const { lassoCanvas, renderer } = this.ctx.els;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(renderer.width * dpr);
    const h = Math.round(renderer.height * dpr);
    if (lassoCanvas.width !== w || lassoCanvas.height !== h) {
      lassoCanvas.width = w;
      lassoCanvas.height = h;
      lassoCanvas.style.width = `${renderer.width}px`;
      lassoCanvas.style.height = `${renderer.height}px`;
    }
    const g = lassoCanvas.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, renderer.width, renderer.height);
    if (!this.lasso || this.lasso.length < 2) return;
    g.beginPath();
    this.lasso.forEach(([px, py], i) => (i === 0 ? g.moveTo(px, py) : g.lineTo(px, py)));
    g.closePath();
    g.fillStyle = 'rgba(128, 128, 128, 0.12)';
    g.fill();
    g.setLineDash([5, 4]);
    g.lineWidth = 1.5;
    g.strokeStyle = this.ctx.state.theme.foreground;
    g.stroke();
  }

  // ---- context menu ----

  /** The menu of the point under (x, y), if any; true when it opened. */
  openMenu(x: number, y: number): boolean {
    const { pointer, els, model, host } = this.ctx;
    const i = pointer.hitTest(x, y);
    if (i < 0) {
      this.closeMenu();
      return false;
    }
    pointer.select(i, false, true);
    const id = model.symbols[i].id;
    const menu = els.menu;
    menu.replaceChildren();
    for (const item of MENU) {
      const li = el('li');
      li.setAttribute('role', 'none');
      const b = el('button', undefined, item.label);
      b.type = 'button';
      b.setAttribute('role', 'menuitem');
      b.addEventListener('click', () => {
        this.closeMenu();
        if (item.run === 'open') host.post({ type: 'open', id });
        else host.post({ type: 'action', action: item.run, id });
      });
      li.append(b);
      menu.append(li);
    }
    menu.hidden = false;
    // Inside the stage, flipped when it would leave it.
    const left = Math.min(x, els.renderer.width - menu.offsetWidth - 4);
    const top = Math.min(y, els.renderer.height - menu.offsetHeight - 4);
    menu.style.transform = `translate(${Math.max(4, left)}px, ${Math.max(4, top)}px)`;
    menu.querySelector('button')?.focus();
    return true;
  }

  closeMenu(): void {
    this.ctx.els.menu.hidden = true;
  }

  get menuOpen(): boolean {
    return !this.ctx.els.menu.hidden;
  }

  // ---- keys ----

  private buildKeys(): void {
    const keys = this.ctx.els.keys;
    keys.append(el('div', 'panel-section', 'Keys and mouse'));
    const table = el('table');
    for (const [key, what] of KEYS) {
      const tr = el('tr');
      const k = el('td');
      k.append(el('kbd', undefined, key));
      tr.append(k, el('td', undefined, what));
      table.append(tr);
    }
    keys.append(table);
    const close = el('button', undefined, 'Close');
    close.type = 'button';
    close.addEventListener('click', () => this.toggleKeys(false));
    keys.append(close);
  }

  toggleKeys(show = this.ctx.els.keys.hidden): void {
    this.ctx.els.keys.hidden = !show;
    if (show) this.ctx.els.keys.querySelector('button')?.focus();
    else this.ctx.els.stage.focus();
  }

  get keysOpen(): boolean {
    return !this.ctx.els.keys.hidden;
  }

  // ---- picture ----

  /** The view as the user sees it (points, overlay, names) as a PNG, saved by the host where the user picks. */
  savePng(): void {
    const { els, state: s, drawing, host } = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    const out = document.createElement('canvas');
    out.width = els.canvas.width;
    out.height = els.canvas.height;
    const g = out.getContext('2d');
    if (!g) return;
    g.fillStyle = s.theme.background;
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(els.canvas, 0, 0);
    g.drawImage(byOverlay(els.stage), 0, 0);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.textBaseline = 'middle';
    for (const label of drawing.placed) {
      g.font = `${label.style === 'name' ? 400 : 600} ${label.fontSize}px ${s.theme.fontFamily}`;
      g.fillStyle = s.theme.background;
      g.globalAlpha = 0.7;
      g.fillRect(label.left, label.top, label.width, label.height);
      g.globalAlpha = 1;
      g.fillStyle = s.theme.foreground;
      g.fillText(label.text, label.left + 4, label.top + label.height / 2);
    }
    host.post({ type: 'savePng', dataUrl: out.toDataURL('image/png') });
  }
}

function byOverlay(stage: HTMLElement): HTMLCanvasElement {
  return stage.querySelector<HTMLCanvasElement>('#overlay')!;
}
