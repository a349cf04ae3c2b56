// Draw and edit polygon ROIs on an image with the mouse. Framework view() convention: `.value` is the list of
// closed ROIs as GeoJSON features in um, and an "input" event is dispatched on every change.
import {html} from "npm:htl";
import {imagePanel, type ImagePanelOptions, type IonImage} from "./image-panel.js";
import type {PointUm, RoiFeature} from "@operando/lib/roi/ring";
import {clickAt, closeActive, deleteActive, moveVertex, renameActive, roiFeatures, stateFromFeatures, vertexAt, type RoiState} from "./roi-state.js";
import {figureFontPx} from "./figure-style.js";

export interface RoiEditorOptions extends ImagePanelOptions {
  /** Manifest region id written into every feature. */
  region: string;
  /** ROIs to start from (e.g. the run's rois.geojson of this region). */
  value?: RoiFeature[];
  colors?: string[];
}

export type RoiEditorElement = HTMLDivElement & {value: RoiFeature[]};

const defaultColors = ["#ff4d4d", "#4dc3ff", "#ffd400", "#7cfc00", "#ff66ff", "#ffffff"];
const hitRadiusPx = 7;
const svgNs = "http://www.w3.org/2000/svg";

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

export function roiEditor(image: IonImage, options: RoiEditorOptions): RoiEditorElement {
  const colors = options.colors ?? defaultColors;
  const panel = imagePanel(image, options);
  const plot = panel.plot as SVGSVGElement & typeof panel.plot;
  const [x, y] = [plot.scale("x")!, plot.scale("y")!];
  const umPerPx = Math.abs((x.invert!(1) as number) - (x.invert!(0) as number));
  let state: RoiState = stateFromFeatures(options.value ?? []);
  const history: RoiState[] = [];
  const layer = svgElement("g", {class: "operando-roi-layer"});
  // From the last vertex of the ROI being drawn to the pointer: where the next click puts an edge.
  const preview = svgElement("line", {stroke: "white", "stroke-width": 1, "stroke-dasharray": "3,3", visibility: "hidden", "pointer-events": "none"});
  plot.append(layer, preview);
  plot.style.cursor = "crosshair";
  plot.style.touchAction = "none";

  const select = html`<select title="ROI being edited">` as HTMLSelectElement;
  const nameInput = html`<input type="text" size="10" title="Name of the ROI being edited">` as HTMLInputElement;
  const button = (label: string, title: string, action: () => void) => html`<button type="button" title=${title} onclick=${action}>${label}</button>`;
  const help = html`<span style="color:var(--theme-foreground-muted,#666)">click to add vertices; double-click or click the first vertex to close; drag a vertex to move it</span>`;
  const toolbar = html`<div class="operando-roi-toolbar" style="display:flex;gap:6px;align-items:center;flex-wrap:wrap;font:12px system-ui,sans-serif;margin-bottom:4px">
    ${select}${nameInput}${button("New ROI", "Start a new ROI with the next click", () => edit({...state, active: -1}))}${button("Undo", "Undo the last edit", undo)}${button("Delete ROI", "Remove the ROI being edited", () => edit(deleteActive(state)))}${button("Clear all", "Remove every ROI", () => edit({rois: [], active: -1}))}${help}</div>`;
  const element = html`<div class="operando-roi-editor">${toolbar}${panel}</div>` as RoiEditorElement;

  const toUm = (event: MouseEvent): PointUm => {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(plot.getScreenCTM()!.inverse());
    // 1 nm steps: far below a pixel, and the JSON stays readable.
    const round = (um: number) => Math.round(um * 1000) / 1000;
    return [round(x.invert!(point.x) as number), round(y.invert!(point.y) as number)];
  };
  const emit = () => element.dispatchEvent(new Event("input", {bubbles: true}));
  function edit(next: RoiState, record = true) {
    if (next === state) return;
    if (record) history.push(state);
    state = next;
    element.value = roiFeatures(state, options.region);
    draw();
    emit();
  }
  function undo() {
    const previous = history.pop();
    if (previous) edit(previous, false);
  }

  function draw() {
    layer.replaceChildren();
    state.rois.forEach((roi, r) => {
      const color = colors[r % colors.length];
      const points = roi.ring.map(([u, v]) => `${x.apply(u)},${y.apply(v)}`).join(" ");
      const tag = roi.closed ? "polygon" : "polyline";
      const width = r === state.active ? 2.25 : 1.5;
      layer.append(
        svgElement(tag, {points, fill: "none", stroke: "black", "stroke-width": width + 2, "stroke-opacity": 0.5}),
        svgElement(tag, {points, fill: "none", stroke: color, "stroke-width": width})
      );
      if (roi.ring.length > 0) {
        const [u, v] = roi.ring.reduce(([a, b], [c, d]) => [Math.min(a, c), Math.min(b, d)], [Infinity, Infinity]);
        const label = svgElement("text", {x: (x.apply(u) as number) + 3, y: (y.apply(v) as number) + 12, fill: color, stroke: "black", "stroke-width": 2.5, "paint-order": "stroke", "font-weight": "bold", "font-size": figureFontPx, "text-anchor": "start"});
        label.textContent = roi.name;
        layer.append(label);
      }
      if (r !== state.active) return;
      roi.ring.forEach(([u, v], i) => layer.append(svgElement("circle", {cx: x.apply(u) as number, cy: y.apply(v) as number, r: i === 0 && !roi.closed ? 5 : 3.5, fill: "white", stroke: "black", cursor: "move"})));
    });
    select.replaceChildren(...state.rois.map((roi, r) => Object.assign(document.createElement("option"), {value: String(r), textContent: roi.name, selected: r === state.active})));
    nameInput.value = state.rois[state.active]?.name ?? "";
  }

  let drag: {target: [number, number]; moved: boolean; frame: number} | null = null;
  plot.addEventListener("pointerdown", (event) => {
    const target = vertexAt(state, toUm(event), hitRadiusPx * umPerPx);
    if (!target) return;
    plot.setPointerCapture(event.pointerId);
    history.push(state);
    drag = {target, moved: false, frame: 0};
  });
  plot.addEventListener("pointermove", (event) => {
    if (!drag) return showPreview(event);
    const current = drag;
    current.moved = true;
    state = moveVertex(state, current.target, toUm(event));
    draw();
    // One value update per animation frame while dragging, so the page redraws its trend at most that often.
    if (!current.frame) current.frame = requestAnimationFrame(() => ((current.frame = 0), (element.value = roiFeatures(state, options.region)), emit()));
  });
  function showPreview(event: PointerEvent) {
    const active = state.rois[state.active];
    const last = active && !active.closed ? active.ring[active.ring.length - 1] : undefined;
    preview.setAttribute("visibility", last ? "visible" : "hidden");
    if (!last) return;
    const [u, v] = toUm(event);
    for (const [key, value] of [["x1", x.apply(last[0])], ["y1", y.apply(last[1])], ["x2", x.apply(u)], ["y2", y.apply(v)]] as const) preview.setAttribute(key, String(value));
  }
  plot.addEventListener("pointerleave", () => preview.setAttribute("visibility", "hidden"));
  plot.addEventListener("pointerup", () => {
    if (drag && !drag.moved) history.pop();
    if (drag?.moved) setTimeout(() => (drag = null)); // the click that follows a drag is not a new vertex
    else drag = null;
  });
  plot.addEventListener("click", (event) => {
    if (drag) return void (drag = null);
    if (event.detail === 2) return edit(closeActive(state));
    if (event.detail === 1) edit(clickAt(state, toUm(event), hitRadiusPx * umPerPx));
  });
  select.addEventListener("change", () => edit({...state, active: Number(select.value)}));
  nameInput.addEventListener("change", () => edit(renameActive(state, nameInput.value)));
  element.value = roiFeatures(state, options.region);
  draw();
  return element;
}
