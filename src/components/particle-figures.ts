// A region's particles as the heterogeneity page shows them (lib/run/heterogeneity.ts): a heading, the paragraph
// that sums them up, the map of their reaction extent and every particle's trend, each figure with its downloads.
import {html} from "npm:htl";
import type {RegionHeterogeneity} from "@operando/lib/run/heterogeneity";
import type {TruthParticle} from "@operando/lib/run/particle-truth";
import {withFigureDownloads} from "./downloads.js";
import {fileText} from "./notice.js";
import {particleMap} from "./particle-map.js";
import {particleSummaryParagraph} from "./particle-summary-text.js";
import {particleTrend} from "./particle-trend.js";

export function particleRegionFigures(r: RegionHeterogeneity, truth: {particles: TruthParticle[]} | null, {width, run}: {width: number; run: string}): DocumentFragment {
  const {region, material, trendIon} = r.plan;
  const figures = document.createDocumentFragment();
  figures.append(
    html`<h2>${fileText(material)}: particles in ${trendIon}</h2>`,
    particleSummaryParagraph(r, truth),
    withFigureDownloads(particleMap(r, {width, quantity: `${trendIon} change on charge (% of pristine)`}), {name: `${run}-${region}-particle-map`}),
    html`<p style="max-width:none">Each particle's ${trendIon} per µm² relative to its pristine value at every observation point, with 95% intervals (irreversible particles in red, thicker):</p>`,
    withFigureDownloads(particleTrend(r.trend, {width, quantity: `${trendIon} counts/µm², × pristine`}), {name: `${run}-${region}-particle-trends`})
  );
  return figures;
}
