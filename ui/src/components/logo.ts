// Why: Coffer's mark, drawn as inline SVG (no network, themable, crisp at any size): a small chest with a gold clasp on a tile.
import { html, svg, type TemplateResult } from "lit-html";

/** The mark alone. `label` null makes it decorative (when the word "Coffer" sits next to it). */
export function logoMark(label: string | null = null): TemplateResult {
  // Lid and body are separated by a thin seam of the tile colour; two straps run over both; a gold clasp sits
  // across the seam with a keyhole.
  const mark = svg`
    <rect class="logo-tile" x="1" y="1" width="46" height="46" rx="13" />
    <path class="logo-chest" d="M9.5 21.5v-3.25C9.5 13.7 13.2 10 17.75 10h12.5c4.55 0 8.25 3.7 8.25 8.25v3.25z" />
    <rect class="logo-chest" x="9.5" y="23.5" width="29" height="14.5" rx="3" />
    <rect class="logo-strap" x="14.5" y="10.4" width="3" height="27.6" />
    <rect class="logo-strap" x="30.5" y="10.4" width="3" height="27.6" />
    <rect class="logo-clasp" x="19.75" y="18" width="8.5" height="10.5" rx="2.25" />
    <circle class="logo-keyhole" cx="24" cy="22.2" r="1.4" />
    <path class="logo-keyhole" d="M23.3 22.6h1.4l.45 3.2h-2.3z" />`;
  return label === null
    ? html`<svg class="logo-mark" viewBox="0 0 48 48" aria-hidden="true" focusable="false">${mark}</svg>`
    : html`<svg class="logo-mark" viewBox="0 0 48 48" role="img" aria-label=${label} focusable="false">${mark}</svg>`;
}

/** Mark + wordmark, used at the top of the picker card and in the navbar. */
export function brand(size: "sm" | "lg" = "lg"): TemplateResult {
  return html`<span class="brand brand-${size}">${logoMark()}<span class="brand-word">Coffer</span></span>`;
}
