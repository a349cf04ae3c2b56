// The explorer's edited ROIs, kept per region while the image, ion or frame changes (each redraws the editor), and
// handed to the trend on every edit; and their colours, the same on the image and on the trend.
import type {RoiFeature} from "@operando/lib/roi/ring";

/** Bright enough on the image (the editor draws a dark halo under each line) and dark enough on the white trend chart. */
export const ROI_PALETTE = ["#ff4d4d", "#33b5ff", "#f0b400", "#4fc22e", "#f04ff0", "#a0a0a0"];

/** Each ROI's colour by its name, in the editor's order. */
export function roiPaletteColors(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name, i) => [name, ROI_PALETTE[i % ROI_PALETTE.length]]));
}

export interface RoiEdits {
  /** The region's ROIs as last edited, else the run's own. */
  of(region: string, runFeatures: RoiFeature[]): RoiFeature[];
  /** Keeps the editor's ROIs as the region's, now and on every edit. */
  follow(region: string, editor: EventTarget & {value: RoiFeature[]}): void;
  /** Calls `listener` with the region's ROIs now and after every edit, until `invalidation` (the cell's rerun). */
  onEdit(region: string, runFeatures: RoiFeature[], listener: (features: RoiFeature[]) => void, invalidation: Promise<unknown>): void;
}

export function roiEdits(): RoiEdits {
  const edited = new Map<string, RoiFeature[]>();
  const edits = new EventTarget();
  const of = (region: string, runFeatures: RoiFeature[]) => edited.get(region) ?? runFeatures;
  return {
    of,
    follow(region, editor) {
      const keep = () => {
        edited.set(region, editor.value);
        edits.dispatchEvent(new Event("input"));
      };
      editor.addEventListener("input", keep);
      keep();
    },
    onEdit(region, runFeatures, listener, invalidation) {
      const call = () => listener(of(region, runFeatures));
      edits.addEventListener("input", call);
      invalidation.then(() => edits.removeEventListener("input", call));
      call();
    }
  };
}
