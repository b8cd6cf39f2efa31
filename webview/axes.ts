// The Axes view: points laid out along directions of meaning instead of the
// map's layout. The user names an x axis by its two poles (and optionally a y
// axis; otherwise the map's y stays), each a word or a symbol name; the host
// projects every symbol on the direction between them (LatentIndex.axisOf)
// and the points glide there, colours kept, both ends labelled. Directions
// found in the workspace (its strongest principal directions, named by the
// words at their ends) are offered to pick from. Back to Map glides them home.
import type { AxisPoles } from '../src/shared/protocol';
import { RequestCancelled } from '../src/shared/requests';
import type { Context } from './context';
import { byId, el } from './dom';
import { boundsOf, spread } from './geometry';
import { glide } from './motion';

/** Length of the glide between the map and an Axes view. */
const AXES_GLIDE_MS = 700;

export class AxesView {
  private readonly bar = byId<HTMLFormElement>('axes-bar');
  private readonly toggle = byId<HTMLButtonElement>('axes');
  private readonly xFrom = byId<HTMLInputElement>('axis-x-from');
  private readonly xTo = byId<HTMLInputElement>('axis-x-to');
  private readonly yFrom = byId<HTMLInputElement>('axis-y-from');
  private readonly yTo = byId<HTMLInputElement>('axis-y-to');
  private readonly directions = byId<HTMLSelectElement>('axis-directions');
  private readonly back = byId<HTMLButtonElement>('axes-back');
  private readonly message = byId<HTMLSpanElement>('axes-message');
  private readonly labels = byId<HTMLDivElement>('axis-labels');
  private offered: AxisPoles[] = [];
  private asked = false;
  private pending: AbortController | undefined;
  /** The axes shown, or null while the map's own layout is. */
  private shown: { x: AxisPoles; y: AxisPoles | null } | null = null;

  constructor(private readonly ctx: Context) {
    this.toggle.addEventListener('click', () => this.setOpen(this.bar.hidden));
    this.bar.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.apply();
    });
    this.back.addEventListener('click', () => this.backToMap());
    this.directions.addEventListener('change', () => {
      const picked = this.offered[Number(this.directions.value)];
      this.directions.value = '';
      if (!picked) return;
      this.xFrom.value = picked.from;
      this.xTo.value = picked.to;
      void this.apply();
    });
    this.setView();
  }

  get active(): boolean {
    return this.shown !== null;
  }

  /** Shows or hides the bar; the first time it opens, asks the host for directions to offer. */
  setOpen(open: boolean): void {
    this.bar.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      this.xFrom.focus();
      if (!this.asked && this.ctx.model.size > 0) void this.askDirections();
    }
  }

  private async askDirections(): Promise<void> {
    this.asked = true;
    try {
      const reply = await this.ctx.requests.request({ type: 'directions' });
      this.offered = [...reply.directions];
      this.directions.replaceChildren(el('option', undefined, this.offered.length ? 'Directions in this code…' : 'No directions found'));
      (this.directions.firstChild as HTMLOptionElement).value = '';
      this.offered.forEach((d, i) => {
        const option = el('option', undefined, `${d.from} → ${d.to}`);
        option.value = String(i);
        this.directions.append(option);
      });
    } catch (error) {
      this.asked = false;
      if (!(error instanceof RequestCancelled)) throw error;
    }
  }

  /** Asks for the axes typed and glides the points there. */
  async apply(): Promise<void> {
    const x = poles(this.xFrom.value, this.xTo.value);
    const y = poles(this.yFrom.value, this.yTo.value);
    if (x === 'half' || x === null) return this.say('Type both ends of the x axis: a word or a symbol name each.');
    if (y === 'half') return this.say('Type both ends of the y axis, or neither to keep the map’s y.');
    this.pending?.abort();
    const pending = (this.pending = new AbortController());
    this.say('Placing…');
    let reply;
    try {
      reply = await this.ctx.requests.request({ type: 'axes', x, y }, pending.signal);
    } catch (error) {
      if (error instanceof RequestCancelled) return;
      throw error;
    }
    if (reply.error) return this.say(reply.error);
    const { model } = this.ctx;
    const b = boundsOf(model.wx, model.wy);
    if (!b) return this.say('');
    // The map's extent, so that the view stays framed; `to` to the right and up.
    const ax = spread(reply.x, b.x0, b.x1);
    const ay = reply.y.length ? spread(reply.y, b.y1, b.y0) : undefined;
    const toX = Float64Array.from(model.wx);
    const toY = Float64Array.from(model.wy);
    reply.ids.forEach((id, j) => {
      const i = model.indexOf(id);
      if (i === undefined) return;
      toX[i] = ax[j]!;
      if (ay) toY[i] = ay[j]!;
    });
    this.shown = { x, y: ay ? y : null };
    this.say('');
    this.setView();
    // Framed once there: the axes may spread wider than the map did.
    glide(this.ctx, toX, toY, AXES_GLIDE_MS, () => this.ctx.view.fitAll(true));
  }

  /** Back to the map's own layout, gliding. */
  backToMap(): void {
    if (!this.shown) return;
    this.leave();
    const { model } = this.ctx;
    glide(this.ctx, model.wx, model.wy, AXES_GLIDE_MS, () => this.ctx.view.fitAll(true));
  }

  /** Forgets the Axes view without moving the points (a new map or layout arrived and places them). */
  leave(): void {
    this.pending?.abort();
    if (!this.shown) return;
    this.shown = null;
    this.setView();
  }

  private say(text: string): void {
    this.message.textContent = text;
  }

  /** The pole labels, the Back button and the stage's `data-view` (map or axes) follow what is shown. */
  private setView(): void {
    const shown = this.shown;
    this.ctx.state.axesShown = shown !== null;
    this.ctx.els.stage.dataset.view = shown ? 'axes' : 'map';
    this.back.disabled = !shown;
    this.labels.hidden = !shown;
    const label = (id: string, text: string | undefined) => {
      const span = byId<HTMLSpanElement>(id);
      span.hidden = text === undefined;
      span.textContent = text ?? '';
    };
    label('axis-x-from-label', shown ? `← ${shown.x.from}` : undefined);
    label('axis-x-to-label', shown ? `${shown.x.to} →` : undefined);
    label('axis-y-to-label', shown?.y ? `↑ ${shown.y.to}` : undefined);
    label('axis-y-from-label', shown?.y ? `↓ ${shown.y.from}` : undefined);
    this.ctx.drawing.requestRender();
  }
}

/** Two poles typed: both (trimmed), neither (null) or only one ('half'). */
function poles(from: string, to: string): AxisPoles | null | 'half' {
  const f = from.trim();
  const t = to.trim();
  if (!f && !t) return null;
  if (!f || !t) return 'half';
  return { from: f, to: t };
}
