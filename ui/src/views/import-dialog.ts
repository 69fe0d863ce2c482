// Why: the import dialog every unlocked screen shares (a dropped or picked file): previews it, re-reads it when a choice changes, keeps the person's ticks and category choices, imports, shows a slow preview or import's progress with Cancel, and puts Rust's verdict beside the right control.
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import {
  cancelImport,
  importCommit,
  importPreview,
  normaliseError,
  onImportProgress,
  type AppError,
  type CategoryList,
  type ColumnChoice,
  type CurrencyInfo,
  type ImportBatchView,
  type ImportPhase,
  type ImportPreview,
  type ImportPreviewRequest,
  type ImportProgress,
} from "../api";
import { iconAlert } from "../components/icon-alert";
import {
  datesUnresolved,
  importCancelledNote,
  importContent,
  importProgress,
  importSkeleton,
  importTitle,
  type ImportViewProps,
} from "../components/import-preview";
import { modal } from "../components/modal";
import { buttonSpinner } from "../components/spinner";
import {
  categoryChoices,
  categoryMapDefaults,
  chooseColumn,
  columnsProblem,
  commitBlocker,
  commitLabel,
  defaultCategoryFor,
  fileNameOf,
  IMPORT_SLOW_MS,
  importCount,
  importProgressView,
  includedDuplicates,
  sameColumns,
} from "../lib/transfer";

export interface ImportDialogDeps {
  currency: CurrencyInfo;
  categories(): CategoryList | null;
  loadCategories(): Promise<CategoryList>;
  refresh(): void;
  /** Normalises a failure; null when it was `locked` and the app already went to the unlock screen. */
  fail(error: unknown): AppError | null;
  /** After the import, with the dialog already closed. */
  imported(batch: ImportBatchView): void;
  /** After a cancelled preview (or an import cancelled by closing), with the dialog already closed. */
  cancelled(): void;
  /** Shows the open dialog again (after an unreadable file); null when the person cancelled. */
  pickAnother(): Promise<string | null>;
  /** Where focus goes when the element that opened the dialog is gone. */
  fallbackFocus(): void;
}

export interface ImportDialog {
  /** Opens (or, when open and idle, switches to) the file at `path`; `note` is said above it (several files dropped). */
  open(path: string, opener: Element | null, note?: string | null): void;
  /** Closes; a running preview or import is cancelled first (an import closes once it has answered). */
  close(): void;
  isOpen(): boolean;
  /** Importing right now: nothing may replace it, and closing waits for Rust to stop. */
  isBusy(): boolean;
  template(): TemplateResult | typeof nothing;
}

const EMPTY_REQUEST: Omit<ImportPreviewRequest, "path"> = { encoding: null, sheet: null, columns: null, dateFormat: null, sign: null };

/** A running preview or import, as the dialog follows it. */
interface Run {
  /** Rust's latest report (row 0 of the run's phase until the first one arrives). */
  progress: ImportProgress;
  /** An import: how many expenses it adds (what the Import button said); null for a preview. */
  total: number | null;
  /** It has run longer than `IMPORT_SLOW_MS`: the progress bar and Cancel show. */
  slow: boolean;
  /** Cancel was asked. */
  cancelling: boolean;
  /** What had the focus when it started (the run disables the controls; focus goes back after a re-read). */
  focused: Element | null;
  timer: ReturnType<typeof setTimeout>;
  /** Stops listening for its progress. */
  stop(): void;
}

