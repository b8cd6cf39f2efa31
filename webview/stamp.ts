// Anti-aliased disc "stamps" for the pixel renderer: which pixels around a
// point's centre a disc of radius R covers, and how much. Pure, so it is
// unit-tested. Coverage is measured by 4×4 supersampling per pixel, enough
// for discs a few pixels wide.

export interface Stamp {
  /** Pixel offsets from the centre pixel, fully covered ones first. */
  readonly dx: Int16Array;
  readonly dy: Int16Array;
  /** Coverage 0..1 per offset. */
  readonly cover: Float32Array;
  /** How many leading entries have coverage 1 (no blending needed). */
  readonly solid: number;
  /** Largest |dx| or |dy|: a point this far inside the buffer needs no bounds checks. */
  readonly reach: number;
}

const SUB = 4;

export function discStamp(radius: number): Stamp {
  // Below half a pixel a disc is a single pixel: still visible, never lost.
  const r = Math.max(radius, 0.5);
  const reach = Math.ceil(r + 0.5);
  const solid: [number, number, number][] = [];
  const edge: [number, number, number][] = [];
  for (let y = -reach; y <= reach; y++) {
    for (let x = -reach; x <= reach; x++) {
      let inside = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          // Sample positions relative to the centre of pixel (0, 0).
          const px = x - 0.5 + (sx + 0.5) / SUB;
          const py = y - 0.5 + (sy + 0.5) / SUB;
          if (px * px + py * py <= r * r) inside++;
        }
      }
      const c = inside / (SUB * SUB);
      if (c >= 1) solid.push([x, y, 1]);
      else if (c > 0.15) edge.push([x, y, c]); // fainter edge pixels cost a blend each and barely show
    }
  }
  if (solid.length === 0 && edge.length > 0) {
    // A tiny disc: make its centre pixel solid so it always shows.
    const centre = edge.findIndex(([x, y]) => x === 0 && y === 0);
    if (centre >= 0) solid.push([0, 0, 1]), edge.splice(centre, 1);
  }
  const all = [...solid, ...edge];
  return {
    dx: Int16Array.from(all.map((e) => e[0])),
    dy: Int16Array.from(all.map((e) => e[1])),
    cover: Float32Array.from(all.map((e) => e[2])),
    solid: solid.length,
    reach,
  };
}

/** A colour as the 32-bit pixel of an ImageData buffer on a little-endian machine (every browser VS Code runs in). */
export function packRgb(r: number, g: number, b: number): number {
  return (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
}
