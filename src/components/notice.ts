// Plain statements on a page: a banner for synthetic data, and text from files shown as text, never as markup.
import {html} from "npm:htl";

/** The manifest fields this banner reads (docs/data-model.md, "The manifest"). */
export interface ManifestSummary {
  run: string;
  title?: string;
  synthetic?: boolean;
  notice?: string;
}

/**
 * A banner for a synthetic dataset, and the run's own note (manifest "notice", e.g. "real images, not of a
 * battery") on every page; an empty fragment when there is neither, so `display()` shows nothing.
 */
export function syntheticNotice(manifest: ManifestSummary): DocumentFragment {
  const notices = document.createDocumentFragment();
  if (manifest.synthetic === true) {
    notices.append(html`<div class="operando-synthetic-notice" role="note" style="border-left:4px solid #d97706;background:#fff7e6;color:#5c3b00;padding:8px 12px;margin:8px 0;font-size:14px">
    <strong>Synthetic data.</strong> ${fileText(manifest.title ?? manifest.run)} is made by a model, not measured: its
    images and curves show what the analysis does, not a result about a real cell.</div>`);
  }
  if (manifest.notice !== undefined) {
    notices.append(html`<div class="operando-run-notice" role="note" style="border-left:4px solid #2a6fb0;background:#eef5fc;color:#123a5e;padding:8px 12px;margin:8px 0">${fileText(manifest.notice)}</div>`);
  }
  return notices;
}

/**
 * Text from a file (a sample name, a comment) as a span whose content is a text node: htl escapes
 * interpolated strings, so "<b>" in a file shows as "<b>".
 */
export function fileText(text: string, {title}: {title?: string} = {}): HTMLSpanElement {
  return html`<span class="operando-file-text" title=${title ?? null}>${String(text)}</span>` as HTMLSpanElement;
}

/** One plain sentence where a run cannot fill a figure's role (lib/run/figure-roles.ts `unfilled`). */
export function unfilledNotice(sentence: string): HTMLParagraphElement {
  return html`<p class="operando-unfilled" role="note"><em>${sentence}</em></p>` as HTMLParagraphElement;
}

/** The frames whose drift the registration is unsure of, in one sentence (nothing when every frame is sure). */
export function driftNotice(unreliable: {region: string; frame: number; reason: string}[]): HTMLElement | DocumentFragment {
  if (unreliable.length === 0) return document.createDocumentFragment();
  return html`<p class="operando-drift-notice warning" role="note">The registration is unsure of the drift of ${unreliable.length} frame${unreliable.length === 1 ? "" : "s"}
    (${unreliable.map((u) => `${u.region} frame ${u.frame}: ${u.reason}`).join("; ")}): the images and ROIs of those frames may be misplaced.
    Give their drift by hand, or turn registration off for the region, in the manifest's "registration" section.</p>` as HTMLElement;
}
