// Why: the category dropdowns (expense filters, report) and the menus share one open/close controller: opening focuses the first field, a pointer or the focus outside closes it, Esc closes it here and gives the focus back to the toggle; and the shared category panel binds names as text. The tests run without a DOM, so a small fake document and wrapper stand in for the page.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CategoryView } from "../src/api";
import { categoryChecklist } from "../src/components/category-checklist";
import { dropdownPanel, type DropdownPanel } from "../src/components/dropdown-panel";
import { toHtml } from "./lit-text";

const FIRST = "input.report-category-option";

/** What the controller touches of the page: pointer listeners on the document, the toggle by id, the wrapper. */
function fakePage() {
  const pointer = new Set<(e: PointerEvent) => void>();
  const toggleButton = { focus: vi.fn() };
  const firstBox = { focus: vi.fn() };
  /** Nodes inside the wrapper (the toggle, the boxes). */
  const inside = new Set<unknown>([toggleButton, firstBox]);
  const wrapper = {
    contains: (node: unknown) => inside.has(node),
    querySelector: (selector: string) => (selector === FIRST ? firstBox : null),
  };
  const document = {
    addEventListener: vi.fn((type: string, fn: (e: PointerEvent) => void, capture: boolean) => {
      expect([type, capture]).toEqual(["pointerdown", true]);
      pointer.add(fn);
    }),
    removeEventListener: vi.fn((type: string, fn: (e: PointerEvent) => void, capture: boolean) => {
      expect([type, capture]).toEqual(["pointerdown", true]);
      pointer.delete(fn);
    }),
    getElementById: (id: string) => (id === "report-categories" ? toggleButton : null),
  };
  const pointerDown = (target: unknown) => {
    for (const fn of [...pointer]) fn({ target } as unknown as PointerEvent);
  };
  return { pointer, toggleButton, firstBox, wrapper, document, pointerDown };
}

function key(k: string, more: Partial<KeyboardEvent> = {}) {
  return { key: k, isComposing: false, preventDefault: vi.fn(), stopPropagation: vi.fn(), ...more } as unknown as KeyboardEvent & {
    preventDefault: ReturnType<typeof vi.fn>;
    stopPropagation: ReturnType<typeof vi.fn>;
  };
}

const focusTo = (relatedTarget: unknown) => ({ relatedTarget }) as unknown as FocusEvent;

