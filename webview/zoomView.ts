// Zoom and pan: d3-zoom on the stage, framing (Fit, search results) and
// centring on a symbol.
import { select, zoom, zoomIdentity, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Context } from './context';
import { motion, prefersReducedMotion } from './motion';
import { boundsOf, centreOn, fitTransform, WORLD, type Bounds, type Transform } from './geometry';

const FIT_PADDING_PX = 36;

export class ZoomView {
  readonly behaviour: ZoomBehavior<HTMLDivElement, unknown>;
  readonly selection: Selection<HTMLDivElement, unknown, null, undefined>;

  constructor(private readonly ctx: Context) {
    const { renderer } = ctx.els;
    this.behaviour = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.05, 2000])
      // The view's size as last measured: d3's default reads clientWidth on every
      // event, which forced a layout per frame (seen in a CPU profile).
      .extent(() => [
        [0, 0],
        [renderer.width, renderer.height],
      ])
      .on('zoom', (e: { transform: ZoomTransform }) => {
        ctx.state.transform = e.transform;
        if (!ctx.pointer.pinned()) ctx.els.tooltip.hide();
        ctx.drawing.requestRender();
        ctx.saveStateSoon();
      });
    this.selection = select(ctx.els.stage);
    this.selection.call(this.behaviour);
  }

  /** Zoom at which the world square fits the smaller side of the view. */
  baseK(): number {
    const { renderer } = this.ctx.els;
    return Math.max(1e-6, Math.min(renderer.width, renderer.height) / WORLD);
  }

  updateScaleExtent(): void {
    const b = this.baseK();
    // From a quarter of the whole map to single points well apart at 100k symbols.
    this.behaviour.scaleExtent([b * 0.25, b * 1500]);
  }

  setTransform(t: Transform, animate: boolean): void {
    const zt = zoomIdentity.translate(t.x, t.y).scale(t.k);
    if (animate && !prefersReducedMotion()) this.selection.transition().duration(350).call(this.behaviour.transform, zt);
    else this.selection.call(this.behaviour.transform, zt);
  }

  /** Frames bounds `b` grown by `context` of its size on each side, zooming in no further than `maxZoom` times the whole-map zoom. */
  frame(b: Bounds | null, animate: boolean, maxZoom: number, context = 0): void {
    if (!b) return;
    if (context > 0) {
      const dx = (b.x1 - b.x0) * context;
      const dy = (b.y1 - b.y0) * context;
      b = { x0: b.x0 - dx, y0: b.y0 - dy, x1: b.x1 + dx, y1: b.y1 + dy };
    }
    const { renderer, legendEl } = this.ctx.els;
    const legendWidth = legendEl.childElementCount > 0 ? legendEl.offsetWidth + 8 : 0;
    this.setTransform(fitTransform(b, renderer.width, renderer.height, FIT_PADDING_PX, this.baseK() * maxZoom, legendWidth), animate);
  }

  fitAll(animate: boolean): void {
    const { model } = this.ctx;
    this.frame(boundsOf(model.wx, model.wy), animate, 1.2);
  }

  /**
   * Centres symbol i close enough to tell it from its neighbours: deeper on
   * crowded maps (about √n / 10 times the whole-map zoom, between 1.5× and
   * 12×), and never zooming out if the user is already closer.
   */
  centreOn(i: number): void {
    const { model, state, els } = this.ctx;
    const k = Math.max(state.transform.k, this.baseK() * Math.min(12, Math.max(1.5, Math.sqrt(model.size) / 10)));
    this.setTransform(centreOn(model.wx[i], model.wy[i], k, els.renderer.width, els.renderer.height), true);
  }

  zoomBy(factor: number): void {
    this.selection.transition().duration(motion(150)).call(this.behaviour.scaleBy, factor);
  }

  panBy(dx: number, dy: number): void {
    this.selection.call(this.behaviour.translateBy, dx / this.ctx.state.transform.k, dy / this.ctx.state.transform.k);
  }
}
