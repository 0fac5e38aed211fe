import type { SheetProblemKind } from "./operations.ts";
import { formatCount, formatDateTime, plural } from "./format.ts";
import { PROBLEMS, statusLabels } from "./texts-words.ts";

/** The technical page's words: the cache, the Redis breaker, the Sheet's problem rows, health (part of texts.ts). */

export const breakerLabels: Record<string, string> = {
  closed: "замкнений: Redis працює",
  "half-open": "напіввідкритий: перевіряє, чи Redis повернувся",
  open: "розімкнений: Redis недоступний, кеш в памʼяті сервера",
};

export const cacheTexts = {
  title: "Кеш",
  refresh: "Оновити",
  loading: "Завантаження…",
  updatedAt: (time: string) => `Оновлено о ${time}`,
  loadFailed: "Не вдалося отримати стан кешу:",
  partial: "Redis не відповідає: показано лічильники лише цього сервера.",
  hitRate: "Влучання в кеш",
  hits: "влучань",
  misses: "промахів",
  staleServes: "Застарілі відповіді",
  refreshes: "Оновлень з таблиці",
  averageRefresh: "Середній час оновлення",
  sheets429: "Відмов Google (429)",
  redisErrors: "Помилок Redis",
  sheetsBudget: "Читання Google Таблиці за останню хвилину",
  sheetsBudgetOf: (reads: number, budget: number) => `${formatCount(reads)} з ${formatCount(budget)}`,
  breaker: "Запобіжник Redis",
  keys: "Ключі в Redis",
  totalKeys: "усього",
  statusKeys: "статусів (book:status:*)",
  infoKeys: "описів (book:info:*)",
  allBooksCached: "каталог (books:all)",
  present: "є",
  absent: "немає",
  lastUpdate: "остання зміна статусу",
  never: "ще не було",
  chart: "Остання година, по хвилинах",
  chartHits: "Влучання",
  chartMisses: "Промахи",
  chartSheetsReads: "Читання таблиці",
};

const quoted = (value: string | null) => (value ? ` «${value}»` : "");

export const sheetProblemTexts = {
  title: "Проблеми в таблиці",
  refresh: "Оновити",
  loading: "Завантаження…",
  loadFailed: "Не вдалося отримати проблеми таблиці:",
  forbidden: "Список проблем у таблиці — для бібліотекарів: потрібен токен бібліотекаря (LIBRARIAN) або інтегратора (INTEGRATOR).",
  count: (n: number) => `${formatCount(n)} ${plural(n, PROBLEMS)}`,
  shownFirst: (n: number) => `показано перші ${formatCount(n)}`,
  readAt: (iso: string) => `таблицю прочитано ${formatDateTime(iso)}`,
  neverRead: "Таблицю ще не читали: перевірка рядків буде після першого читання.",
  none: "Проблем немає: kurin зрозумів кожен рядок таблиці.",
  hint: "Виправте ці рядки в Google Таблиці: kurin побачить зміни після наступного читання («Оновити каталог»).",
  row: "Рядок",
  bookId: "ID книги",
  what: "Що не так і що зробив kurin",
  /**
   * What is wrong with the row and what kurin did about it. `detail` is what the server's message quotes: the
   * row's text, the earlier row with the same id, the status word, the date, the page count or the column's header.
   */
  kinds: {
    MISSING_ID: (text) => `немає ID${text ? ` («${text}»)` : ""} — рядок пропущено, у каталозі його немає`,
    DUPLICATE_ID: (firstRow) => `${firstRow ? `такий самий ID, як у рядку ${firstRow}` : "ID повторюється"} — рядок пропущено`,
    UNKNOWN_STATUS: (word) => `невідомий статус${quoted(word)} — у каталозі книга зі статусом «${statusLabels.UNKNOWN}»`,
    BAD_DUE_DATE: (date) => `дата повернення${quoted(date)} не розпізнана — у каталозі книга без дати повернення`,
    BAD_PAGES: (pages) => `кількість сторінок${quoted(pages)} не є числом — у каталозі книга без кількості сторінок`,
    MISSING_COLUMN: (header) => `немає необовʼязкової колонки${quoted(header)} — це поле порожнє в усіх книгах`,
  } satisfies Record<SheetProblemKind, (detail: string | null) => string>,
};

export const technicalTexts = {
  intro:
    "Тут — як працює kurin під капотом: кеш перед Google Таблицею, ліміт читань, запобіжник Redis і рядки таблиці, які kurin не зрозумів. Для щоденної роботи досить сторінки «Сьогодні».",
};

export const healthTexts = {
  title: "Стан системи",
  check: "Перевірити",
  checking: "Перевіряю…",
  parts: { database: "База даних", redis: "Redis (кеш)", sheets: "Google Таблиця" },
  noData: "немає даних",
  httpStatus: (status: number) => `сервер відповів HTTP ${status}`,
  unreachable: (message: string) => `Сервер недоступний: ${message}`,
  allGood: "Усе працює",
  degraded: "Працює з перебоями",
  works: "працює",
  checkedAt: (time: string) => `Перевірено о ${time}`,
};
