// The pickers of the pages that show one region and ion at a time.
import * as Inputs from "npm:@observablehq/inputs";
import {regionName} from "@operando/lib/run/region-name";
import {ionOrder} from "@operando/lib/run/series-labels";

/** Each region by its name, its id as the value. */
export function regionSelect(manifest: {regions: {id: string; label?: string}[]}): HTMLElement & {value: string} {
  // A Map's keys are shown, its values are the input's value.
  return Inputs.select(new Map(manifest.regions.map((r) => [regionName(manifest, r.id), r.id])), {label: "Region"}) as unknown as HTMLElement & {value: string};
}

/** The ions given, in the manifest's order (`ionOrder`). */
export function ionSelect(ions: string[], manifest: {ions: {id: string}[]}): HTMLElement & {value: string} {
  return Inputs.select(ionOrder(ions, manifest.ions.map((i) => i.id)), {label: "Ion"});
}
