import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

// SHEET_HIGHLIGHT_COLOR: the colour of a lent book's row. Unlike the other settings, set-but-empty means
// "off", not "the default": a library that does not want its Sheet painted says so with an empty value.

describe("SHEET_HIGHLIGHT_COLOR", () => {
  it("is the old bot's yellow when not set", () => {
    expect(loadConfig({}).sheets.highlight).toEqual({ hex: "#FFFF00", rgb: { red: 1, green: 1, blue: 0 } });
  });

  it.each(["", "  ", "none", "NONE"])("%j turns painting off", (value) => {
    expect(loadConfig({ SHEET_HIGHLIGHT_COLOR: value }).sheets.highlight).toBeNull();
  });

  it("takes #RRGGBB and #RGB in any case, as the Sheets API's 0..1 parts", () => {
    expect(loadConfig({ SHEET_HIGHLIGHT_COLOR: "#a4c2f4" }).sheets.highlight).toEqual({ hex: "#A4C2F4", rgb: { red: 0.6431, green: 0.7608, blue: 0.9569 } });
    expect(loadConfig({ SHEET_HIGHLIGHT_COLOR: "0f0" }).sheets.highlight).toEqual({ hex: "#00FF00", rgb: { red: 0, green: 1, blue: 0 } });
  });

  it.each(["yellow", "#FFFF0", "#GGGGGG", "rgb(255,255,0)"])("refuses %j with one line naming the variable and the form it wants", (value) => {
    expect(() => loadConfig({ SHEET_HIGHLIGHT_COLOR: value })).toThrow(ConfigError);
    expect(() => loadConfig({ SHEET_HIGHLIGHT_COLOR: value })).toThrow(
      `Invalid configuration: SHEET_HIGHLIGHT_COLOR: expected a colour as #RRGGBB (e.g. #FFFF00), or empty to paint nothing (got "${value}")`,
    );
  });
});
