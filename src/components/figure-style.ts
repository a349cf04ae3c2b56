// One type size and face for every figure, chosen for print: 12 px is about 8 pt when a 640 px figure is
// printed 17 cm wide (a full-width figure of a paper).
export const figureFontPx = 12;
// Inter is the site's own font (src/style.css); a figure saved as SVG falls back to the viewer's sans-serif.
export const figureFontFamily = "Inter, sans-serif";
/** Plot's `style` option for our figures. */
export const plotStyle = {fontFamily: figureFontFamily, fontSize: `${figureFontPx}px`, overflow: "visible"};
