import type { StatusWords } from "../config.ts";
import { BookStatus } from "./book.ts";

/** Translates between the words librarians write in the Status column and BookStatus, both ways. */
export class StatusVocabulary {
  private readonly byWord: Map<string, BookStatus>;

  constructor(private readonly words: StatusWords) {
    this.byWord = new Map([
      [normaliseWord(words.available), BookStatus.AVAILABLE],
      [normaliseWord(words.booked), BookStatus.BOOKED],
      [normaliseWord(words.delivered), BookStatus.DELIVERED],
      [normaliseWord(words.pickedUp), BookStatus.PICKED_UP],
      [normaliseWord(words.returned), BookStatus.RETURNED],
    ]);
  }

  /** Reads a Status cell; `hasDueDate` covers the old bot's loans, written as `booked` plus a due date. */
  toStatus(raw: string, hasDueDate: boolean): BookStatus {
    const word = normaliseWord(raw);
    // An empty cell is "available" even when a library configured a word for it: empty rows are new books.
    const status = word === "" ? BookStatus.AVAILABLE : (this.byWord.get(word) ?? BookStatus.UNKNOWN);
    if (status === BookStatus.BOOKED && hasDueDate && this.words.bookedWithDueDateIsPickedUp) return BookStatus.PICKED_UP;
    return status;
  }

  /** The word kurin writes for a status. */
  toWord(status: Exclude<BookStatus, BookStatus.UNKNOWN>): string {
    switch (status) {
      case BookStatus.AVAILABLE:
        return this.words.available;
      case BookStatus.BOOKED:
        return this.words.booked;
      case BookStatus.DELIVERED:
        return this.words.delivered;
      case BookStatus.PICKED_UP:
        return this.words.pickedUp;
      case BookStatus.RETURNED:
        return this.words.returned;
    }
  }
}

function normaliseWord(word: string): string {
  return word.trim().toLowerCase();
}
