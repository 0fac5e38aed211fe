import { describe, expect, it } from "vitest";
import { dueDateFor, localDate, type LoanRules } from "../../src/loans/rules.ts";

// localDate keeps one formatter per time zone: alternating zones must never hand one zone's date to another.

describe("localDate", () => {
  it("gives each time zone its own date, however the calls interleave", () => {
    const lateEvening = new Date("2026-03-29T22:30:00Z"); // Kyiv is already on summer time (UTC+3)
    for (let round = 0; round < 3; round++) {
      expect(localDate(lateEvening, "Europe/Kyiv")).toBe("2026-03-30");
      expect(localDate(lateEvening, "UTC")).toBe("2026-03-29");
      expect(localDate(lateEvening, "America/New_York")).toBe("2026-03-29");
      expect(localDate(new Date("2026-12-31T23:59:59.999Z"), "Pacific/Kiritimati")).toBe("2027-01-01");
    }
  });

  it("still refuses a time zone that does not exist, every time it is asked", () => {
    expect(() => localDate(new Date(), "Mars/Olympus")).toThrow(RangeError);
    expect(() => localDate(new Date(), "Mars/Olympus")).toThrow(RangeError);
  });

  it("dates a due date in the library's zone", () => {
    const rules: LoanRules = { loanPeriodDays: 14, maxOpenLoans: 3, timeZone: "Europe/Kyiv", renewal: { maxRenewals: 1, renewalDays: 14, graceDays: 2 } };
    expect(dueDateFor(new Date("2026-03-15T22:30:00Z"), rules).dueDate).toBe("2026-03-30");
  });
});
