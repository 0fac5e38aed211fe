import { describe, expect, it } from "vitest";
import { isQuiet, localMinutes, timeFormat } from "../../src/circulation/library-clock.ts";

// The library's clock keeps one formatter per time zone: interleaved zones must each keep their own time.

describe("the library clock", () => {
  const at = new Date("2026-07-01T21:30:00Z");

  it("tells the minutes after local midnight in each zone, however the calls interleave", () => {
    for (let round = 0; round < 3; round++) {
      expect(localMinutes(at, "Europe/Kyiv")).toBe(30); // 00:30 on 2 July (UTC+3)
      expect(localMinutes(at, "UTC")).toBe(21 * 60 + 30);
      expect(localMinutes(at, "America/New_York")).toBe(17 * 60 + 30);
      expect(timeFormat("Europe/Kyiv").format(at)).toBe("00:30");
    }
    expect(timeFormat("UTC")).toBe(timeFormat("UTC"));
  });

  it("keeps quiet hours across midnight in the library's zone", () => {
    const night = { quietStart: 22 * 60, quietEnd: 8 * 60 };
    expect(isQuiet(at, { ...night, timeZone: "Europe/Kyiv" })).toBe(true);
    expect(isQuiet(at, { ...night, timeZone: "America/New_York" })).toBe(false);
    expect(isQuiet(at, { quietStart: 0, quietEnd: 0, timeZone: "UTC" })).toBe(false);
  });
});
