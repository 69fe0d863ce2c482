// Why: the create form offers the backend's currencies by name and preselects the one of the person's region, so most people never touch the field.

/** Currency of common regions (ISO 3166 alpha-2 → ISO 4217). Regions not listed fall back to the euro. */
const REGION_CURRENCY: Readonly<Record<string, string>> = {
  // euro area
  AT: "EUR", BE: "EUR", CY: "EUR", DE: "EUR", EE: "EUR", ES: "EUR", FI: "EUR", FR: "EUR", GR: "EUR", HR: "EUR",
  IE: "EUR", IT: "EUR", LT: "EUR", LU: "EUR", LV: "EUR", MT: "EUR", NL: "EUR", PT: "EUR", SI: "EUR", SK: "EUR",
  // rest of Europe
  GB: "GBP", CH: "CHF", LI: "CHF", SE: "SEK", NO: "NOK", DK: "DKK", IS: "ISK", PL: "PLN", CZ: "CZK", HU: "HUF",
  RO: "RON", BG: "BGN", RS: "RSD", UA: "UAH", TR: "TRY", RU: "RUB",
  // Americas
  US: "USD", CA: "CAD", MX: "MXN", BR: "BRL", AR: "ARS", CL: "CLP", CO: "COP", PE: "PEN", UY: "UYU",
  // Asia-Pacific
  JP: "JPY", CN: "CNY", HK: "HKD", TW: "TWD", KR: "KRW", IN: "INR", SG: "SGD", MY: "MYR", TH: "THB", ID: "IDR",
  PH: "PHP", VN: "VND", PK: "PKR", BD: "BDT", AU: "AUD", NZ: "NZD",
  // Middle East and Africa
  AE: "AED", SA: "SAR", IL: "ILS", QA: "QAR", KW: "KWD", BH: "BHD", OM: "OMR", JO: "JOD", EG: "EGP", MA: "MAD",
  TN: "TND", ZA: "ZAR", NG: "NGN", KE: "KES", GH: "GHS",
};

/** The fallback when no region is known or its currency is not offered. */
export const FALLBACK_CURRENCY = "EUR";

/** The region of a BCP 47 tag ("en-GB" → "GB", "zh-Hant-TW" → "TW"), or null when it names none. */
export function regionOf(locale: string): string | null {
  try {
    return new Intl.Locale(locale).region ?? null;
  } catch {
    return null;
  }
}

/**
 * The currency to preselect: that of the first locale with a known region whose currency is offered,
 * else EUR (when offered), else the first offered code.
 */
export function defaultCurrency(locales: readonly string[], offered: readonly string[]): string {
  for (const locale of locales) {
    const region = regionOf(locale);
    const code = region === null ? undefined : REGION_CURRENCY[region];
    if (code !== undefined && offered.includes(code)) return code;
  }
  return offered.includes(FALLBACK_CURRENCY) || offered.length === 0 ? FALLBACK_CURRENCY : (offered[0] as string);
}

/** "EUR — Euro"; just the code when the runtime has no name for it. */
export function currencyLabel(code: string, locale?: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(locale, { type: "currency" }).of(code);
  } catch {
    name = undefined;
  }
  return name === undefined || name === code ? code : `${code} — ${name}`;
}
