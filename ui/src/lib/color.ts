// Why: category colours are the person's choice, so the text on a badge is picked by WCAG contrast rather than assumed white.

/** Text colours a badge may use: white, or the near-black of our headings. */
export const LIGHT_TEXT = "#ffffff";
export const DARK_TEXT = "#111827";

/** Colours offered for a new category (all readable with white text), in order. */
export const CATEGORY_PALETTE: readonly string[] = [
  "#4f46e5",
  "#0f766e",
  "#b45309",
  "#be185d",
  "#0369a1",
  "#15803d",
  "#7e22ce",
  "#c2410c",
  "#1d4ed8",
  "#475569",
];

/** `#rrggbb` → [r, g, b] in 0-255; null for anything else. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/iu.exec(color.trim());
  if (m === null) return null;
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)];
}

export function isHexColor(color: string): boolean {
  return parseHex(color) !== null;
}

/** WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminance(color: string): number {
  const rgb = parseHex(color);
  if (rgb === null) throw new RangeError(`not a #rrggbb colour: ${color}`);
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** White or dark text, whichever contrasts more with `background`; dark for anything that is not a colour. */
export function badgeTextColor(background: string): string {
  if (!isHexColor(background)) return DARK_TEXT;
  return contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

/** The first palette colour no category uses yet (ignoring case), or the palette's first once all are taken. */
export function suggestColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  return CATEGORY_PALETTE.find((c) => !taken.has(c)) ?? (CATEGORY_PALETTE[0] as string);
}
