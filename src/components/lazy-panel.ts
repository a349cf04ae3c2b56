// A panel that fetches and draws its content only when it comes near the view: a placeholder of the expected
// height until then (so that the page does not jump), then what `draw` resolves to. A page of many panels (the
// supporting series) then fetches the images of the panels the reader scrolls to, not of the whole run.

// One panel fetches and draws at a time, in the order they came near the view, so that the first in view is not
// slowed by the fetches of the ones after it.
let drawing: Promise<unknown> = Promise.resolve();

export function lazyPanel(draw: () => Promise<Element>, {heightPx, marginPx = 400}: {heightPx: number; marginPx?: number}): HTMLDivElement {
  const panel = document.createElement("div");
  panel.className = "operando-lazy-panel";
  panel.style.minHeight = `${Math.round(heightPx)}px`;
  panel.dataset.drawn = "false";
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    panel.textContent = "Fetching the images of this panel…";
    // A panel taken off the page meanwhile (its cell ran again, e.g. on a new width) is not drawn.
    drawing = drawing.then(() => (panel.isConnected ? draw() : null)).then((content) => {
      if (!content) return;
      panel.replaceChildren(content);
      panel.style.minHeight = "";
      panel.dataset.drawn = "true";
    }, (error: Error) => {
      panel.textContent = `The images of this panel could not be drawn: ${error.message}`;
      // Also on the console, where the site's tests look for errors.
      console.error(error);
    });
  }, {rootMargin: `${marginPx}px 0px`});
  observer.observe(panel);
  return panel;
}