export function createImportDialog(deps: ImportDialogDeps): ImportDialog {
  let path: string | null = null;
  let opener: Element | null = null;
  let note: string | null = null;
  /** The choices of the next preview (null: let Rust detect). */
  let request: ImportPreviewRequest | null = null;
  /** The request the shown preview answers: what Import sends. */
  let shown: ImportPreviewRequest | null = null;
  let preview: ImportPreview | null = null;
  /** The columns as chosen in the selects (may be incomplete, and then not previewed). */
  let columns: ColumnChoice | null = null;
  /** The person chose columns: send them with every preview from now on (else Rust detects them). */
  let columnsTouched = false;
  let columnsError: string | null = null;
  let dateError: string | null = null;
  let error: AppError | null = null;
  /** Lines of likely duplicates the person ticked; kept across re-reads (only those still duplicates count). */
  let ticked = new Set<number>();
  let categoryMap = new Map<string, number | null>();
  let defaultCategoryId: number | null = null;
  let leaveOut = false;
  let loading = false;
  let committing = false;
  /** The preview or import running now. */
  let run: Run | null = null;
  /** The last import was cancelled: the note says so beside the buttons. */
  let cancelled = false;
  /** Closed (Esc, ×, Cancel) while importing: the dialog goes once the import has answered. */
  let closeWhenDone = false;
  /** Bumped by every preview and by closing: a late answer for an older one is dropped. */
  let serial = 0;
  /** The first preview of a file moves the focus to what needs attention. */
  let firstPreview = true;

  const dialogEl = () => document.getElementById("import-modal");

  const categoryList = () => deps.categories()?.categories ?? [];

  const close = () => {
    if (path === null) return;
    endRun();
    path = null;
    serial++;
    loading = false;
    preview = null;
    request = null;
    shown = null;
    deps.refresh();
    const back = opener;
    opener = null;
    if (back instanceof HTMLElement && back !== document.body && back.isConnected) back.focus();
    else deps.fallbackFocus();
  };

  /** Focus the control that needs the person, unless they already moved on inside the dialog. */
  const focusAttention = () => {
    const active = document.activeElement;
    if (active !== null && active !== document.body && active !== dialogEl()) return;
    const target =
      (preview !== null && datesUnresolved(preview) ? document.getElementById("import-date-format") : null) ??
      (preview !== null && preview.problemCount > 0 && !leaveOut ? document.getElementById("import-leave-out-problems") : null) ??
      document.querySelector<HTMLElement>("#import-commit:not([disabled])") ??
      document.getElementById("import-pick-other") ??
      document.getElementById("import-cancel");
    target?.focus();
  };

  /** The focus went nowhere, or is on a control the run disabled. */
  const focusLost = () => {
    const active = document.activeElement;
    return active === null || active === document.body || (active instanceof HTMLElement && active.matches(":disabled"));
  };

  /** Follows a preview or import starting now: its progress, and after half a second the bar and Cancel. */
  const beginRun = (phase: ImportPhase, total: number | null) => {
    endRun();
    const mine: Run = {
      progress: { phase, rows: 0 },
      total,
      slow: false,
      cancelling: false,
      focused: document.activeElement,
      timer: setTimeout(() => {
        if (run !== mine) return;
        mine.slow = true;
        deps.refresh();
        if (focusLost()) document.getElementById("import-cancel-run")?.focus();
      }, IMPORT_SLOW_MS),
      stop: () => undefined,
    };
    run = mine;
    const listening = onImportProgress((progress) => {
      if (run !== mine) return;
      mine.progress = progress;
      if (mine.slow) deps.refresh();
    }).catch((e: unknown) => {
      console.warn("cannot listen for import-progress", normaliseError(e));
      return () => undefined;
    });
    mine.stop = () => void listening.then((stop) => stop());
  };

  /** The run answered, or the dialog closed: no timer, no listening, no bar. */
  const endRun = () => {
    if (run === null) return;
    clearTimeout(run.timer);
    run.stop();
    run = null;
  };

  /** Cancel: asks Rust to stop the running preview or import, whose call then rejects with `import_cancelled`. */
  const cancelRun = () => {
    const mine = run;
    if (mine === null || mine.cancelling) return;
    mine.cancelling = true;
    deps.refresh();
    cancelImport().catch((e: unknown) => {
      const failure = deps.fail(e);
      if (failure === null || run !== mine) return;
      mine.cancelling = false;
      error = failure;
      deps.refresh();
    });
  };

  /** Esc, × and Cancel: a running preview is cancelled and the dialog goes; a running import is cancelled, then it goes. */
  const requestClose = () => {
    if (path === null) return;
    cancelRun();
    if (committing) closeWhenDone = true;
    else close();
  };

  const runPreview = async (next: ImportPreviewRequest) => {
    const mine = ++serial;
    request = next;
    loading = true;
    cancelled = false;
    beginRun("reading", null);
    const focused = run?.focused ?? null;
    deps.refresh();
    try {
      const fresh = await importPreview(next);
      if (mine !== serial) return;
      endRun();
      preview = fresh;
      shown = next;
      // Rust's columns, unless the person has chosen others this answer was not read with (an incomplete choice).
      if (!columnsTouched || columns === null || (next.columns !== null && sameColumns(columns, next.columns))) columns = fresh.columns;
      categoryMap = categoryMapDefaults(fresh.unknownCategories, categoryList(), categoryMap);
      columnsError = null;
      dateError = null;
      error = null;
    } catch (e) {
      if (mine !== serial) return;
      endRun();
      const failure = deps.fail(e);
      if (failure === null) return;
      if (failure.code === "import_cancelled") {
        // The person stopped reading the file (the first preview, or a re-read): the dialog goes, a toast says so.
        close();
        deps.cancelled();
        return;
      }
      if (failure.code === "invalid_columns" && preview !== null) columnsError = failure.message;
      else if (failure.code === "ambiguous_dates" && preview !== null) dateError = failure.message;
      else error = failure;
      // The controls go back to what the shown preview was read with; the message says what failed.
      if (shown !== null) request = shown;
    }
    loading = false;
    deps.refresh();
    if (firstPreview) {
      firstPreview = false;
      focusAttention();
    } else if (focusLost() && focused instanceof HTMLElement && focused.isConnected && !focused.matches(":disabled")) {
      // The control the person changed was disabled while the file was read again.
      focused.focus();
    }
  };

  const rerun = (changes: Partial<ImportPreviewRequest>) => {
    if (request === null) return;
    const chosen = columnsTouched && columns !== null && columnsProblem(columns) === null ? { columns } : {};
    void runPreview({ ...request, ...chosen, ...changes });
  };

  const onColumn = (role: keyof ColumnChoice, index: number | null) => {
    if (columns === null) return;
    columns = chooseColumn(columns, role, index);
    columnsTouched = true;
    columnsError = null;
    if (columnsProblem(columns) === null) rerun({});
    else deps.refresh();
  };

  const count = () => (preview === null ? 0 : importCount(preview, ticked));

  /** Why Import cannot run now, or null. */
  const blocker = (): string | null => {
    if (preview === null) return error === null ? "Reading the file…" : "This file cannot be imported.";
    if (loading) return "Reading the file…";
    if (columnsError !== null) return columnsError;
    if (dateError !== null) return dateError;
    if (columns !== null && columnsProblem(columns) !== null) return columnsProblem(columns);
    return commitBlocker({
      columnsProblem: null,
      datesResolved: !datesUnresolved(preview),
      problemCount: preview.problemCount,
      leaveOutProblems: leaveOut,
      count: count(),
      defaultCategoryId,
    });
  };

  const commit = async () => {
    if (committing || preview === null || shown === null || defaultCategoryId === null || blocker() !== null) return;
    const p = preview;
    committing = true;
    error = null;
    cancelled = false;
    closeWhenDone = false;
    beginRun("writing", count());
    deps.refresh();
    try {
      const batch = await importCommit({
        preview: shown,
        includeDuplicates: includedDuplicates(p.rows, ticked),
        categories: categoryChoices(p.unknownCategories, categoryMap),
        defaultCategoryId,
        leaveOutProblems: leaveOut && p.problemCount > 0,
      });
      committing = false;
      endRun();
      close();
      deps.imported(batch);
    } catch (e) {
      committing = false;
      endRun();
      const closing = closeWhenDone;
      closeWhenDone = false;
      const failure = deps.fail(e);
      if (failure === null) return;
      if (failure.code === "import_cancelled") {
        if (closing) {
          close();
          deps.cancelled();
          return;
        }
        // Nothing was written: the preview stays, with the choices as they were.
        cancelled = true;
        deps.refresh();
        document.getElementById("import-commit")?.focus();
        return;
      }
      switch (failure.code) {
        case "invalid_columns":
          columnsError = failure.message;
          break;
        case "ambiguous_dates":
          dateError = failure.message;
          break;
        case "unknown_category":
          // A category was deleted meanwhile: offer the current list.
          error = failure;
          void deps.loadCategories().then((list) => {
            categoryMap = categoryMapDefaults(p.unknownCategories, list.categories, categoryMap);
            if (defaultCategoryId !== null && !list.categories.some((c) => c.id === defaultCategoryId)) defaultCategoryId = defaultCategoryFor(list.categories);
            deps.refresh();
          }, deps.fail);
          break;
        case "import_problems":
          // The file changed since the preview: show what it holds now.
          error = failure;
          if (shown !== null) void runPreview(shown);
          break;
        default:
          error = failure;
      }
      deps.refresh();
      document.getElementById("import-commit")?.focus();
    }
  };

  const pickAnother = async () => {
    let picked: string | null;
    try {
      picked = await deps.pickAnother();
    } catch (e) {
      const failure = deps.fail(e);
      if (failure !== null) {
        error = failure;
        deps.refresh();
      }
      return;
    }
    if (picked !== null && path !== null) start(picked, null);
  };

  /** Resets everything for `file` and asks for its first preview. */
  const start = (file: string, withNote: string | null) => {
    path = file;
    note = withNote;
    preview = null;
    shown = null;
    columns = null;
    columnsTouched = false;
    columnsError = null;
    dateError = null;
    error = null;
    ticked = new Set();
    categoryMap = new Map();
    leaveOut = false;
    committing = false;
    cancelled = false;
    closeWhenDone = false;
    firstPreview = true;
    defaultCategoryId = defaultCategoryFor(categoryList());
    if (deps.categories() === null) {
      void deps.loadCategories().then((list) => {
        defaultCategoryId ??= defaultCategoryFor(list.categories);
        if (preview !== null) categoryMap = categoryMapDefaults(preview.unknownCategories, list.categories, categoryMap);
        deps.refresh();
      }, deps.fail);
    }
    void runPreview({ path: file, ...EMPTY_REQUEST });
    dialogEl()?.focus();
  };

  const props = (p: ImportPreview, cols: ColumnChoice): ImportViewProps => ({
    preview: p,
    currency: deps.currency,
    categories: categoryList(),
    choices: request ?? shown ?? EMPTY_REQUEST,
    columns: cols,
    columnsError: columnsError ?? columnsProblem(cols),
    dateError,
    ticked,
    categoryMap,
    defaultCategoryId,
    leaveOutProblems: leaveOut,
    loading,
    // Nothing changes while Rust reads or writes: a second run would wait behind this one, out of Cancel's reach.
    busy: committing || loading,
    onSheet: (sheet) => {
      // Another sheet has other columns and dates: let Rust detect them again (the old ones show until then).
      ticked = new Set();
      columnsTouched = false;
      rerun({ sheet, columns: null, dateFormat: null });
    },
    onEncoding: (encoding) => rerun({ encoding }),
    onColumn,
    onDateFormat: (dateFormat) => {
      dateError = null;
      rerun({ dateFormat });
    },
    onSign: (sign) => rerun({ sign }),
    onTick: (line, on) => {
      ticked = new Set(ticked);
      if (on) ticked.add(line);
      else ticked.delete(line);
      deps.refresh();
    },
    onCategoryMap: (name, id) => {
      categoryMap = new Map(categoryMap).set(name, id);
      deps.refresh();
    },
    onDefaultCategory: (id) => {
      defaultCategoryId = id;
      deps.refresh();
    },
    onLeaveOut: (on) => {
      leaveOut = on;
      deps.refresh();
    },
  });

  const body = (): TemplateResult => {
    let content: TemplateResult | typeof nothing = nothing;
    if (preview !== null && columns !== null) content = importContent(props(preview, columns));
    else if (loading) content = importSkeleton();
    else if (error !== null) {
      content = html`<div class="import-unreadable">
        <button id="import-pick-other" type="button" class="btn btn-outline-primary" @click=${() => void pickAnother()}>
          <i class="bi bi-folder2-open" aria-hidden="true"></i>Choose another file…
        </button>
      </div>`;
    }
    const why = blocker();
    const showWhy = why !== null && preview !== null && !loading;
    /** The file could not be read at all: nothing to import, only another file to choose. */
    const unreadable = preview === null && !loading && error !== null;
    const progress =
      run !== null && run.slow
        ? importProgress({ view: importProgressView(run.progress, run.total), cancelling: run.cancelling, onCancel: cancelRun })
        : nothing;
    const commitButton = html`<button
      id="import-commit"
      type="button"
      class="btn btn-primary"
      ?disabled=${committing || why !== null}
      aria-describedby=${ifDefined(showWhy ? "import-commit-hint" : undefined)}
      @click=${() => void commit()}
    >
      ${committing ? html`${buttonSpinner()}Importing…` : commitLabel(count())}
    </button>`;
    return html`<div class="coffer-modal-form">
      <div class="modal-body import-body" aria-busy=${loading ? "true" : "false"}>
        ${iconAlert({ id: "import-note", tone: "primary", icon: "bi-info-circle-fill", role: "status", text: note })}
        ${iconAlert({ id: "import-error", tone: "danger", icon: "bi-exclamation-octagon-fill", role: "alert", text: error?.message ?? null })}
        ${content}
      </div>
      <div class="modal-footer import-footer">
        ${progress} ${cancelled ? importCancelledNote() : nothing}
        <p id="import-commit-hint" class="import-commit-hint">${showWhy ? why : ""}</p>
        ${run !== null && run.slow
          ? nothing
          : html`<button id="import-cancel" type="button" class="btn btn-outline-secondary" @click=${requestClose}>Cancel</button>`}
        ${unreadable ? nothing : commitButton}
      </div>
    </div>`;
  };

  return {
    open(file, from, withNote = null) {
      if (committing) return;
      if (path === null) opener = from;
      start(file, withNote);
    },
    close: requestClose,
    isOpen: () => path !== null,
    isBusy: () => committing,
    template() {
      if (path === null) return nothing;
      return modal({
        id: "import-modal",
        labelledBy: "import-modal-title",
        dialogClass: "modal-xl modal-dialog-scrollable",
        extraClass: "import-modal",
        onClose: requestClose,
        header: importTitle(preview?.fileName ?? fileNameOf(path)),
        body: body(),
      });
    },
  };
}
