// Why: the tests run without a DOM; this writes a lit-html template out as HTML the way lit binds it — every bound value escaped, as a text or attribute binding does — so a test can see that user text reaches the page only as text.
const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

const escapeText = (s: string) => s.replace(/[&<>"]/gu, (c) => ESCAPES[c] ?? c);

/**
 * The HTML a template stands for. A boolean attribute binding (`?disabled=${x}`) writes the bare attribute when true and
 * nothing when false. Functions (event listeners), other booleans, `nothing` and directives that add no markup
 * (cssVars, ref) write nothing; `repeat` writes its items; `unsafeHTML` and `unsafeSVG` write their text raw, as they
 * would in the page — so a test that finds no "<img" proves none of them carried user text.
 */
export function toHtml(value: unknown): string {
  if (typeof value === "string" || typeof value === "number") return escapeText(String(value));
  if (Array.isArray(value)) return value.map(toHtml).join("");
  if (typeof value !== "object" || value === null) return "";
  if ("_$litType$" in value && "strings" in value && "values" in value) {
    const strings = value.strings as readonly string[];
    const values = value.values as readonly unknown[];
    return strings
      .map((s, i) => {
        if (i >= values.length) return s;
        // A boolean attribute (`?disabled=${x}`) is there, bare, when its value is truthy, and absent otherwise.
        const flag = /\s\?([\w-]+)=$/u.exec(s);
        if (flag) return s.slice(0, flag.index) + (values[i] ? ` ${flag[1]}` : "");
        return s + toHtml(values[i]);
      })
      .join("");
  }
  if ("_$litDirective$" in value && "values" in value) {
    const args = value.values as readonly unknown[];
    const name = (value._$litDirective$ as { directiveName?: unknown }).directiveName;
    if (name === "unsafeHTML" || name === "unsafeSVG") return typeof args[0] === "string" ? args[0] : "";
    const [items] = args;
    const template = args[args.length - 1];
    if (Array.isArray(items) && typeof template === "function" && args.length >= 2) {
      return items.map((item, i) => toHtml((template as (x: unknown, i: number) => unknown)(item, i))).join("");
    }
  }
  return "";
}
