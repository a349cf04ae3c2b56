// The explorer's inputs: the dataset (another run is another page), how the image is shown, the line profile's
// ends and the RGB overlay's ions. Each is an input of its own, so that a page wraps it in view() and a change
// reruns only what depends on it.
import * as Inputs from "npm:@observablehq/inputs";
import type {Normalisation} from "@operando/lib/imaging/normalise";
import type {ColorScaleType} from "@operando/lib/imaging/color-limits";

type Input<T> = HTMLElement & {value: T};

/** The datasets of the site by title; picking another opens its explorer. */
export function datasetSelect(runs: {run: string; title: string}[], run: string): Input<{run: string; title: string}> {
  const select = Inputs.select(runs, {label: "Dataset", format: (r: {title: string}) => r.title, value: runs.find((r) => r.run === run)}) as Input<{run: string; title: string}>;
  // Each run's pages are built for it: another dataset is another page.
  select.addEventListener("input", () => select.value.run !== run && (location.href = `../${encodeURIComponent(select.value.run)}/explorer`));
  return select;
}

/** How the image (and the trend) is shown; TIC normalisation only when the region has its total-ion image. */
export function imageInputs({hasTotalIon}: {hasTotalIon: boolean}): {
  normalisation: Input<Normalisation>; binFactor: Input<number>; colorType: Input<ColorScaleType>;
  lowPercentile: Input<number>; highPercentile: Input<number>; registered: Input<boolean>; changeFromPristine: Input<boolean>;
} {
  const normalisations: [string, Normalisation][] = [["counts/µm²", "countsPerUm2"], ...(hasTotalIon ? [["TIC-normalised", "totalIonFraction"] as [string, Normalisation]] : []),
    ["relative to pristine", "relativeToPristine"], ["counts per pixel", "counts"]];
  return {
    normalisation: Inputs.radio(new Map(normalisations), {label: "Normalisation", value: "countsPerUm2"}),
    binFactor: Inputs.radio(new Map([["1 × 1", 1], ["2 × 2", 2], ["4 × 4", 4]]), {label: "Binning", value: 1}),
    colorType: Inputs.radio<ColorScaleType>(["linear", "log"], {label: "Colour scale", value: "linear"}),
    lowPercentile: Inputs.range([0, 50], {label: "Lower limit (percentile)", step: 0.5, value: 1}),
    highPercentile: Inputs.range([50, 100], {label: "Upper limit (percentile)", step: 0.1, value: 99.5}),
    registered: Inputs.toggle({label: "Move the frame onto the reference frame", value: true}),
    changeFromPristine: Inputs.toggle({label: "Change map: counts over pristine counts, per pixel", value: false})
  };
}

/** One end of the line profile, x and y in µm within the field, starting at the fractions `start` of it. */
export function profileEndInput(end: "A" | "B", fieldUm: [number, number], start: [number, number]): Input<[number, number]> {
  const axisInput = (axis: 0 | 1) => Inputs.range([0, fieldUm[axis]], {label: `Profile ${end}: ${"xy"[axis]} (µm)`, step: 0.1, value: +(fieldUm[axis] * start[axis]).toFixed(1)});
  return Inputs.form<[number, number]>([axisInput(0), axisInput(1)]);
}

/** The RGB overlay's ions: red the first ion, green the marker, blue a third ion of the reference study's if the region has one. */
export function rgbIonInputs(ions: string[], markerIon: string | undefined): Input<string[]> {
  return Inputs.form([
    Inputs.select(ions, {label: "Red", value: ions[0]}),
    Inputs.select(ions, {label: "Green", value: markerIon ?? ions[1]}),
    Inputs.select(["none", ...ions], {label: "Blue", value: ions.find((i) => i === "59Co+" || i === "139La+") ?? "none"})
  ]);
}
