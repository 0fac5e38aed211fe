import type { BookStatus, CatalogRefresh, SheetProblemKind } from "./graphql.ts";
import { formatCount, formatDateTime, plural } from "./format.ts";

/** Ukrainian texts of the dashboard. */

export const statusLabels: Record<BookStatus, string> = {
  AVAILABLE: "На полиці",
  BOOKED: "Заброньована",
  DELIVERED: "Чекає на видачу",
  PICKED_UP: "На руках",
  RETURNED: "Повернена, чекає підтвердження",
  UNKNOWN: "Статус невідомий",
};

const BOOKS: readonly [string, string, string] = ["книга", "книги", "книг"];
const books = (n: number) => `${formatCount(n)} ${plural(n, BOOKS)}`;

export const catalogueTexts = {
  staleMark: "застаріле",
  staleTooltip: (asOf: string) =>
    `Статус може бути застарілим: Google Таблицю зараз не вдається прочитати. Дані станом на ${formatDateTime(asOf)}.`,
  asOfTooltip: (asOf: string) => `Станом на ${formatDateTime(asOf)}`,
};

export const sessionTexts = {
  signedIn: "Ви увійшли з токеном",
  signOut: "Вийти",
  tokenLabel: "Токен доступу",
  tokenPlaceholder: "kurin_…",
  signIn: "Увійти",
  tokenHint: "Токен бібліотекаря видає адміністратор сервера: pnpm run token create --role LIBRARIAN --name ІМʼЯ",
  needsToken: "Стан кешу та дії з ним доступні лише бібліотекарям. Увійдіть з токеном.",
  rejected: "Сервер не прийняв токен: він невідомий або відкликаний. Увійдіть з іншим.",
  forbidden: "Цей токен не дає доступу до стану кешу: потрібен токен бібліотекаря (LIBRARIAN) або інтегратора (INTEGRATOR).",
  actionForbidden: "Ця дія лише для бібліотекаря: токен не має ролі LIBRARIAN.",
};

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

export const actionTexts = {
  title: "Дії",
  refreshCatalog: "Оновити каталог",
  refreshCatalogHint: "Прочитати Google Таблицю зараз (одне читання з хвилинного ліміту)",
  warmCache: "Прогріти кеш",
  warmCacheHint: "Заповнити кеш, якщо він не свіжий",
  invalidateBook: "Забути книгу",
  bookId: "ID книги",
  working: "Виконую…",
  refreshed: (result: CatalogRefresh) => {
    if (result.kind === "read") return `Таблицю прочитано: ${books(result.books)}, змінилося ${formatCount(result.changed)}.`;
    if (result.kind === "shared") return `Узято щойно прочитане іншим сервером: ${books(result.books)}.`;
    if (result.kind === "fresh") return `Кеш свіжий, таблицю не читали: ${books(result.books)}.`;
    return `${result.kind}: ${books(result.books)}.`;
  },
  forgotten: (id: string) => `Книгу ${id} прибрано з кешу: наступне звернення до неї перечитає таблицю.`,
  unknownBook: (id: string) => `Книги з ID ${id} немає в каталозі.`,
  failed: (message: string) => `Помилка: ${message}`,
  /** The server did not read the Sheet, on purpose: nothing is wrong, the librarian waits a little. */
  refused: {
    budget: "Таблицю не прочитано: ліміт читань на цю хвилину вичерпано. Спробуйте за хвилину; кеш і далі працює.",
    backoff: "Таблицю не прочитано: Google щойно не відповів, тож kurin чекає перед новою спробою. Спробуйте трохи згодом.",
    busy: "Таблицю саме читає інший сервер kurin; його результат з'явиться за мить.",
  },
};

const PROBLEMS: readonly [string, string, string] = ["проблема", "проблеми", "проблем"];
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