describe("the dropdown panel", () => {
  let page: ReturnType<typeof fakePage>;
  let refresh: ReturnType<typeof vi.fn>;
  let panel: DropdownPanel;

  beforeEach(() => {
    page = fakePage();
    vi.stubGlobal("document", page.document);
    refresh = vi.fn();
    panel = dropdownPanel({ buttonId: "report-categories", firstFocus: FIRST, refresh });
    // lit sets the ref when the wrapper is drawn.
    (panel.ref as { value?: unknown }).value = page.wrapper;
  });

  afterEach(() => vi.unstubAllGlobals());

  it("opens on the toggle: drawn again, the first box focused, listening for pointers outside", () => {
    expect(panel.isOpen()).toBe(false);
    panel.toggle();
    expect(panel.isOpen()).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(page.firstBox.focus).toHaveBeenCalledTimes(1);
    expect(page.pointer.size).toBe(1);
  });

  it("closes on a pointer outside, without taking the focus; a pointer inside keeps it open", () => {
    panel.toggle();
    page.pointerDown(page.firstBox);
    expect(panel.isOpen()).toBe(true);
    page.pointerDown({ outside: true });
    expect(panel.isOpen()).toBe(false);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(page.toggleButton.focus).not.toHaveBeenCalled();
    expect(page.pointer.size).toBe(0);
  });

  it("closes on Esc, here only (the window's Esc does not also act), and gives the focus back to the toggle", () => {
    panel.toggle();
    const esc = key("Escape");
    expect(panel.onKeydown(esc)).toBe(true);
    expect(panel.isOpen()).toBe(false);
    expect(esc.preventDefault).toHaveBeenCalled();
    expect(esc.stopPropagation).toHaveBeenCalled();
    expect(page.toggleButton.focus).toHaveBeenCalledTimes(1);
    expect(page.pointer.size).toBe(0);
  });

  it("leaves other keys, Esc while composing text, and Esc when closed to others", () => {
    const closed = key("Escape");
    expect(panel.onKeydown(closed)).toBe(false);
    expect(closed.stopPropagation).not.toHaveBeenCalled();
    panel.toggle();
    for (const e of [key("Escape", { isComposing: true }), key("ArrowDown"), key("Tab")]) {
      expect(panel.onKeydown(e)).toBe(false);
      expect(e.preventDefault).not.toHaveBeenCalled();
      expect(e.stopPropagation).not.toHaveBeenCalled();
    }
    expect(panel.isOpen()).toBe(true);
  });

  it("closes when the focus moves outside, not when it moves inside or leaves the window", () => {
    panel.toggle();
    panel.onFocusOut(focusTo(page.toggleButton));
    panel.onFocusOut(focusTo(null));
    expect(panel.isOpen()).toBe(true);
    panel.onFocusOut(focusTo({ outside: true }));
    expect(panel.isOpen()).toBe(false);
    expect(page.toggleButton.focus).not.toHaveBeenCalled();
  });

  it("closes on the toggle again, giving it the focus back", () => {
    panel.toggle();
    panel.toggle();
    expect(panel.isOpen()).toBe(false);
    expect(page.toggleButton.focus).toHaveBeenCalledTimes(1);
    expect(page.pointer.size).toBe(0);
  });

  it("does nothing on close when already closed (no redraw, no focus)", () => {
    panel.close(true);
    expect(refresh).not.toHaveBeenCalled();
    expect(page.toggleButton.focus).not.toHaveBeenCalled();
  });

  it("stops listening for pointers when disposed", () => {
    panel.toggle();
    panel.dispose();
    expect(page.pointer.size).toBe(0);
  });

  it("reads a toggle id known only when drawn, and runs onOpen before drawing", () => {
    let id = "";
    const order: string[] = [];
    const menu = dropdownPanel({
      buttonId: () => id,
      firstFocus: FIRST,
      refresh: () => order.push("refresh"),
      onOpen: () => order.push("open"),
    });
    (menu.ref as { value?: unknown }).value = page.wrapper;
    menu.toggle();
    expect(order).toEqual(["open", "refresh"]);
    id = "report-categories";
    menu.close(true);
    expect(page.toggleButton.focus).toHaveBeenCalledTimes(1);
  });
});

describe("the category panel", () => {
  const EVIL = "<img src=x onerror=alert(1)>";
  const categories: CategoryView[] = [
    { id: 1, name: "Groceries", color: "#15803d", expenseCount: 0, total: 0 },
    { id: 7, name: EVIL, color: "#475569", expenseCount: 0, total: 0 },
  ];
  const render = (selected: number[]) =>
    toHtml(
      categoryChecklist({
        id: "report-categories-panel",
        extraClass: "report-categories-panel",
        label: "Count these categories",
        categories,
        selected: new Set(selected),
        idPrefix: "report-category-",
        inputClass: "report-category-option",
        onToggle: () => undefined,
        allId: "report-categories-all",
        allLabel: "All categories",
        onAll: () => undefined,
      }),
    );

  it("binds category names as text", () => {
    const out = render([7]);
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("draws a labelled box per category and the footer button", () => {
    const out = render([]);
    expect(out).toContain('class="dropdown-menu show filter-panel report-categories-panel" role="group" aria-label=Count these categories');
    expect(out).toContain('id="report-category-1"');
    expect(out).toContain('class="form-check-input report-category-option"');
    expect(out).toContain('for="report-category-7"');
    expect(out).toContain("data-category-id=7");
    expect(out).toContain("id=report-categories-all");
    expect(out).toContain(">All categories</button>");
  });
});
