/** The figures of figures-entry.ts, each with its snapshot test/output/<name>.html (the test checks both lists agree). */
export const figureNames = [
  "image-panel-linear",
  "image-panel-log",
  "image-panel-small-field",
  "image-grid",
  "rgb-overlay",
  "line-profile",
  "trend-chart",
  "trend-chart-flagged",
  "charge-discharge",
  "charge-discharge-time",
  "particle-trend",
  "mechanism-schematic",
  "mass-spectrum",
  "color-bar",
  "horizontal-color-bar",
  "swatch-legend",
  "series-grid"
];
