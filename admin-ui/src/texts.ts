import type { BookStatus } from "./graphql.ts";

/** Ukrainian labels of the dashboard. */
export const statusLabels: Record<BookStatus, string> = {
  AVAILABLE: "На полиці",
  BOOKED: "Заброньована",
  DELIVERED: "Чекає на видачу",
  PICKED_UP: "На руках",
  RETURNED: "Повернена, чекає підтвердження",
  UNKNOWN: "Статус невідомий",
};
