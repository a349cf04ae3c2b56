// Which region, ions and ROIs play each role of each figure of a run: declared in the manifest's `figures`
// section (docs/data-model.md), or chosen from what the run has. Every page of any run reads its roles here,
// so that no page assumes the reference study's ions, regions or ROI names.
import {TOTAL_ION} from "../imaging/raster.js";

/** The manifest's `figures` section, as written. Every key is optional. */
export interface DeclaredFigureRoles {
  /** The run reproduces the reference study: only then do pages compare it with the published numbers. */
  reproducesReferenceStudy?: boolean;
  figure2?: {rows: {region: string; ion: string}[]};
  figure3?: DeclaredRegionFigure;
  figure4?: DeclaredRegionFigure;
  /** Per region: the ion that outlines its particles and how it moves on charge (heterogeneity, Figure 2). */
  particles?: {region: string; markerIon: string; onCharge?: "rises" | "falls"}[];
}

export interface DeclaredRegionFigure {
  region: string;
  ions?: string[];
  rois?: string[];
  /** ROIs drawn as a dotted electrolyte outline rather than a solid ROI line (Figure 4's LLTO). */
  electrolyteRois?: string[];
}

/** What a role needs of a run: its regions and ions in manifest order, its ROI names, its count totals. */
export interface RunContents {
  regions: {id: string; label?: string}[];
  ions: {id: string; regions?: string[]}[];
  rois: {name: string; region: string}[];
  /** Total counts of an ion over all frames of a region; the default marker is the brightest ion. */
  totalCounts: (region: string, ion: string) => number;
}

export interface RegionFigure {
  region: string;
  ions: string[];
  rois: string[];
  electrolyteRois: string[];
}

export interface ParticleRole {
  region: string;
  markerIon: string;
  /** +1: the marker rises on charge, -1: it falls; null: not declared (pages take the region's own direction). */
  onCharge: 1 | -1 | null;
}

export interface FigureRoles {
  reproducesReferenceStudy: boolean;
  figure2: {rows: {region: string; ion: string}[]};
  /** null: the run cannot fill the figure; `unfilled` says why in a sentence. */
  figure3: RegionFigure | null;
  figure4: RegionFigure | null;
  particles: ParticleRole[];
  unfilled: {figure2?: string; figure3?: string; figure4?: string; particles?: string};
  /** Declared roles that name what the run does not have (reported at build time, with their JSON path). */
  problems: {jsonPath: string; message: string}[];
}

const MAX_IONS_PER_ROW = 3;

/** The ions imaged in a region, the total-ion image left out, in manifest order. */
export function regionIons(run: RunContents, region: string): string[] {
  return run.ions.filter((ion) => ion.id !== TOTAL_ION && (ion.regions ?? []).includes(region)).map((ion) => ion.id);
}

function brightestIon(run: RunContents, region: string): string | undefined {
  const ions = regionIons(run, region);
  return ions.reduce<string | undefined>((best, ion) => (best === undefined || run.totalCounts(region, ion) > run.totalCounts(region, best) ? ion : best), undefined);
}

