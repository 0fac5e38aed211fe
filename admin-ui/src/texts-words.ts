import type { BookStatus } from "./operations.ts";

/** Words more than one page of the dashboard uses (part of texts.ts). */

export const statusLabels: Record<BookStatus, string> = {
  AVAILABLE: "На полиці",
  BOOKED: "Заброньована",
  DELIVERED: "Чекає на видачу",
  PICKED_UP: "На руках",
  RETURNED: "Повернена, чекає підтвердження",
  UNKNOWN: "Статус невідомий",
};

/** Plural forms of «проблема» for plural() (1, 2-4, 5+). */
export const PROBLEMS: readonly [string, string, string] = ["проблема", "проблеми", "проблем"];
