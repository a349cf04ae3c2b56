// A region's particles in a paragraph (lib/run/heterogeneity.ts): how many, how much they react on charge and how
// widely, which stay charged, and, for a synthetic run, how the segmentation compares with the model's particles.
import {html} from "npm:htl";
import {listText} from "@operando/lib/run/particle-summary";
import type {RegionHeterogeneity} from "@operando/lib/run/heterogeneity";
import type {TruthParticle} from "@operando/lib/run/particle-truth";

// Percentages to one decimal, as in the particle table.
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function particleSummaryParagraph(r: RegionHeterogeneity, truth: {particles: TruthParticle[]} | null): HTMLParagraphElement {
  const s = r.summary;
  const c = r.comparison;
  const rises = r.plan.direction > 0 ? "rises" : "falls";
  const kindOf = (id: number) => truth?.particles.find((t) => t.id === id)?.kind;
  return html`<p>Segmentation of ${r.plan.segmentIon} finds <b>${s.count}</b> particles of ${s.areaRangeUm2[0].toFixed(1)} to ${s.areaRangeUm2[1].toFixed(1)} µm².
    On the first charge ${r.plan.trendIon} per µm² ${rises} measurably in <b>${s.reacting}</b> of them, by ${pct(s.changeMedian)} of the pristine value
    in the median particle (from ${pct(s.changeRange[0])} to ${pct(s.changeRange[1])}): that spread is the heterogeneity.
    ${s.inactive.length ? `${s.inactive.length} show no significant change (${listText(s.inactive)}).` : "Every particle responds."}
    After the first discharge the reversible particles keep a median ${pct(s.reversibleRetainedMedian)} of their charge change;
    ${s.irreversible.length ? html`<b>${s.irreversible.length}</b> ${s.irreversible.length === 1 ? "stays" : "stay"} charged: ${listText(s.irreversible.map((p) => `${p.id} (keeps ${pct(p.retainedFraction)} of a ${pct(p.chargeChangeRelative)} change)`))}.` : "none stays charged."}
    ${c ? html`The model that made this synthetic run has ${c.total} particles in this region (segmentation covers ${c.detected} of them; the others are small or cut by the edge of the field) and made <b>${c.irreversible.length}</b> of them irreversible (${listText(c.irreversible.map((id) => `#${id}, ${kindOf(id)}`))}): the segmentation finds <b>${c.found.length}</b> of ${c.irreversible.length}${c.missed.length ? `, misses ${listText(c.missed.map((id) => `#${id}`))}` : ""}, and ${c.falseIrreversible.length ? `wrongly calls ${c.falseIrreversible.length} other particle${c.falseIrreversible.length > 1 ? "s" : ""} irreversible` : "calls no other particle irreversible"}.` : ""}</p>` as HTMLParagraphElement;
}
