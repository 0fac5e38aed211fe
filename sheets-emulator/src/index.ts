/** @kurin/sheets-emulator: a loopback Google Sheets API v4 (values endpoints) backed by CSV. */
export {
  DEMO_CATALOGUE_CSV,
  SheetsEmulator,
  type EmulatorCallCounts,
  type EmulatorFaults,
  type SheetsEmulatorOptions,
} from "./emulator.ts";
export {
  A1ParseError,
  columnToLetters,
  formatRect,
  lettersToColumn,
  parseA1,
  quoteSheetName,
  type A1Range,
  type GridRect,
} from "./a1.ts";
