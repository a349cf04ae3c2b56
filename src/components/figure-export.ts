// A figure (an element holding one or more SVGs and some HTML text) as one standalone SVG, and that SVG as PNG.
import {figureFontFamily} from "./figure-style.js";

const svgNs = "http://www.w3.org/2000/svg";
const skipped = "button, select, input, textarea, option, script, style, svg";

/** Text of an HTML leaf (a caption, a legend label) at its place in the figure; its colour swatch is not kept. */
function htmlText(leaf: HTMLElement, origin: DOMRect): SVGTextElement | null {
  const text = leaf.textContent?.trim();
  const box = leaf.getBoundingClientRect();
  if (!text || box.width === 0) return null;
  const style = getComputedStyle(leaf);
  const element = document.createElementNS(svgNs, "text");
  element.setAttribute("x", String(box.left - origin.left));
  element.setAttribute("y", String(box.top - origin.top + box.height / 2));
  element.setAttribute("dominant-baseline", "central");
  element.setAttribute("font-size", style.fontSize);
  element.setAttribute("font-weight", style.fontWeight);
  element.setAttribute("fill", style.color);
  element.textContent = text;
  return element;
}

/**
 * Every top-level SVG inside `figure` placed where it is on screen, plus the text of HTML leaves, on a white
 * background. Styles that Plot keeps inside each SVG travel with it; inherited ones (font, colour) are set on the root.
 */
export function figureSvg(figure: Element, {paddingPx = 10}: {paddingPx?: number} = {}): SVGSVGElement {
  const box = figure.getBoundingClientRect();
  // Shifted by the padding, so that what overflows the element's box (a colour bar's end labels) is kept.
  const origin = new DOMRect(box.left - paddingPx, box.top - paddingPx, box.width + 2 * paddingPx, box.height + 2 * paddingPx);
  const root = document.createElementNS(svgNs, "svg");
  root.setAttribute("xmlns", svgNs);
  root.setAttribute("width", String(Math.ceil(origin.width)));
  root.setAttribute("height", String(Math.ceil(origin.height)));
  root.setAttribute("viewBox", `0 0 ${Math.ceil(origin.width)} ${Math.ceil(origin.height)}`);
  root.setAttribute("font-family", figureFontFamily);
  root.setAttribute("style", "color: black; background: white");
  const background = document.createElementNS(svgNs, "rect");
  for (const [key, value] of [["width", "100%"], ["height", "100%"], ["fill", "white"]]) background.setAttribute(key, value);
  root.append(background);
  const svgs = [...figure.querySelectorAll("svg")].filter((svg) => !svg.parentElement?.closest("svg"));
  if (figure instanceof SVGSVGElement) svgs.unshift(figure);
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute("x", String(box.left - origin.left));
    copy.setAttribute("y", String(box.top - origin.top));
    copy.setAttribute("width", String(box.width));
    copy.setAttribute("height", String(box.height));
    if (!copy.hasAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${svg.width.baseVal.value} ${svg.height.baseVal.value}`);
    root.append(copy);
  }
  if (!(figure instanceof SVGSVGElement)) {
    for (const leaf of figure.querySelectorAll<HTMLElement>("*")) {
      if (leaf.matches(skipped) || leaf.closest(skipped) || leaf.children.length > 0) continue;
      const text = htmlText(leaf, origin);
      if (text) root.append(text);
    }
  }
  return root;
}

export function serializeSvg(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** Rasterises a standalone SVG at `scale` times its size (3 × 96 dpi ≈ 300 dpi at print size). */
export async function svgToPng(svg: SVGSVGElement, scale = 3): Promise<Blob> {
  const [width, height] = [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))];
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(serializeSvg(svg))}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  [canvas.width, canvas.height] = [Math.ceil(width * scale), Math.ceil(height * scale)];
  const context = canvas.getContext("2d")!;
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"));
}
