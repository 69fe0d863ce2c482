// Why: the create form's client checks must agree with the contract (name 1–40 after trim, policy minimum, matching confirm).
import { describe, expect, it } from "vitest";
import {
  charCount,
  hasErrors,
  passwordRule,
  validateConfirm,
  validateCreate,
  validateName,
  validatePassword,
} from "../src/lib/validation";

const policy = { minLength: 10 };

describe("validateName", () => {
  it("accepts 1 to 40 characters after trimming", () => {
    expect(validateName("A")).toBeNull();
    expect(validateName("  Alice  ")).toBeNull();
    expect(validateName("x".repeat(40))).toBeNull();
    expect(validateName(`  ${"x".repeat(40)}  `)).toBeNull();
  });

  it("refuses empty, blank and too long names", () => {
    expect(validateName("")).toMatch(/Enter a name/u);
    expect(validateName("   \t")).toMatch(/Enter a name/u);
    expect(validateName("x".repeat(41))).toMatch(/at most 40/u);
  });

  it("counts characters, not UTF-16 units", () => {
    // 40 emoji are 80 UTF-16 units but 40 characters as Rust counts them.
    expect(charCount("😀".repeat(40))).toBe(40);
    expect(validateName("😀".repeat(40))).toBeNull();
    expect(validateName("😀".repeat(41))).not.toBeNull();
  });

  it("refuses control characters", () => {
    expect(validateName("Al\u0007ice")).toMatch(/cannot be shown/u);
  });
});

describe("passwords", () => {
  it("states the policy", () => {
    expect(passwordRule({ minLength: 12 })).toBe("At least 12 characters.");
  });

  it("enforces the minimum length from the policy", () => {
    expect(validatePassword("", policy)).toMatch(/Choose/u);
    expect(validatePassword("123456789", policy)).toMatch(/at least 10/u);
    expect(validatePassword("1234567890", policy)).toBeNull();
    expect(validatePassword("123456789", { minLength: 8 })).toBeNull();
  });

  it("requires the confirmation to match exactly", () => {
    expect(validateConfirm("abc", "")).toMatch(/again/u);
    expect(validateConfirm("abc", "abd")).toMatch(/do not match/u);
    expect(validateConfirm("abc", "abc ")).toMatch(/do not match/u);
    expect(validateConfirm("abc", "abc")).toBeNull();
  });
});

describe("validateCreate", () => {
  it("passes a complete, valid form", () => {
    const errors = validateCreate({ name: "Alice", password: "long enough pw", confirm: "long enough pw" }, policy);
    expect(errors).toEqual({});
    expect(hasErrors(errors)).toBe(false);
  });

  it("reports every field that is wrong", () => {
    const errors = validateCreate({ name: " ", password: "short", confirm: "other" }, policy);
    expect(Object.keys(errors).sort()).toEqual(["confirm", "name", "password"]);
    expect(hasErrors(errors)).toBe(true);
  });

  it("does not nag for the confirmation while the password itself is still invalid", () => {
    const errors = validateCreate({ name: "Bob", password: "short", confirm: "" }, policy);
    expect(errors).toEqual({ password: "Use at least 10 characters." });
  });

  it("asks for the confirmation once the password is valid", () => {
    const errors = validateCreate({ name: "Bob", password: "long enough pw", confirm: "" }, policy);
    expect(errors).toEqual({ confirm: "Type the password again." });
  });
});
