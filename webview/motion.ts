// Users who ask the system for less motion get jumps instead of animations.
import type { Context } from './context';

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/** `ms`, or 0 when the user asked for less motion. */
export const motion = (ms: number): number => (reducedMotion.matches ? 0 : ms);
export const prefersReducedMotion = (): boolean => reducedMotion.matches;

/**
 * Moves the drawn points from where they are to (`toX`, `toY`) over `ms`
 * (eased in and out), then draws them there and rebuilds hit-testing for
 * those positions, and calls `done`. A glide started while another runs
 * takes over from where the points are (the other's `done` is not called).
 */
export function glide(ctx: Context, toX: Float64Array, toY: Float64Array, ms: number, done?: () => void): void {
  const { state: s, pointer, drawing, els } = ctx;
  const n = toX.length;
  if (s.drawX.length !== n) {
    s.drawX = toX;
    s.drawY = toY;
    pointer.rebuildIndex();
    drawing.requestRender();
    done?.();
    return;
  }
  const fromX = Float64Array.from(s.drawX);
  const fromY = Float64Array.from(s.drawY);
  const curX = new Float64Array(n);
  const curY = new Float64Array(n);
  s.drawX = curX;
  s.drawY = curY;
  const start = performance.now();
  cancelAnimationFrame(s.layoutAnimation);
  els.tooltip.hide();
  const step = (now: number): void => {
    const t = Math.min(1, (now - start) / Math.max(1, motion(ms)));
    const e = t * t * (3 - 2 * t); // smoothstep: eases in and out
    for (let i = 0; i < n; i++) {
      curX[i] = fromX[i]! + (toX[i]! - fromX[i]!) * e;
      curY[i] = fromY[i]! + (toY[i]! - fromY[i]!) * e;
    }
    s.positionsVersion++;
    drawing.requestRender();
    if (t < 1) {
      s.layoutAnimation = requestAnimationFrame(step);
    } else {
      s.layoutAnimation = 0;
      s.drawX = toX;
      s.drawY = toY;
      pointer.rebuildIndex();
      drawing.requestRender();
      done?.();
    }
  };
  s.layoutAnimation = requestAnimationFrame(step);
}
