// Why: pins the strength meter's judgements on passwords people really type, so tuning cannot silently make "password1" look good.
import { describe, expect, it } from "vitest";
import {
  charsetSize,
  effectiveLength,
  estimateStrength,
  isCommonPassword,
  repeatedUnit,
  unleet,
} from "../src/lib/strength";

describe("estimateStrength", () => {
  it("says nothing about an empty password", () => {
    expect(estimateStrength("")).toEqual({ score: 0, label: "", bits: 0, warning: null });
  });

  it.each(["password", "Password1", "P@ssw0rd", "qwerty123", "iloveyou!", "123456789", "2024dragon", "LETMEIN"])(
    "scores the common password %s as 0 with a warning",
    (pw) => {
      const s = estimateStrength(pw);
      expect(s.score).toBe(0);
      expect(s.label).toBe("Weak");
      expect(s.warning).toMatch(/common/u);
    },
  );

  it.each([
    ["aaaaaaaaaaaa", /Repeated/u],
    ["abcdefghijkl", /Runs/u],
    ["987654321098", /Runs|Repeated/u],
    ["abcabcabcabc", /Repeated blocks/u],
    ["dfghjkxcvbn", /Runs/u],
  ])("sees through the pattern in %s", (pw, warning) => {
    const s = estimateStrength(pw);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.warning).toMatch(warning);
  });

  it("rates a short lower-case word-like password as weak", () => {
    expect(estimateStrength("kitten").score).toBeLessThanOrEqual(1);
  });

  it("rates 12 random lower-case letters as fair, not strong", () => {
    const s = estimateStrength("kdmwqpzrtxvh");
    expect(s.score).toBe(2);
    expect(s.label).toBe("Fair");
  });

  it("rates a mixed-class password of 11 characters as good", () => {
    const s = estimateStrength("Tr0ub4dor&3");
    expect(s.score).toBe(3);
    expect(s.label).toBe("Good");
  });

  it("rates a long passphrase as strong", () => {
    const s = estimateStrength("correct horse battery staple");
    expect(s.score).toBe(4);
    expect(s.label).toBe("Strong");
    expect(s.warning).toBeNull();
  });

  it("never lowers the score when a random character is appended", () => {
    let pw = "x";
    let last = estimateStrength(pw).score;
    for (const c of "Q7#mZp2!vK9@wLr4") {
      pw += c;
      const next = estimateStrength(pw).score;
      expect(next).toBeGreaterThanOrEqual(last);
      last = next;
    }
    expect(last).toBe(4);
  });

  it("counts non-ASCII letters as a bigger alphabet", () => {
    expect(estimateStrength("žluťoučkýkůň").score).toBeGreaterThan(estimateStrength("zlutouckykun").score);
  });
});

describe("helpers", () => {
  it("unleet undoes common substitutions", () => {
    expect(unleet("P@$$w0rd!")).toBe("passwordi");
  });

  it("isCommonPassword strips short decorations but not long ones", () => {
    expect(isCommonPassword("monkey12")).toBe(true);
    expect(isCommonPassword("!!monkey")).toBe(true);
    expect(isCommonPassword("monkey-business-plan")).toBe(false);
  });

  it("charsetSize adds each class once", () => {
    expect(charsetSize("abc")).toBe(26);
    expect(charsetSize("aB3")).toBe(62);
    expect(charsetSize("aB3!")).toBe(95);
    expect(charsetSize("é")).toBe(100);
  });

  it("effectiveLength discounts repeats and runs", () => {
    expect(effectiveLength("abcd")).toEqual({ length: 1.75, repeats: 0, sequences: 3 });
    expect(effectiveLength("aaaa")).toEqual({ length: 1.75, repeats: 3, sequences: 0 });
    expect(effectiveLength("a7Kq").length).toBe(4);
  });

  it("repeatedUnit finds the shortest repeating block", () => {
    expect(repeatedUnit("abab")).toBe("ab");
    expect(repeatedUnit("xxxx")).toBe("x");
    expect(repeatedUnit("abcab")).toBe("abcab");
  });
});
