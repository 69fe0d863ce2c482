// Why: views branch on AppError.code only, so whatever Tauri rejects with must be normalised to a known code.
import { describe, expect, it } from "vitest";
import { isAppError, isErrorCode, normaliseError } from "../src/api/errors";

describe("normaliseError", () => {
  it("passes a well-formed AppError through", () => {
    expect(normaliseError({ code: "wrong_password", message: "Wrong password" })).toEqual({
      code: "wrong_password",
      message: "Wrong password",
    });
  });

  it("keeps the code when the message is missing", () => {
    const e = normaliseError({ code: "locked" });
    expect(e.code).toBe("locked");
    expect(e.message).not.toBe("");
  });

  it("turns an unknown code into internal, keeping the message", () => {
    expect(normaliseError({ code: "brand_new_code", message: "From a newer shell" })).toEqual({
      code: "internal",
      message: "From a newer shell",
    });
  });

  it("turns Tauri's bare string rejections into internal", () => {
    expect(normaliseError("command foo not found")).toEqual({ code: "internal", message: "command foo not found" });
  });

  it("turns Errors and junk into internal", () => {
    expect(normaliseError(new TypeError("boom"))).toEqual({ code: "internal", message: "boom" });
    for (const junk of [undefined, null, 42, "", { code: 7 }]) {
      const e = normaliseError(junk);
      expect(e.code).toBe("internal");
      expect(e.message.length).toBeGreaterThan(0);
    }
  });
});

describe("isAppError", () => {
  const wrong = { code: "wrong_password", message: "no" };

  it("checks shape and, when given, the code", () => {
    expect(isAppError(wrong)).toBe(true);
    expect(isAppError(wrong, "wrong_password")).toBe(true);
    expect(isAppError(wrong, "locked", "wrong_password")).toBe(true);
    expect(isAppError(wrong, "locked")).toBe(false);
  });

  it("rejects things that merely look similar", () => {
    expect(isAppError({ code: "wrong_password" })).toBe(false);
    expect(isAppError({ code: "nope", message: "x" })).toBe(false);
    expect(isAppError("wrong_password")).toBe(false);
    expect(isAppError(null)).toBe(false);
  });

  it("knows exactly the generated codes", () => {
    expect(isErrorCode("tampered_ledger")).toBe(true);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode("constructor")).toBe(false);
  });
});
