import { describe, expect, it } from "vitest";
import { formatNumber, parseFormatted } from "../src/index.js";

const TRADE = { unit: "USD", scale: "million" as const };
const billion1 = { style: "currency" as const, decimals: 1, scale: "billion" as const };

describe("numbers in Russian", () => {
  it("writes money as Intl's compact form does: 8,8 млрд $", () => {
    const intl = new Intl.NumberFormat("ru", {
      style: "currency",
      currency: "USD",
      notation: "compact",
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(8_812e6);
    const text = formatNumber(8812, { ...TRADE, locale: "ru", format: billion1 });
    expect(text).toBe(intl);
    expect(text).toBe("8,8\u00a0млрд\u00a0$");
  });

  it("groups with Intl's space and writes percent with a space, as Intl does", () => {
    expect(formatNumber(1352.2, { ...TRADE, locale: "ru", format: { decimals: 0 } })).toBe(
      `${new Intl.NumberFormat("ru", { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(1352).replace(/\u00a0\$$/, "")}\u00a0млн\u00a0$`,
    );
    expect(formatNumber(44.3, { unit: "percent", locale: "ru" })).toBe(
      new Intl.NumberFormat("ru", { style: "percent" }).format(0.443),
    );
    expect(formatNumber(44.3, { unit: "percent", locale: "ru" })).toBe("44\u00a0%");
  });

  it("makes unit words agree with the number", () => {
    expect(formatNumber(2.26, { unit: "multiple", locale: "ru" })).toBe("в 2,3 раза");
    expect(formatNumber(5, { unit: "multiple", locale: "ru", format: { decimals: 0 } })).toBe(
      "в 5 раз",
    );
    expect(
      formatNumber(2_108_630, {
        unit: "barrels-per-day",
        locale: "ru",
        format: { scale: "million" },
      }),
    ).toBe("2,1\u00a0млн баррелей в сутки");
    expect(formatNumber(3, { unit: "barrels", locale: "ru", format: { decimals: 0 } })).toBe(
      "3 барреля",
    );
  });
});

describe("numbers in Japanese", () => {
  it("writes myriad units when the format asks: 88億米ドル, at the western form's precision", () => {
    const myriad = { ...billion1, units: "myriad" as const };
    const text = formatNumber(8812, { ...TRADE, locale: "ja", format: myriad });
    // Intl's compact form gives the same number of 億 (it cannot give 13億5200万 below).
    const oku = new Intl.NumberFormat("ja", {
      notation: "compact",
      maximumFractionDigits: 0,
    }).format(8.8e9);
    expect(oku).toBe("88億");
    expect(text).toBe(`${oku}米ドル`);
    // US$1,352 million to the million: every digit kept.
    const exact = formatNumber(1352.2, {
      ...TRADE,
      locale: "ja",
      format: { style: "currency", decimals: 0, units: "myriad" },
    });
    expect(exact).toBe("13億5200万米ドル");
    expect(parseFormatted(exact, "ja")).toEqual({
      value: 1_352_000_000,
      style: "currency",
      scale: "one",
      unit: "USD",
    });
    // The same value as the western form would print, read back.
    const western = parseFormatted(
      formatNumber(8812, { ...TRADE, locale: "en-GB", format: billion1 }),
    );
    expect((western?.value ?? 0) * 1e9).toBe(parseFormatted(text, "ja")?.value);
  });

  it("writes a unit with its scale in its name in its base unit: 1億500万トン, not 105百万トン", () => {
    const ja = (value: number, unit: string, decimals = 0) =>
      formatNumber(value, { unit, locale: "ja", format: { decimals, units: "myriad" } });
    expect(ja(105, "Mt-per-year")).toBe("年間1億500万トン");
    expect(ja(105, "Mt")).toBe("1億500万トン");
    expect(ja(2.5, "kt", 1)).toBe("2500トン");
    expect(ja(30, "bcm-per-year")).toBe("年間300億立方メートル");
    // The western Japanese form keeps the unit's own scale.
    expect(formatNumber(105, { unit: "Mt-per-year", locale: "ja", format: { decimals: 0 } })).toBe(
      "年間105百万トン",
    );
    // A unit with no Japanese word keeps its word rather than losing it.
    expect(
      formatNumber(3e6, {
        unit: "widgets",
        locale: "ja",
        format: { scale: "million", decimals: 0, units: "myriad" },
      }),
    ).toBe("300万 widgets");
  });

  it("writes years and months in Japanese and Russian words", () => {
    const f = (value: number, unit: string, locale: string) =>
      formatNumber(value, { unit, locale, format: { decimals: 0 } });
    expect(f(10, "years", "ja")).toBe("10年");
    expect(f(6, "months", "ja")).toBe("6か月");
    expect(f(21, "years", "ru")).toBe("21 год");
    expect(f(5, "years", "ru")).toBe("5 лет");
    expect(f(3, "months", "ru")).toBe("3 месяца");
  });

  it("leaves myriad units to Japanese: English and Russian print as before", () => {
    const myriad = { ...billion1, units: "myriad" as const };
    expect(formatNumber(8812, { ...TRADE, locale: "en-GB", format: myriad })).toBe(
      "US$8.8 billion",
    );
    expect(formatNumber(8812, { ...TRADE, locale: "ru", format: myriad })).toBe(
      "8,8\u00a0млрд\u00a0$",
    );
  });

  it("writes percent and multiples as Japanese does", () => {
    expect(formatNumber(44.3, { unit: "percent", locale: "ja" })).toBe(
      new Intl.NumberFormat("ja", { style: "percent" }).format(0.443),
    );
    expect(formatNumber(2.26, { unit: "multiple", locale: "ja" })).toBe("2.3倍");
    expect(
      formatNumber(2_108_630, {
        unit: "barrels-per-day",
        locale: "ja",
        format: { scale: "million", units: "myriad" },
      }),
    ).toBe("日量210万バレル");
  });
});
