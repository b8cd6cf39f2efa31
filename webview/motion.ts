// Users who ask the system for less motion get jumps instead of animations.
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/** `ms`, or 0 when the user asked for less motion. */
export const motion = (ms: number): number => (reducedMotion.matches ? 0 : ms);
export const prefersReducedMotion = (): boolean => reducedMotion.matches;
