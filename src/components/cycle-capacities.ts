// Figure 1(d)'s capacities in words (lib/run/charge-discharge.ts): what the first cycle took up and gave back, its
// irreversible capacity and Coulombic efficiency, and the second cycle's charge and discharge.
import {html} from "npm:htl";
import type {ChargeUnit} from "@operando/lib/echem/charge-unit";
import type {CycleSummary} from "@operando/lib/echem/cycles";

export function cycleCapacityParagraph([first, second]: CycleSummary[], unit: ChargeUnit): HTMLParagraphElement {
  if (!first) return html`<p>The record holds no charge, so there are no cycle capacities to give.</p>` as HTMLParagraphElement;
  const charge = (ah: number) => `${unit.of(ah).toFixed(1)} ${unit.symbol}`;
  return html`<p>In cycle ${first.cycle} the cell took up ${charge(first.chargeCapacityAh)} and gave back ${charge(first.dischargeCapacityAh)}: an
irreversible capacity of ${charge(first.irreversibleCapacityAh)}, ${first.irreversibleCapacityPercent.toFixed(1)}% of the charge
(Coulombic efficiency ${(first.coulombicEfficiency * 100).toFixed(1)}%).
${second ? `Cycle ${second.cycle} charged ${charge(second.chargeCapacityAh)} and discharged ${charge(second.dischargeCapacityAh)}.` : ""}</p>` as HTMLParagraphElement;
}
