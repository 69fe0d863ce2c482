// Why: the Categories screen: usage per category, adding one, inline rename/recolour, and deleting that moves the expenses instead of losing them.
import { html, nothing, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { createRef, ref } from "lit-html/directives/ref.js";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { createCategory, deleteCategory, updateCategory, type CategoryList, type CategoryView, type SessionInfo } from "../api";
import { categoryRow, type RowMode } from "../components/category-row";
import { buttonSpinner } from "../components/spinner";
import { suggestColor } from "../lib/color";
import { categoryFieldFor, type CategoryField } from "../lib/field-errors";
import { createFrame } from "./frame";
import type { AppScreen, Host, NavIntent } from "./host";

type FieldErrors = Partial<Record<CategoryField, string>>;

export function categoriesScreen(host: Host, session: SessionInfo, _intent: NavIntent = {}): AppScreen {
  let loadError: string | null = null;
  /** Form-level problems (`#category-error`): last_category, a stale list, storage… */
  let error: string | null = null;
  let active: { id: number; mode: RowMode } | null = null;
  let rowErrors: FieldErrors = {};
  let addErrors: FieldErrors = {};
  let busy = false;
  let newColor: string | null = null;
  const newNameRef = createRef<HTMLInputElement>();
  const newColorRef = createRef<HTMLInputElement>();
  const nameRef = createRef<HTMLInputElement>();
  const colorRef = createRef<HTMLInputElement>();
  const moveToRef = createRef<HTMLSelectElement>();

  const list = (): readonly CategoryView[] => frame.categories()?.categories ?? [];

  const load = async () => {
    try {
      await frame.loadCategories();
      loadError = null;
    } catch (failure) {
      const f = frame.fail(failure);
      if (f === null) return;
      loadError = f.message;
    }
    host.refresh();
  };

  const rowButton = (id: number, cls: string) =>
    document.querySelector<HTMLElement>(`.category-row[data-category-id="${id}"] .${cls}`);

  /** Runs one change; on success adopts the returned list. Field problems go to `fieldErrors`, the rest to `#category-error`. */
  const run = async (action: () => Promise<CategoryList>, fieldErrors: (e: FieldErrors) => void): Promise<boolean> => {
    busy = true;
    error = null;
    host.refresh();
    try {
      frame.setCategories(await action());
      busy = false;
      return true;
    } catch (failure) {
      busy = false;
      const f = frame.fail(failure);
      if (f === null) return false;
      const field = categoryFieldFor(f.code);
      if (field !== null) fieldErrors({ [field]: f.message });
      else error = f.message;
      if (f.code === "category_in_use" || f.code === "unknown_category") void load();
      host.refresh();
      return false;
    }
  };

  // ----- add --------------------------------------------------------------------------------------------------------

  const add = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const name = newNameRef.value?.value.trim() ?? "";
    if (name === "") {
      addErrors = { name: "Give the category a name." };
      host.refresh();
      newNameRef.value?.focus();
      return;
    }
    const color = newColorRef.value?.value ?? suggestColor([]);
    addErrors = {};
    const ok = await run(() => createCategory({ name, color }), (errs) => (addErrors = errs));
    if (ok) {
      if (newNameRef.value) newNameRef.value.value = "";
      newColor = null;
      frame.toast.show(`Added category “${name}”`);
    }
    host.refresh();
    newNameRef.value?.focus();
  };

  // ----- edit and delete --------------------------------------------------------------------------------------------

  const startEdit = (c: CategoryView) => {
    active = { id: c.id, mode: "edit" };
    rowErrors = {};
    error = null;
    host.refresh();
    nameRef.value?.focus();
    nameRef.value?.select();
  };

  const startDelete = (c: CategoryView) => {
    if (active?.id === c.id && active.mode === "delete") {
      cancel();
      return;
    }
    active = { id: c.id, mode: "delete" };
    error = null;
    host.refresh();
    (c.expenseCount > 0 ? moveToRef.value : document.getElementById("confirm-delete-category"))?.focus();
  };

  const cancel = () => {
    const was = active;
    active = null;
    rowErrors = {};
    host.refresh();
    if (was) rowButton(was.id, was.mode === "edit" ? "category-edit" : "category-delete")?.focus();
  };

  const save = (c: CategoryView) => async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const name = nameRef.value?.value ?? "";
    const color = colorRef.value?.value ?? c.color;
    rowErrors = {};
    const ok = await run(() => updateCategory(c.id, { name, color }), (errs) => (rowErrors = errs));
    if (ok) {
      active = null;
      host.refresh();
      rowButton(c.id, "category-edit")?.focus();
    } else {
      nameRef.value?.focus();
    }
  };

  const confirmDelete = (c: CategoryView) => async () => {
    if (busy) return;
    const moveTo = c.expenseCount > 0 ? Number(moveToRef.value?.value) : null;
    const target = moveTo === null ? undefined : list().find((o) => o.id === moveTo);
    // Where the keyboard goes afterwards: the next row, else the previous one, else the add form.
    const li = document.querySelector(`.category-row[data-category-id="${c.id}"]`);
    const neighbour = Number((li?.nextElementSibling ?? li?.previousElementSibling)?.getAttribute("data-category-id"));
    const ok = await run(() => deleteCategory({ id: c.id, moveTo }), () => undefined);
    if (!ok) {
      host.refresh();
      return;
    }
    active = null;
    frame.toast.show(target ? `Deleted “${c.name}”; its expenses are now in “${target.name}”` : `Deleted “${c.name}”`);
    host.refresh();
    const next = Number.isFinite(neighbour) && neighbour > 0 ? rowButton(neighbour, "category-delete") : null;
    if (next) next.focus();
    else newNameRef.value?.focus();
  };

  // ----- frame ------------------------------------------------------------------------------------------------------

  const frame = createFrame(host, session, "categories", {
    saved: () => void load(),
    imported: () => void load(),
    escape: () => {
      if (active === null) return false;
      cancel();
      return true;
    },
  });

  const addForm = (): TemplateResult => {
    const color = newColor ?? suggestColor(list().map((c) => c.color));
    const invalid = addErrors.name ?? addErrors.color;
    return html`<form id="new-category-form" class="card new-category-card" novalidate @submit=${add}>
      <div class="card-body">
        <h2 class="card-heading"><i class="bi bi-plus-circle" aria-hidden="true"></i>New category</h2>
        <fieldset class="new-category-fields" ?disabled=${busy}>
          <div class="new-category-name">
            <label for="new-category-name" class="visually-hidden">Name</label>
            <input
              ${ref(newNameRef)}
              id="new-category-name"
              type="text"
              autocomplete="off"
              class="form-control ${addErrors.name ? "is-invalid" : ""}"
              placeholder="Name, e.g. Pets"
              aria-invalid=${addErrors.name ? "true" : "false"}
              aria-describedby=${ifDefined(invalid ? "new-category-error" : undefined)}
              @input=${() => {
                if (addErrors.name === undefined) return;
                addErrors = {};
                host.refresh();
              }}
            />
          </div>
          <label for="new-category-color" class="visually-hidden">Colour</label>
          <input
            ${ref(newColorRef)}
            id="new-category-color"
            type="color"
            class="form-control form-control-color ${addErrors.color ? "is-invalid" : ""}"
            title="Colour"
            .value=${color}
            @input=${(e: Event) => (newColor = (e.target as HTMLInputElement).value)}
          />
          <button id="new-category-add" type="submit" class="btn btn-primary">
            ${busy && active === null ? buttonSpinner() : html`<i class="bi bi-plus-lg" aria-hidden="true"></i>`}Add
          </button>
        </fieldset>
        <div id="new-category-error" class="invalid-feedback ${invalid ? "d-block" : ""}">${invalid ?? ""}</div>
      </div>
    </form>`;
  };

  const rows = (): TemplateResult => {
    const all = list();
    if (frame.categories() === null) {
      return html`<div class="placeholder-glow p-3" aria-hidden="true">
        ${[1, 2, 3, 4, 5].map(() => html`<span class="placeholder col-12 mb-3"></span>`)}
      </div>`;
    }
    return html`<div class="category-head" aria-hidden="true"><span>Category</span><span>Expenses</span><span>All-time total</span><span></span></div>
      <ul id="categories-list" class="category-list" aria-label="Categories">
        ${repeat(
          all,
          (c) => c.id,
          (c) =>
            categoryRow({
              category: c,
              others: all.filter((o) => o.id !== c.id),
              currency: frame.currency,
              mode: active?.id === c.id ? active.mode : "view",
              busy,
              errors: active?.id === c.id ? rowErrors : {},
              nameRef,
              colorRef,
              moveToRef,
              onEdit: () => startEdit(c),
              onDelete: () => startDelete(c),
              onSave: save(c),
              onCancel: cancel,
              onConfirmDelete: confirmDelete(c),
            }),
        )}
      </ul>`;
  };

  return frame.screen(
    () => html`<section id="categories" aria-labelledby="categories-title">
      <header class="page-header">
        <div class="page-heading">
          <h1 id="categories-title" class="page-title" tabindex="-1">Categories</h1>
          <p class="page-lead">Group your expenses. A new name or colour applies everywhere at once.</p>
        </div>
      </header>
      ${loadError === null ? nothing : html`<div id="categories-load-error" class="alert alert-danger" role="alert">${loadError}</div>`}
      ${addForm()}
      ${error === null
        ? nothing
        : html`<div id="category-error" class="alert alert-danger d-flex gap-2" role="alert">
            <i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i><span>${error}</span>
          </div>`}
      <div class="card list-card">${rows()}</div>
    </section>`,
    () => void load(),
  );
}
