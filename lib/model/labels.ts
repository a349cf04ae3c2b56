/** Phase and particle label maps at the pixel centres of the reference frame (frame 0, no drift). */
import type {Grid} from "./render.js";
import type {RegionLayout} from "./microstructure.js";

export const PHASES = ["electrolyte", "LiOH", "NCA", "LTO", "LLTO"] as const;
export type Phase = (typeof PHASES)[number];

export interface LabelMaps {
  /** Index into PHASES. */
  phase: Uint8Array;
  /** Particle id, 0 = none. */
  particle: Uint16Array;
}

export function labelMaps(layout: RegionLayout, grid: Grid): LabelMaps {
  const {width, height} = grid;
  const pixelWidthUm = grid.fieldOfViewUm[0] / width;
  const pixelHeightUm = grid.fieldOfViewUm[1] / height;
  const phase = new Uint8Array(width * height);
  const particle = new Uint16Array(width * height);
  const inside = (c: [number, number], r: number, x: number, y: number) => (x - c[0]) ** 2 + (y - c[1]) ** 2 < r * r;
  for (let py = 0; py < height; py++) {
    const y = (py + 0.5) * pixelHeightUm;
    for (let px = 0; px < width; px++) {
      const x = (px + 0.5) * pixelWidthUm;
      const index = py * width + px;
      if (layout.lithiumHydroxide.some((p) => inside(p.centreUm, p.radiusUm, x, y))) phase[index] = PHASES.indexOf("LiOH");
      const hit = layout.particles.find((p) => inside(p.centreUm, p.radiusUm, x, y));
      if (!hit) continue;
      particle[index] = hit.id;
      // A porous LTO particle is mostly LTO (render.ts: LTO_FRACTION_IN_PARTICLE), so it is labelled LTO.
      if (hit.kind === "lto") phase[index] = PHASES.indexOf("LTO");
      else if (hit.kind === "llto") phase[index] = PHASES.indexOf("LLTO");
      else {
        const crack = hit.cracks.some((c) => Math.abs(c.normal[0] * (x - hit.centreUm[0]) + c.normal[1] * (y - hit.centreUm[1]) - c.offsetUm) < c.widthUm / 2);
        phase[index] = crack ? PHASES.indexOf("electrolyte") : PHASES.indexOf("NCA");
      }
    }
  }
  return {phase, particle};
}
