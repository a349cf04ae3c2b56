// One type size and face for every figure, chosen for print: 12 px is about 8 pt when a 640 px figure is
// printed 17 cm wide (a full-width figure of a paper).
export const figureFontPx = 12;
export const figureFontFamily = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
/** Plot's `style` option for our figures. */
export const plotStyle = {fontFamily: figureFontFamily, fontSize: `${figureFontPx}px`, overflow: "visible"};
