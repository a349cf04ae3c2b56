// One ion image in um (x right, y down, true aspect ratio), with its colour bar, scale bar and outlines.
import * as Plot from "npm:@observablehq/plot";
import {colorBar, colorBarWidthPx, colorScale, type ColorScheme} from "./color-bar.js";
import {colorDomain, type ColorScaleType} from "@operando/lib/imaging/color-limits";
import {fieldOfViewFrame, overlayMarks, pixelRaster, scaleBarLengthUm, scaleBarMarks, type Overlay} from "./image-marks.js";
import {plotStyle} from "./figure-style.js";

/** docs/data-model.md: flat, row-major `data[y * width + x]`, y down. */
export interface IonImage {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

export interface ImagePanelOptions {
  /** Width of the whole panel in px, colour bar included. */
  width: number;
  /** Pixel size in um: one number for square pixels, or [width, height]. */
  pixelSizeUm: number | [number, number];
  /** Colour-bar label: quantity and unit, e.g. "58Ni+ counts per pixel". */
  quantity?: string;
  colorType?: ColorScaleType;
  /** Explicit colour domain; otherwise the percentile limits `percentiles` of this image. */
  domain?: [number, number];
  percentiles?: [number, number];
  scheme?: ColorScheme;
  /** Scale bar length in um (default 1, 2 or 5 × 10^k, at most a fifth of the field); 0 draws none. */
  scaleBarUm?: number;
  /** Axes in um (default true); small multiples turn them off and keep the scale bar. */
  axes?: boolean;
  colorBar?: boolean;
  overlays?: Overlay[];
  /** More Plot marks in um (e.g. a profile segment). */
  marks?: Plot.Markish[];
}

/** The Plot figure of a panel, whose `scale("x")`/`scale("y")` map um to px (the ROI editor uses them). */
export type PlotFigure = (SVGSVGElement | HTMLElement) & Plot.Plot;
export type ImagePanelElement = HTMLDivElement & {plot: PlotFigure; colorDomain: [number, number]};

export function pixelSize(pixelSizeUm: number | [number, number]): [number, number] {
  return typeof pixelSizeUm === "number" ? [pixelSizeUm, pixelSizeUm] : pixelSizeUm;
}

export function imagePanel(image: IonImage, options: ImagePanelOptions): ImagePanelElement {
  const {width, quantity = "counts per pixel", colorType = "linear", scheme = "viridis", axes = true} = options;
  const [pixelWidthUm, pixelHeightUm] = pixelSize(options.pixelSizeUm);
  const fieldUm: [number, number] = [image.width * pixelWidthUm, image.height * pixelHeightUm];
  const scaleBarUm = options.scaleBarUm ?? scaleBarLengthUm(fieldUm[0]);
  const domain = colorDomain(image.data, {type: colorType, domain: options.domain, percentiles: options.percentiles});
  const withBar = options.colorBar ?? true;
  const frame = fieldOfViewFrame(fieldUm, Math.max(80, width - (withBar ? colorBarWidthPx : 0)), axes);
  const color = colorScale({type: colorType, domain, scheme});
  const plot = Plot.plot({
    ...frame.plot,
    style: plotStyle,
    marks: [
      // On a log scale, zero counts are drawn in the lowest colour, not left blank.
      pixelRaster(image.data, (value) => color.apply(colorType === "log" && value < domain[0] ? domain[0] : value) as string | undefined, {width: image.width, height: image.height, fieldUm}),
      Plot.frame({stroke: "currentColor", strokeWidth: 0.5}),
      ...overlayMarks(options.overlays ?? []),
      ...(options.marks ?? []),
      ...(scaleBarUm > 0 ? scaleBarMarks(scaleBarUm, fieldUm) : [])
    ]
  }) as PlotFigure;
  const panel = document.createElement("div") as ImagePanelElement;
  panel.className = "operando-image-panel";
  panel.style.cssText = "display:flex;align-items:flex-start;gap:0;max-width:100%;";
  panel.append(plot);
  if (withBar) {
    panel.append(colorBar({type: colorType, domain, scheme, label: quantity, heightPx: frame.innerHeightPx, marginTopPx: frame.margin.top, marginBottomPx: frame.margin.bottom}));
  }
  panel.plot = plot;
  panel.colorDomain = domain;
  return panel;
}
