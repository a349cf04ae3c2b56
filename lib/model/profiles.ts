/**
 * State of charge inside each NCA particle. Fractured particles (electrolyte in their cracks, short
 * diffusion paths) are uniform and follow the cell; isolated ones follow it on the first charge, then lose
 * contact and stay charged; intact ones lag the cell (first-order lag of time constant `lagS` towards
 * `depth` x cell SoC) and charge from the surface: a delithiated shell at the cell's level around an
 * unreacted core, the front moving inward; on discharge a relithiated shell grows inward over the charged ring.
 */
import type {ProtocolStep} from "./cycling.js";
import type {Particle} from "./microstructure.js";
import {valueAt, type Timeline} from "./timeline.js";

/** Local SoC as a function of rho2 = (distance / radius)^2: 0 below `core`, `ring` up to `shell`, `outer` above. */
export interface SocProfile {
  core: number;
  shell: number;
  ring: number;
  outer: number;
}

export function profileMean(profile: SocProfile): number {
  return profile.ring * (profile.shell - profile.core) + profile.outer * (1 - profile.shell);
}

export function localSoc(profile: SocProfile, rho2: number): number {
  return rho2 < profile.core ? 0 : rho2 < profile.shell ? profile.ring : profile.outer;
}

const uniform = (soc: number): SocProfile => ({core: 0, shell: 0, ring: 0, outer: soc});
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

export interface ParticleHistory {
  particle: Particle;
  /** Mean SoC on the timeline (intact: the lagged value; others: their rule). */
  soc: Float64Array;
}

export function particleHistory(particle: Particle, timeline: Timeline, lagS: number): ParticleHistory {
  const n = timeline.timeS.length;
  const soc = new Float64Array(n);
  let runningMax = 0;
  for (let i = 0; i < n; i++) {
    const cell = timeline.cellSoc[i];
    if (particle.kind === "fractured") soc[i] = particle.depth * cell;
    else if (particle.kind === "isolated") soc[i] = runningMax = Math.max(runningMax, particle.depth * cell);
    else if (i > 0) {
      const target = particle.depth * timeline.cellSoc[i - 1];
      soc[i] = target + (soc[i - 1] - target) * Math.exp(-(timeline.timeS[i] - timeline.timeS[i - 1]) / lagS);
    }
  }
  return {particle, soc};
}

function chargeProfile(mean: number, shellSoc: number): SocProfile {
  if (shellSoc <= 1e-9) return uniform(0);
  const front = clamp01(1 - mean / shellSoc);
  return {core: front, shell: front, ring: 0, outer: shellSoc};
}

/** The particle's SoC profile at `timeS`, inside protocol step `step` (found by the caller). */
export function profileAt(history: ParticleHistory, timeline: Timeline, steps: ProtocolStep[], timeS: number): SocProfile {
  const mean = valueAt(timeline, history.soc, timeS);
  if (history.particle.kind !== "intact") return uniform(mean);
  const step = steps.find((s) => timeS >= s.startS && timeS < s.endS) ?? steps[steps.length - 1];
  const cell = valueAt(timeline, timeline.cellSoc, timeS);
  if (step.sequence !== 2) return chargeProfile(mean, cell);
  // Discharge: the ring charged up to the end of this cycle's charge keeps its level until the shell reaches it.
  const chargeEnd = steps.filter((s) => s.cycle === step.cycle && s.sequence === 1).reduce((t, s) => Math.max(t, s.endS), 0);
  const charged = chargeProfile(valueAt(timeline, history.soc, chargeEnd), valueAt(timeline, timeline.cellSoc, chargeEnd));
  const ringSoc = charged.outer;
  if (ringSoc - cell < 1e-6) return charged;
  const shell = Math.min(1, Math.max(charged.core, (mean - cell + ringSoc * charged.core) / (ringSoc - cell)));
  return {core: charged.core, shell, ring: ringSoc, outer: cell};
}
