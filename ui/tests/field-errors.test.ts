// Why: a backend error must land beside the field it is about (or above the form), and the form's quick checks must agree with Rust's limits.
import { describe, expect, it } from "vitest";
import {
  alertSettingsFieldFor,
  budgetFieldFor,
  categoryFieldFor,
  checkExpenseDraft,
  expenseFieldFor,
  expenseFieldId,
  firstErrorField,
} from "../src/lib/field-errors";

describe("error code → field", () => {
  it("maps every expense field code", () => {
    expect(expenseFieldFor("invalid_date")).toBe("date");
    expect(expenseFieldFor("invalid_amount")).toBe("amount");
    expect(expenseFieldFor("invalid_category")).toBe("category");
    expect(expenseFieldFor("unknown_category")).toBe("category");
    expect(expenseFieldFor("invalid_description")).toBe("description");
    expect(expenseFieldFor("invalid_notes")).toBe("notes");
    expect(expenseFieldFor("invalid_payment_method")).toBe("payment");
  });

  it("gives the input's id", () => {
    expect(expenseFieldId("invalid_payment_method")).toBe("expense-payment");
    expect(expenseFieldId("invalid_amount")).toBe("expense-amount");
  });

  it("leaves everything else to the form-level alert", () => {
    for (const code of ["locked", "unknown_expense", "invalid_filter", "storage", "internal"] as const) {
      expect(expenseFieldFor(code)).toBeNull();
      expect(expenseFieldId(code)).toBeNull();
    }
  });

  it("maps the budget dialogs' codes", () => {
    expect(budgetFieldFor("invalid_amount")).toBe("amount");
    expect(budgetFieldFor("invalid_month")).toBeNull();
    expect(budgetFieldFor("unknown_category")).toBeNull();
    expect(alertSettingsFieldFor("invalid_threshold")).toBe("thresholds");
    expect(alertSettingsFieldFor("invalid_amount")).toBeNull();
  });

  it("maps the category form's codes", () => {
    expect(categoryFieldFor("invalid_category_name")).toBe("name");
    expect(categoryFieldFor("duplicate_category")).toBe("name");
    expect(categoryFieldFor("invalid_color")).toBe("color");
    expect(categoryFieldFor("last_category")).toBeNull();
    expect(categoryFieldFor("category_in_use")).toBeNull();
  });
});

describe("checkExpenseDraft", () => {
  const ok = { date: "2026-11-24", amount: "12.34", description: "Weekly shop", notes: "", payment: "" };

  it("accepts a complete expense", () => {
    expect(checkExpenseDraft(ok)).toEqual({});
  });

  it("asks for date, amount and description", () => {
    const errors = checkExpenseDraft({ ...ok, date: "", amount: "  ", description: "   " });
    expect(Object.keys(errors).sort()).toEqual(["amount", "date", "description"]);
    expect(firstErrorField(errors)).toBe("date");
  });

  it("refuses a date that does not exist", () => {
    expect(checkExpenseDraft({ ...ok, date: "2025-02-29" }).date).toBeDefined();
  });

  it("counts characters, not UTF-16 units, against the limits", () => {
    expect(checkExpenseDraft({ ...ok, description: "😀".repeat(200) })).toEqual({});
    expect(checkExpenseDraft({ ...ok, description: "x".repeat(201) }).description).toContain("200");
    expect(checkExpenseDraft({ ...ok, notes: "n".repeat(2001) }).notes).toContain("2000");
    expect(checkExpenseDraft({ ...ok, payment: "p".repeat(41) }).payment).toContain("40");
    expect(firstErrorField(checkExpenseDraft({ ...ok, payment: "p".repeat(41), notes: "n".repeat(2001) }))).toBe("notes");
  });

  it("leaves the amount's format to Rust", () => {
    expect(checkExpenseDraft({ ...ok, amount: "0" })).toEqual({});
  });
});
