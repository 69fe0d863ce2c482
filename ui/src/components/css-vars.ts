// Why: per-element colours and widths (category badges, bars) as CSS custom properties set through CSSOM; a `style` attribute (and lit's styleMap, which writes one on first render) is refused by our CSP.
import { noChange, type ElementPart } from "lit-html";
import { Directive, PartType, directive, type PartInfo } from "lit-html/directive.js";

class CssVarsDirective extends Directive {
  private previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error("cssVars goes on an element: <span ${cssVars({...})}>");
  }

  override render(_vars: Readonly<Record<`--${string}`, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [vars]: [Readonly<Record<`--${string}`, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in vars)) style.removeProperty(name);
    this.previous = new Set(Object.keys(vars));
    for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
    return noChange;
  }
}

/** Sets custom properties (names must start with `--`) on the element it is placed on. */
export const cssVars = directive(CssVarsDirective);
