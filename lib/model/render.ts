/**
 * Renders the basis fields of one region at one frame: phase fractions (and NCA fraction x local SoC) on
 * the pixel grid, with the sample displaced by the frame's drift, supersampled so edges are area-weighted,
 * then blurred by the beam. The ion images are linear combinations of these fields (see chemistry.ts).
 */
import {blurCropped, gaussianKernel, kernelRadius} from "./blur.js";
import {NEGATIVE_FIELDS, POSITIVE_FIELDS} from "./chemistry.js";
import type {Particle, RegionLayout} from "./microstructure.js";
import {localSoc, type SocProfile} from "./profiles.js";

export interface Grid {
  width: number;
  height: number;
  fieldOfViewUm: [number, number];
}

export interface RenderOptions {
  /** Frame drift in px: the sample appears shifted by +dx, +dy. */
  driftPx: [number, number];
  beamFwhmUm: number;
  /** SoC profile of every NCA particle, by id. */
  profiles: Map<number, SocProfile>;
  /** Largest sub-sample spacing (um) used to area-weight edges. */
  subsampleUm?: number;
}

/** Porous LTO particles hold electrolyte below the beam's resolution: LTO volume fraction inside them. */
export const LTO_FRACTION_IN_PARTICLE = 0.75;

export function fieldNames(region: "positive" | "negative"): readonly string[] {
  return region === "positive" ? POSITIVE_FIELDS : NEGATIVE_FIELDS;
}

/** Blurred basis fields, each width x height, in the order of `fieldNames(layout.id)`. */
export function renderFields(layout: RegionLayout, grid: Grid, options: RenderOptions): Float64Array[] {
  const pixelWidthUm = grid.fieldOfViewUm[0] / grid.width;
  const pixelHeightUm = grid.fieldOfViewUm[1] / grid.height;
  const sigmaUm = options.beamFwhmUm / (2 * Math.sqrt(2 * Math.LN2));
  const kernelX = gaussianKernel(sigmaUm / pixelWidthUm);
  const kernelY = gaussianKernel(sigmaUm / pixelHeightUm);
  const padX = kernelRadius(kernelX);
  const padY = kernelRadius(kernelY);
  const paddedWidth = grid.width + 2 * padX;
  const paddedHeight = grid.height + 2 * padY;
  const spacingUm = options.subsampleUm ?? 0.2;
  const subX = Math.max(1, Math.ceil(pixelWidthUm / spacingUm));
  const subY = Math.max(1, Math.ceil(pixelHeightUm / spacingUm));
  const weight = 1 / (subX * subY);
  const [driftX, driftY] = options.driftPx;

  const names = fieldNames(layout.id);
  const fields = names.map(() => new Float64Array(paddedWidth * paddedHeight));
  fields[0].fill(1); // electrolyte wherever nothing else is
  const electrolyte = fields[0];

  // Reference-frame position (um) of sub-sample (i, j) of padded pixel (px, py).
  const sampleX = (px: number, i: number) => (px - padX + (i + 0.5) / subX - driftX) * pixelWidthUm;
  const sampleY = (py: number, j: number) => (py - padY + (j + 0.5) / subY - driftY) * pixelHeightUm;

  function visitDisc(centreUm: [number, number], radiusUm: number, visit: (index: number, xUm: number, yUm: number, rho2: number) => void): void {
    const x0 = Math.max(0, Math.floor((centreUm[0] - radiusUm) / pixelWidthUm + driftX) + padX - 1);
    const x1 = Math.min(paddedWidth - 1, Math.ceil((centreUm[0] + radiusUm) / pixelWidthUm + driftX) + padX + 1);
    const y0 = Math.max(0, Math.floor((centreUm[1] - radiusUm) / pixelHeightUm + driftY) + padY - 1);
    const y1 = Math.min(paddedHeight - 1, Math.ceil((centreUm[1] + radiusUm) / pixelHeightUm + driftY) + padY + 1);
    const r2 = radiusUm * radiusUm;
    for (let py = y0; py <= y1; py++) {
      for (let j = 0; j < subY; j++) {
        const yUm = sampleY(py, j);
        const dy = yUm - centreUm[1];
        for (let px = x0; px <= x1; px++) {
          for (let i = 0; i < subX; i++) {
            const xUm = sampleX(px, i);
            const dx = xUm - centreUm[0];
            const d2 = dx * dx + dy * dy;
            if (d2 < r2) visit(py * paddedWidth + px, xUm, yUm, d2 / r2);
          }
        }
      }
    }
  }

  const inCrack = (particle: Particle, xUm: number, yUm: number) =>
    particle.cracks.some((c) => Math.abs(c.normal[0] * (xUm - particle.centreUm[0]) + c.normal[1] * (yUm - particle.centreUm[1]) - c.offsetUm) < c.widthUm / 2);

  const lithiumHydroxide = fields[1];
  for (const patch of layout.lithiumHydroxide) {
    visitDisc(patch.centreUm, patch.radiusUm, (index) => {
      lithiumHydroxide[index] += weight;
      electrolyte[index] -= weight;
    });
  }

  for (const particle of layout.particles) {
    if (layout.id === "positive") {
      const nca = fields[2];
      const ncaSoc = fields[3];
      const profile = options.profiles.get(particle.id);
      if (!profile) throw new Error(`renderFields: no SoC profile for particle ${particle.id}`);
      visitDisc(particle.centreUm, particle.radiusUm, (index, xUm, yUm, rho2) => {
        if (particle.cracks.length > 0 && inCrack(particle, xUm, yUm)) return;
        nca[index] += weight;
        ncaSoc[index] += weight * localSoc(profile, rho2);
        electrolyte[index] -= weight;
      });
    } else if (particle.kind === "lto") {
      const lto = fields[2];
      const share = weight * LTO_FRACTION_IN_PARTICLE;
      visitDisc(particle.centreUm, particle.radiusUm, (index) => {
        lto[index] += share;
        electrolyte[index] -= share;
      });
    } else {
      const llto = particle.reduced ? fields[4] : fields[3];
      visitDisc(particle.centreUm, particle.radiusUm, (index) => {
        llto[index] += weight;
        electrolyte[index] -= weight;
      });
    }
  }
  return fields.map((field) => blurCropped(field, grid.width, grid.height, kernelX, kernelY));
}
