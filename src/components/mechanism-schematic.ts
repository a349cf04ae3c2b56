// Figure 4(c): the reaction mechanisms that operando TOF-SIMS shows in the cell, drawn as a labelled cross-section
// (Al | LTO composite | composite solid electrolyte with LLTO | NCA composite | Al), on charge.
import {svg} from "npm:htl";

const layers = [
  {name: "Al", x: 0, width: 40, fill: "#c9ccd1"},
  {name: "LTO composite", x: 40, width: 210, fill: "#dfe9f7"},
  {name: "electrolyte + LLTO", x: 250, width: 170, fill: "#f3efe2"},
  {name: "NCA composite", x: 420, width: 240, fill: "#f7e3e3"},
  {name: "Al", x: 660, width: 40, fill: "#c9ccd1"}
];

export function mechanismSchematic({width}: {width: number}): SVGSVGElement {
  const height = 300;
  const ltoParticles = Array.from({length: 12}, (_, i) => ({cx: 70 + (i % 4) * 48, cy: 70 + Math.floor(i / 4) * 60, r: 16}));
  const lltoParticles = [{cx: 275, cy: 95, r: 14, reduced: true}, {cx: 330, cy: 185, r: 12, reduced: false}, {cx: 385, cy: 120, r: 11, reduced: false}];
  const nca = [
    {cx: 480, cy: 90, r: 34, kind: "fractured"},
    {cx: 600, cy: 80, r: 30, kind: "intact"},
    {cx: 500, cy: 200, r: 30, kind: "intact"},
    {cx: 610, cy: 200, r: 26, kind: "isolated"}
  ];
  const ncaFill: Record<string, string> = {fractured: "#d94848", intact: "#e58f8f", isolated: "#7a1f1f"};
  return svg`<svg viewBox="0 0 700 ${height}" width=${width} height=${(width * height) / 700} role="img" aria-label="Schematic of the reaction mechanisms"
    style="font: 12px system-ui, sans-serif; max-width: 100%; height: auto">
    <defs><marker id="mechanism-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>
    ${layers.map((layer) => svg`<rect x=${layer.x} y="30" width=${layer.width} height="210" fill=${layer.fill} stroke="#888"/>
      <text x=${layer.x + layer.width / 2} y="22" text-anchor="middle" font-weight="bold">${layer.name}</text>`)}
    ${ltoParticles.map((p) => svg`<circle cx=${p.cx} cy=${p.cy} r=${p.r} fill="#6f9fd8" stroke="#2c5d99" stroke-dasharray="2,2"/>`)}
    ${lltoParticles.map((p) => svg`<circle cx=${p.cx} cy=${p.cy} r=${p.r} fill=${p.reduced ? "#7d6a1a" : "#e0c85a"} stroke=${p.reduced ? "#ffd400" : "#a08a2a"} stroke-width=${p.reduced ? 3 : 1} stroke-dasharray=${p.reduced ? "4,3" : "none"}/>`)}
    ${nca.map((p) => svg`<circle cx=${p.cx} cy=${p.cy} r=${p.r} fill=${ncaFill[p.kind]} stroke="#5a1010"/>`)}
    <path d="M 458 66 L 500 112 M 470 120 L 505 62" stroke="#f3efe2" stroke-width="5"/>
    <path d="M 440 150 L 300 150" stroke="#333" stroke-width="2" marker-end="url(#mechanism-arrow)"/>
    <text x="370" y="143" text-anchor="middle">Li+ on charge</text>
    <text x="145" y="258" text-anchor="middle" font-size="11">48Ti+ falls on charge and</text>
    <text x="145" y="272" text-anchor="middle" font-size="11">recovers: uniform, reversible</text>
    <text x="335" y="258" text-anchor="middle" font-size="11" fill="#7d6a1a">LLTO at the anode reduced:</text>
    <text x="335" y="272" text-anchor="middle" font-size="11" fill="#7d6a1a">48Ti+ stays low (irreversible)</text>
    <text x="480" y="50" text-anchor="middle" font-size="11">fractured, electrolyte in cracks:</text>
    <text x="480" y="62" text-anchor="middle" font-size="11">follows the cell (region 1)</text>
    <text x="600" y="124" text-anchor="middle" font-size="11">intact: shallower (region 2)</text>
    <text x="610" y="240" text-anchor="middle" font-size="11" fill="#7a1f1f">isolated: stays charged</text>
  </svg>`;
}
