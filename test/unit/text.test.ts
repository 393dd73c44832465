import { describe, expect, it } from "vitest";
import { commaList, formatKibibytes, formatMegabytes, splitCommaList, truncate } from "../../src/text.js";

describe("text helpers", () => {
  it("truncate keeps text within max, marking a cut with …", () => {
    expect(truncate("abcdef", 6)).toBe("abcdef");
    expect(truncate("abcdefg", 6)).toBe("abcde…");
  });

  it("commaList: empty text, commas, and 'and N more' past max", () => {
    expect(commaList([], { empty: "none" })).toBe("none");
    expect(commaList(["a", "b"])).toBe("a, b");
    expect(commaList(["a", "b", "c"], { max: 2 })).toBe("a, b and 1 more");
    expect(commaList(["a", "b"], { max: 2 })).toBe("a, b");
  });

  it("formatMegabytes is decimal and says so: Discord's 10 MiB upload limit reads 10 MB, fal's 200 MB limit 200 MB", () => {
    expect(formatMegabytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatMegabytes(3 * 1024 * 1024)).toBe("3.1 MB");
    expect(formatMegabytes(200 * 1000 * 1000)).toBe("200 MB");
    expect(formatMegabytes(250_400_000)).toBe("250 MB");
    expect(formatMegabytes(740_000)).toBe("740 KB");
    expect(formatMegabytes(10)).toBe("1 KB");
  });

  it("formatKibibytes is binary and says so", () => {
    expect(formatKibibytes(4 * 1024 * 1024)).toBe("4.0 MiB");
    expect(formatKibibytes(64 * 1024)).toBe("64 KiB");
  });
});

describe("splitCommaList", () => {
  it("splits, trims and drops empty entries; unset is empty", () => {
    expect(splitCommaList(" a, b ,,c ")).toEqual(["a", "b", "c"]);
    expect(splitCommaList(undefined)).toEqual([]);
  });
});
