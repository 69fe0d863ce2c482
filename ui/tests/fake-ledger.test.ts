// Why: the dev-only fake stands in for Rust in the browser; its amount parsing and paging must behave like the real thing or screens get built against the wrong rules.
import { describe, expect, it } from "vitest";
import { FakeLedger, parseAmount } from "../src/api/fake-ledger";
import { NO_FILTER, toExpenseFilter } from "../src/lib/expense-list";

const EUR = { code: "EUR", minorUnits: 2 };
const JPY = { code: "JPY", minorUnits: 0 };
const BHD = { code: "BHD", minorUnits: 3 };

describe("parseAmount (port of money::parse_amount)", () => {
  it("reads what people write", () => {
    expect(parseAmount("12.34", EUR)).toBe(1234);
    expect(parseAmount("12,34", EUR)).toBe(1234);
    expect(parseAmount("1,234.56", EUR)).toBe(123456);
    expect(parseAmount("1.234,56", EUR)).toBe(123456);
    expect(parseAmount("1 234,56", EUR)).toBe(123456);
    expect(parseAmount("1,234", EUR)).toBe(123400);
    expect(parseAmount("1,234", JPY)).toBe(1234);
    expect(parseAmount("1.234", BHD)).toBe(1234);
    expect(parseAmount("1,234", BHD)).toBe(1234);
  });

  it("refuses the rest with Rust's words", () => {
    expect(parseAmount("12.345", EUR)).toBe("EUR amounts have at most 2 decimal places");
    expect(parseAmount("12.5", JPY)).toBe("JPY amounts have no decimal places");
    expect(parseAmount("0", EUR)).toBe("the amount must be more than zero");
    expect(parseAmount("-5", EUR)).toBe("the amount must be more than zero");
    expect(parseAmount("", EUR)).toBe("enter an amount");
    expect(parseAmount("abc", EUR)).toContain("is not an amount");
  });
});

describe("FakeLedger paging", () => {
  it("walks every expense exactly once, page by page", () => {
    const ledger = new FakeLedger(EUR);
    ledger.seedDemo(new Date(2026, 10, 24, 12));
    const filter = toExpenseFilter(NO_FILTER, new Date(2026, 10, 24, 12));
    const total = ledger.totals(filter).count;
    expect(total).toBeGreaterThan(200);
    const seen = new Set<number>();
    let after = null;
    for (;;) {
      const page = ledger.page({ filter, sort: "amount", descending: true, after, limit: 50 });
      for (const e of page.expenses) seen.add(e.id);
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen.size).toBe(total);
  });
});