export function figureRoles(declared: DeclaredFigureRoles | undefined, run: RunContents): FigureRoles {
  const problems: FigureRoles["problems"] = [];
  const regionIds = run.regions.map((r) => r.id);
  const hasRegion = (region: string, path: string) => {
    if (regionIds.includes(region)) return true;
    problems.push({jsonPath: path, message: `no region "${region}" in this run (regions: ${regionIds.join(", ")})`});
    return false;
  };
  const hasIon = (region: string, ion: string, path: string) => {
    if (regionIons(run, region).includes(ion)) return true;
    problems.push({jsonPath: path, message: `no ${ion} images of region "${region}" (its ions: ${regionIons(run, region).join(", ") || "none"})`});
    return false;
  };
  const hasRoi = (region: string, roi: string, path: string) => {
    if (run.rois.some((r) => r.region === region && r.name === roi)) return true;
    const names = run.rois.filter((r) => r.region === region).map((r) => r.name);
    problems.push({jsonPath: path, message: `no ROI "${roi}" in region "${region}" (its ROIs: ${names.join(", ") || "none"})`});
    return false;
  };

  const particles: ParticleRole[] = [];
  (declared?.particles ?? []).forEach((p, i) => {
    const path = `/figures/particles/${i}`;
    if (hasRegion(p.region, `${path}/region`) && hasIon(p.region, p.markerIon, `${path}/markerIon`)) {
      particles.push({region: p.region, markerIon: p.markerIon, onCharge: p.onCharge === undefined ? null : p.onCharge === "rises" ? 1 : -1});
    }
  });
  for (const region of regionIds) {
    const markerIon = particles.some((p) => p.region === region) ? undefined : brightestIon(run, region);
    if (markerIon) particles.push({region, markerIon, onCharge: null});
  }
  particles.sort((a, b) => regionIds.indexOf(a.region) - regionIds.indexOf(b.region));

  const figure2Rows = declared?.figure2
    ? declared.figure2.rows.filter((row, i) => hasRegion(row.region, `/figures/figure2/rows/${i}/region`) && hasIon(row.region, row.ion, `/figures/figure2/rows/${i}/ion`))
    : regionIds.slice(0, 2).flatMap((region) => regionIons(run, region).slice(0, MAX_IONS_PER_ROW).map((ion) => ({region, ion})));

  const regionFigure = (key: "figure3" | "figure4", defaultRegion: string | undefined): RegionFigure | null => {
    const given = declared?.[key];
    const path = `/figures/${key}`;
    if (given && !hasRegion(given.region, `${path}/region`)) return null;
    const region = given?.region ?? defaultRegion;
    if (region === undefined) return null;
    const ions = given?.ions
      ? given.ions.filter((ion, i) => hasIon(region, ion, `${path}/ions/${i}`))
      : regionIons(run, region).slice(0, MAX_IONS_PER_ROW);
    const pick = (names: string[] | undefined, field: string) => (names ?? []).filter((roi, i) => hasRoi(region, roi, `${path}/${field}/${i}`));
    const electrolyteRois = pick(given?.electrolyteRois, "electrolyteRois");
    const rois = given?.rois ? pick(given.rois, "rois") : run.rois.filter((r) => r.region === region && !electrolyteRois.includes(r.name)).map((r) => r.name);
    return ions.length > 0 ? {region, ions, rois, electrolyteRois} : null;
  };
  const figure3 = regionFigure("figure3", regionIds[0]);
  const figure4 = regionFigure("figure4", regionIds.find((id) => id !== figure3?.region));

  const unfilled: FigureRoles["unfilled"] = {};
  if (figure2Rows.length === 0) unfilled.figure2 = "This run has no ion images other than the total-ion image, so there is no image series to show.";
  if (!figure3) unfilled.figure3 = `This run has no ion images of region "${declared?.figure3?.region ?? regionIds[0]}" to show here.`;
  if (!figure4) {
    unfilled.figure4 = regionIds.length < 2 && !declared?.figure4
      ? "This run images one region only; this page shows a run's second region."
      : `This run has no ion images of region "${declared?.figure4?.region ?? ""}" to show here.`;
  }
  if (particles.length === 0) unfilled.particles = "This run has no ion images in which to find particles.";
  return {
    reproducesReferenceStudy: declared?.reproducesReferenceStudy === true,
    figure2: {rows: figure2Rows},
    figure3,
    figure4,
    particles,
    unfilled,
    problems
  };
}

/** A region's ROIs of a figure that the run's ROI file does not fill, as a sentence for the page (or null). */
export function missingRoisSentence(figure: RegionFigure, hasRoiFile: boolean): string | null {
  if (figure.rois.length + figure.electrolyteRois.length > 0) return null;
  return hasRoiFile
    ? `The run's ROI file has no ROI in region "${figure.region}", so there are no regional trends to show; draw some in the Explorer.`
    : `This run has no ROI file, so there are no regional trends to show; draw ROIs in the Explorer, or name a GeoJSON file as "rois" in the manifest.`;
}
