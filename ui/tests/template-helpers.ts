// Why: the render tests run without a DOM; these find things in the HTML `toHtml` writes (an element's text, its opening tag) and in the lit template tree itself (the listener or the ref bound on an element), so a test can read a screen and act on it as a person would.
import { expect } from "vitest";

/** The text of the element with `id` in `out`, tags removed, as `textContent` gives it (no nested element of the same tag). */
export function textOf(out: string, id: string): string {
  const start = out.search(new RegExp(`<(\\w+)[^>]*\\bid="?${id}"?[\\s>]`, "u"));
  expect(start, `#${id} is drawn`).toBeGreaterThan(-1);
  const tag = /^<(\w+)/u.exec(out.slice(start))?.[1] ?? "";
  const end = out.indexOf(`</${tag}>`, start);
  return out.slice(out.indexOf(">", start) + 1, end).replace(/<[^>]*>/gu, "");
}

/** The opening tag of the element with `id`. */
export function tagOf(out: string, id: string): string {
  const start = out.search(new RegExp(`<\\w+[^>]*\\bid="?${id}"?[\\s>]`, "u"));
  expect(start, `#${id} is drawn`).toBeGreaterThan(-1);
  return out.slice(start, out.indexOf(">", start) + 1);
}

/** Whether an element with `id` is drawn. */
export function hasId(out: string, id: string): boolean {
  return new RegExp(`\\bid="?${id}"?[\\s>]`, "u").test(out);
}

interface Template {
  strings: readonly string[];
  values: readonly unknown[];
}

/** Every template inside `value`, depth first; a `repeat`'s items are drawn as lit would draw them. */
export function* templates(value: unknown): Generator<Template> {
  if (Array.isArray(value)) for (const v of value) yield* templates(v);
  if (typeof value !== "object" || value === null) return;
  if ("_$litType$" in value && "strings" in value && "values" in value) {
    const t = value as Template;
    yield t;
    for (const v of t.values) yield* templates(v);
    return;
  }
  if ("_$litDirective$" in value && "values" in value) {
    const args = value.values as readonly unknown[];
    const [items] = args;
    const draw = args[args.length - 1];
    if (Array.isArray(items) && typeof draw === "function" && args.length >= 2) {
      yield* templates(items.map((item, i) => (draw as (x: unknown, i: number) => unknown)(item, i)));
    }
  }
}

/**
 * The listener bound with `@<event>=` on the element whose `attr` is `value` (a static `attr="…"` or a bound
 * `attr=${…}`), found in the template tree as lit would bind it.
 */
export function listener(root: unknown, attr: string, value: string, event: string): (e: Event) => void {
  const staticAttr = new RegExp(`\\b${attr}="([^"]+)"`, "gu");
  const boundAttr = new RegExp(`\\b${attr}=$`, "u");
  for (const t of templates(root)) {
    let current: string | null = null;
    for (let i = 0; i < t.values.length; i++) {
      const text = t.strings[i] ?? "";
      // A new element starts: what was seen belongs to the one before.
      if (text.includes("<")) current = null;
      for (const m of text.matchAll(staticAttr)) current = m[1] ?? null;
      if (boundAttr.test(text) && typeof t.values[i] === "string") current = t.values[i] as string;
      else if (text.endsWith(`@${event}=`) && current === value && typeof t.values[i] === "function") return t.values[i] as (e: Event) => void;
    }
  }
  throw new Error(`no @${event} on [${attr}=${value}]`);
}

/** The listener bound with `@<event>=` on the element with `id`. */
export function handler(root: unknown, id: string, event: string): (e: Event) => void {
  return listener(root, "id", id, event);
}

/**
 * The `Ref` bound with `${ref(…)}` on the element with `id` (its id static or bound right after it), so a test can
 * give it a stand-in element: a field's value, as the screen reads it.
 */
export function refOf<T>(root: unknown, id: string): { value?: T } {
  for (const t of templates(root)) {
    for (let i = 0; i < t.values.length; i++) {
      const v = t.values[i] as { values?: unknown[] } | null;
      const isRef =
        typeof v === "object" && v !== null && "_$litDirective$" in v && Array.isArray(v.values) && typeof v.values[0] === "object" && v.values[0] !== null;
      if (!isRef) continue;
      const after = t.strings[i + 1] ?? "";
      const head = after.slice(0, after.indexOf(">") === -1 ? undefined : after.indexOf(">"));
      const named = new RegExp(`\\bid="${id}"`, "u").test(head) || (/\bid=$/u.test(after) && t.values[i + 1] === id);
      if (named) return (v.values as unknown[])[0] as { value?: T };
    }
  }
  throw new Error(`no ref on #${id}`);
}
