import { describe, expect, it } from "vitest";
import { longDate } from "../src/index.js";

describe("longDate", () => {
  it("writes a calendar date as the language does, the same day in every time zone", () => {
    expect(longDate("2005-09-08", "en-GB")).toBe("8 September 2005");
    expect(longDate("2005-09-08", "ja")).toBe("2005年9月8日");
    expect(longDate("2005-09-08", "ru")).toBe(
      new Intl.DateTimeFormat("ru", { dateStyle: "long", timeZone: "UTC" }).format(
        new Date("2005-09-08T00:00:00Z"),
      ),
    );
    expect(longDate("2005-01-01", "en-GB")).toBe("1 January 2005");
  });

  it("returns what it cannot read, and writes British English for a tag Intl refuses", () => {
    expect(longDate("2005-13-45", "en-GB")).toBe("2005-13-45");
    expect(longDate("not a date", "ja")).toBe("not a date");
    expect(longDate("2005-09-08", "x-!!")).toBe("8 September 2005");
  });
});
