// Why: amounts are integer minor units; this turns them into text (exact decimal strings, then Intl) without ever doing float arithmetic on money.
import type { CurrencyInfo } from "../api/bindings/CurrencyInfo";

/**
 * The exact decimal form of `minor` minor units with `minorUnits` digits after the point:
 * 1234 with 2 → "12.34", 1234 with 0 → "1234", 5 with 3 → "0.005", -250 with 2 → "-2.50".
 * Built from the integer's digits, so 99,999,999,999 stays exact. A non-integer input throws: it is a bug upstream.
 */
export function plainAmount(minor: number, minorUnits: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an amount in minor units: ${minor}`);
  if (!Number.isInteger(minorUnits) || minorUnits < 0 || minorUnits > 4) throw new RangeError(`bad minor units: ${minorUnits}`);
  const sign = minor < 0 ? "-" : "";
  const digits = Math.abs(minor).toString().padStart(minorUnits + 1, "0");
  if (minorUnits === 0) return sign + digits;
  const cut = digits.length - minorUnits;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: CurrencyInfo, locale: string | undefined, display: "symbol" | "code"): Intl.NumberFormat {
  const key = `${locale ?? ""}|${currency.code}|${currency.minorUnits}|${display}`;
  let fmt = formatters.get(key);
  if (fmt === undefined) {
    fmt = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: currency.code,
      currencyDisplay: display,
      // ISO 4217's digits, not CLDR's (they differ for a few currencies, e.g. IQD).
      minimumFractionDigits: currency.minorUnits,
      maximumFractionDigits: currency.minorUnits,
    });
    formatters.set(key, fmt);
  }
  return fmt;
}

/** Intl accepts a decimal string and formats it exactly (ES2023); typed loosely here because our lib target is ES2022. */
type DecimalFormat = (value: string) => string;

/** "€1,234.56", "1.234,56 €", "¥1,234", "BHD 1.234" — in the person's locale unless one is given. */
export function formatMoney(minor: number, currency: CurrencyInfo, locale?: string): string {
  const fmt = formatter(currency, locale, "symbol");
  return (fmt.format as unknown as DecimalFormat)(plainAmount(minor, currency.minorUnits));
}

/** The symbol the locale uses for a currency ("€", "CA$", "BHD"), for an input's addon. */
export function currencySymbol(currency: CurrencyInfo, locale?: string): string {
  const part = formatter(currency, locale, "symbol")
    .formatToParts(1)
    .find((p) => p.type === "currency");
  return part?.value ?? currency.code;
}

/** What an empty amount field suggests: "0.00", "0", "0.000". */
export function amountPlaceholder(minorUnits: number): string {
  return plainAmount(0, minorUnits);
}

/**
 * Whole-percent change from `previous` to `current` (both minor units), rounded half away from zero;
 * null when there is nothing to compare with. A ratio for display, not an amount.
 */
export function percentChange(current: number, previous: number): number | null {
  if (previous <= 0) return null;
  const diff = current - previous;
  const value = Math.round((Math.abs(diff) * 100) / previous);
  return diff < 0 ? -value : value;
}

/** A share of `whole` in percent, for bar widths: 0–100, at least 2 for anything non-zero so a bar never vanishes. */
export function sharePercent(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.min(100, Math.max(2, Math.round((part * 100) / whole)));
}
