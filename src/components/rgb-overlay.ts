// Two or three ion images as the red, green and blue channels of one picture, each scaled to its own limits.
import * as Plot from "npm:@observablehq/plot";
import {colorDomain} from "@operando/lib/imaging/color-limits";
import {fieldOfViewFrame, overlayMarks, pixelRaster, scaleBarMarks, type Overlay, scaleBarLengthUm} from "./image-marks.js";
import {pixelSize, type IonImage} from "./image-panel.js";
import {rgbPixels} from "./rgb-pixels.js";
import {swatchLegend} from "./swatch-legend.js";
import {plotStyle} from "./figure-style.js";

export interface RgbChannel {
  /** Ion name shown in the legend, e.g. "58Ni+". */
  ion: string;
  image: IonImage;
  /** Channel limits; otherwise the percentile limits of this image. */
  domain?: [number, number];
}

export interface RgbOverlayOptions {
  width: number;
  pixelSizeUm: number | [number, number];
  percentiles?: [number, number];
  scaleBarUm?: number;
  overlays?: Overlay[];
}

const channelColors = ["#ff2020", "#20e020", "#3070ff"];
const channelNames = ["red", "green", "blue"];

export function rgbOverlay(channels: RgbChannel[], options: RgbOverlayOptions): HTMLDivElement {
  if (channels.length < 2 || channels.length > 3) throw new RangeError(`rgbOverlay: needs 2 or 3 channels, got ${channels.length}`);
  const {width, height} = channels[0].image;
  if (channels.some(({image}) => image.width !== width || image.height !== height)) throw new RangeError("rgbOverlay: the images differ in size");
  const [pixelWidthUm, pixelHeightUm] = pixelSize(options.pixelSizeUm);
  const fieldUm: [number, number] = [width * pixelWidthUm, height * pixelHeightUm];
  const scaleBarUm = options.scaleBarUm ?? scaleBarLengthUm(fieldUm[0]);
  const scaled = channels.map(({image, domain}) => ({data: image.data, domain: colorDomain(image.data, {domain, percentiles: options.percentiles})}));
  const packed = rgbPixels(scaled, width * height);
  const frame = fieldOfViewFrame(fieldUm, options.width);
  const plot = Plot.plot({
    ...frame.plot,
    style: plotStyle,
    marks: [
      pixelRaster(packed, (v) => `#${v.toString(16).padStart(6, "0")}`, {width, height, fieldUm}),
      Plot.frame({stroke: "currentColor", strokeWidth: 0.5}),
      ...overlayMarks(options.overlays ?? []),
      ...(scaleBarUm > 0 ? scaleBarMarks(scaleBarUm, fieldUm) : [])
    ]
  });
  const legend = swatchLegend(channels.map(({ion}, c) => ({name: `${ion} (${channelNames[c]})`, color: channelColors[c], shape: "square" as const})), {width: options.width, marginLeftPx: frame.margin.left});
  const figure = document.createElement("div");
  figure.className = "operando-rgb-overlay";
  figure.append(legend, plot);
  return figure;
}
