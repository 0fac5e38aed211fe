import type { CatalogRefresh } from "./operations.ts";
import { formatCount, formatDateTime, plural } from "./format.ts";
import { PROBLEMS } from "./texts-words.ts";

/** Ukrainian texts of the dashboard. */
export * from "./texts-words.ts";
export * from "./texts-technical.ts";
export * from "./texts-circulation.ts";

const BOOKS: readonly [string, string, string] = ["книга", "книги", "книг"];
const books = (n: number) => `${formatCount(n)} ${plural(n, BOOKS)}`;

export const catalogueTexts = {
  title: "Каталог",
  refresh: "Оновити",
  search: "Пошук",
  searchPlaceholder: "Назва, автор або опис",
  status: "Статус",
  allStatuses: "Усі",
  category: "Категорія:",
  clearCategory: "скинути",
  loadFailed: "Не вдалося завантажити каталог:",
  nothingFound: "Нічого не знайдено",
  loading: "Завантаження…",
  columns: { id: "ID", title: "Назва", author: "Автор", edition: "Видання", categories: "Категорії", status: "Статус", due: "Повернути до" },
  categoriesTitle: "Категорії",
  categoriesFailed: "Не вдалося завантажити категорії:",
  noCategories: "Категорій поки немає.",
  staleMark: "застаріле",
  staleTooltip: (asOf: string) =>
    `Статус може бути застарілим: Google Таблицю зараз не вдається прочитати. Дані станом на ${formatDateTime(asOf)}.`,
  asOfTooltip: (asOf: string) => `Станом на ${formatDateTime(asOf)}`,
};

const roleLabels: Record<string, string> = { LIBRARIAN: "бібліотекар", INTEGRATOR: "інтегратор, лише читання", BOT: "бот", READER: "читач" };

export const sessionTexts = {
  signedIn: "Ви увійшли з токеном",
  signedInAs: (name: string, role: string) => `Ви увійшли: ${name} (${roleLabels[role] ?? role})`,
  rejectedShort: "Токен не прийнято: увійдіть знову.",
  signOut: "Вийти",
  tokenLabel: "Токен доступу",
  tokenPlaceholder: "kurin_…",
  signIn: "Увійти",
  tokenHint: "Токен бібліотекаря видає адміністратор сервера: pnpm run token create --role LIBRARIAN --name ІМʼЯ",
  needsToken: "Стан кешу та дії з ним доступні лише бібліотекарям. Увійдіть з токеном.",
  rejected: "Сервер не прийняв токен: він невідомий або відкликаний. Увійдіть з іншим.",
  forbidden: "Цей токен не дає доступу до стану кешу: потрібен токен бібліотекаря (LIBRARIAN) або інтегратора (INTEGRATOR).",
  actionForbidden: "Ця дія лише для бібліотекаря: токен не має ролі LIBRARIAN.",
  actionsForLibrarians: "Кнопки дій з кешем бачить лише бібліотекар: цей токен лише для читання.",
};

export const actionTexts = {
  title: "Дії",
  refreshCatalog: "Оновити каталог",
  refreshCatalogHint: "Читає Google Таблицю зараз (одне читання з хвилинного ліміту). Те саме, що «Перечитати Google Таблицю» на сторінці «Сьогодні».",
  warmCache: "Прогріти кеш",
  warmCacheHint: "Заповнює кеш, лише якщо він не свіжий: після перезапуску Redis, щоб перші читачі не чекали.",
  invalidateBook: "Забути книгу",
  invalidateBookHint: "Прибирає одну книгу з кешу: наступне звернення до неї перечитає таблицю. Рідко потрібне.",
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
  failed: (sentence: string) => sentence,
  /** The server did not read the Sheet, on purpose: nothing is wrong, the librarian waits a little. */
  refused: {
    budget: "Таблицю не прочитано: ліміт читань на цю хвилину вичерпано. Спробуйте за хвилину; кеш і далі працює.",
    backoff: "Таблицю не прочитано: Google щойно не відповів, тож kurin чекає перед новою спробою. Спробуйте трохи згодом.",
    busy: "Таблицю саме читає інший сервер kurin; його результат з'явиться за мить.",
  },
};

/** Sentences for `extensions.code`: what happened and what to do. */
export const errorTexts = {
  codes: {
    UNAUTHENTICATED: "Сервер не впізнав ваш токен. Увійдіть знову (кнопка «Увійти» вгорі).",
    FORBIDDEN: "Ваш токен не дає права на це: потрібен токен бібліотекаря. Попросіть його в адміністратора.",
    NOT_FOUND: "Такого запису вже немає: оновіть сторінку.",
    INVALID_TRANSITION:
      "Не зроблено: книга вже в іншому стані, ніж тут показано (хтось щойно її змінив або Google Таблиця каже інакше). Рядок оновлено — перегляньте його.",
    CONFLICT: "Не зроблено: цю книгу саме змінює хтось інший. Зачекайте мить і спробуйте ще раз.",
    LIMIT_REACHED: "Не зроблено: читач уже має найбільшу дозволену кількість книг.",
    UPSTREAM_UNAVAILABLE: "Не зроблено: Google Таблиця зараз не відповідає, нічого не змінено. Спробуйте за хвилину.",
    RATE_LIMITED: "Google Таблицю зараз не можна читати частіше. Спробуйте за хвилину.",
    BAD_USER_INPUT: "Сервер не прийняв ці дані: перевірте, що введено.",
    INTERNAL_SERVER_ERROR: "На сервері сталася помилка. Спробуйте ще раз; якщо повториться — скажіть адміністраторові.",
  },
  tooManyChanges: (seconds: number) => `Забагато змін за хвилину з цього токена. Спробуйте за ${seconds} с.`,
  network: "Сервер kurin не відповідає. Перевірте інтернет і спробуйте ще раз.",
  unknown: "Не вдалося. Спробуйте ще раз; якщо повториться — скажіть адміністраторові.",
};

/** What a page shows while its code is still on the way. */
export const pageLoadingText = "Завантаження…";

export const navTexts = {
  skip: "Перейти до вмісту",
  app: "kurin — бібліотека",
  menu: "Розділи",
  today: "Сьогодні",
  readers: "Читачі",
  books: "Книги",
  outside: "Поза kurin",
  technical: "Технічне",
};

const DAYS: readonly [string, string, string] = ["день", "дні", "днів"];
export const days = (n: number) => `${formatCount(n)} ${plural(n, DAYS)}`;

export const deskTexts = {
  title: "Сьогодні",
  needsSignIn: "Черги, читачі й видачі — для бібліотекарів. Увійдіть з токеном бібліотекаря (кнопка «Увійти» вгорі).",
  loading: "Завантаження…",
  toDeliver: "Віднести на пункт видачі",
  toDeliverHint: "Читач забронював книгу: знайдіть її на полиці й віднесіть на пункт видачі.",
  waiting: "Чекають на читача",
  returns: "Повернення: підтвердьте",
  returnsHint: "Читач каже, що поставив книгу на полицю. Перевірте фото й полицю.",
  overdue: "Прострочені",
  empty: "Нічого.",
  more: (shown: number, total: number) => `Показано перші ${formatCount(shown)} з ${formatCount(total)}.`,
  deliver: "Доставлено",
  cancel: "Скасувати",
  confirm: "Підтверджую",
  confirmCancel: (title: string) => `Скасувати бронювання «${title}»? Книга повернеться на полицю.`,
  working: "Виконую…",
  delivered: (title: string) => `«${title}» на пункті видачі: читач отримає повідомлення.`,
  cancelled: (title: string) => `Бронювання «${title}» скасовано, книга на полиці.`,
  confirmed: (title: string) => `Повернення «${title}» підтверджено, книга на полиці.`,
  bookedSince: (date: string) => `заброньовано ${date}`,
  waitingDays: (n: number) => (n === 0 ? "чекає з сьогодні" : `чекає ${days(n)}`),
  daysLate: (n: number) => `прострочено на ${days(n)}`,
  due: (date: string) => `повернути до ${date}`,
  returnedAt: (date: string) => `повернуто ${date}`,
  photo: "Фото книги на полиці",
  noPhoto: "Читач не надіслав фото.",
  phone: "Телефон",
  noPhone: "телефон невідомий",
  unknownBook: (id: string) => `книга ${id} (немає в каталозі)`,
  month: "Цей місяць у цифрах",
  monthSince: (date: string) => `з ${date}`,
  figures: { bookings: "бронювань", pickups: "видач", returns: "повернень", readers: "читачів усього", open: "книг у читачів зараз", overdue: "прострочено зараз" },
  topBooks: "Найпопулярніші книги місяця",
  pickupsOf: (n: number) => `${formatCount(n)} ${plural(n, ["видача", "видачі", "видач"])}`,
  noTopBooks: "Цього місяця ще ніхто не брав книг.",
};

export const liveTexts = {
  region: "Зміни наживо",
  close: "Закрити",
  events: {
    BOOKED: (title: string, who: string) => `Нове бронювання: «${title}»${who}`,
    DELIVERED: (title: string) => `«${title}» доставлено на пункт видачі`,
    PICKED_UP: (title: string, who: string) => `«${title}» забрано${who}`,
    RETURNED: (title: string, who: string) => `«${title}» повернуто, чекає підтвердження${who}`,
    RETURN_CONFIRMED: (title: string) => `Повернення «${title}» підтверджено`,
    CANCELLED: (title: string) => `Бронювання «${title}» скасовано`,
    STATUS_EDITED: (title: string) => `«${title}»: статус змінено в Google Таблиці`,
    RENEWED: (title: string, who: string) => `«${title}» продовжено${who}`,
  } satisfies Record<import("./operations.ts").LoanEventType, (title: string, who: string) => string>,
  offline: "Немає зв'язку з сервером для оновлень наживо: перевірте інтернет; сторінка оновиться, щойно зв'язок повернеться.",
};

export const statusLineTexts = {
  readAt: (time: string) => `Таблицю прочитано о ${time}`,
  allGood: "усе працює",
  neverRead: "Google Таблицю ще не читали",
  stale: "Google Таблиця не відповідає: статуси можуть бути застарілими",
  redisDown: "кеш (Redis) недоступний, kurin працює повільніше",
  problems: (n: number) => `${formatCount(n)} ${plural(n, PROBLEMS)} у рядках таблиці`,
  unavailable: "Стан системи невідомий: сервер не відповідає",
  reread: "Перечитати Google Таблицю",
  rereadHint:
    "Натисніть, якщо щойно змінили щось у Google Таблиці руками і хочете побачити це тут одразу (інакше kurin перечитає її сам за кілька хвилин).",
};

export const loanStateLabels: Record<import("./operations.ts").LoanState, string> = {
  BOOKED: "Заброньована, чекає доставки",
  DELIVERED: "На пункті видачі",
  PICKED_UP: "На руках",
  RETURNED: "Повернена, чекає підтвердження",
  CLOSED: "Повернена",
  CANCELLED: "Скасована",
};

export const readerTexts = {
  title: "Читачі",
  search: "Пошук читача",
  searchPlaceholder: "Імʼя, @username або телефон",
  name: "Читач",
  username: "Telegram",
  phone: "Телефон",
  open: "Книг зараз",
  overdue: "Прострочено",
  none: "Нікого не знайдено.",
  page: (name: string) => `Читач: ${name}`,
  openLoans: "Книги зараз",
  history: "Уся історія",
  noOpen: "Зараз книг не має.",
  noHistory: "Ще не брав книг.",
  notFound: "Такого читача немає.",
  back: "← Усі читачі",
  book: "Книга",
  state: "Стан",
  booked: "Заброньовано",
  pickedUp: "Забрано",
  due: "Повернути до",
  returned: "Повернуто",
};

export const bookTexts = {
  title: "Книги",
  back: "← Каталог",
  notFound: "Такої книги немає в каталозі.",
  whoHasIt: "У кого зараз",
  onShelf: "Ніхто: книга на полиці.",
  history: "Історія видач",
  noHistory: "Цю книгу через kurin ще не брали.",
  qr: "QR-код для полиці",
  qrHint: "Читач наводить камеру телефона на код і відкриває цю книгу в боті.",
  qrNoBot: "Імʼя бота невідоме серверу (TELEGRAM_BOT_USERNAME), тож QR-код зробити не можна.",
  print: "Друкувати",
  qrSheet: "QR-коди категорії",
  qrSheetFor: (category: string) => `QR-коди: ${category}`,
  chooseCategory: "Категорія",
  qrSheetHint: "Аркуш для друку: виріжте коди й наклейте на полиці або книги.",
  author: "Автор",
  edition: "Видання",
  pages: "Сторінок",
  categories: "Категорії",
  status: "Статус",
  due: "Повернути до",
  open: "Відкрити",
};

/** Why the shelf photo is not shown (the photo route's `code`). */
export const photoTexts = {
  NO_BOT: "Фото не показати: на сервері не налаштовано бота (TELEGRAM_BOT_TOKEN). Перевірте полицю на місці.",
  NO_PHOTO: "Читач не надіслав фото.",
  NOT_FOUND: "Такої видачі немає: оновіть сторінку.",
  UPSTREAM_UNAVAILABLE: "Telegram зараз не віддає фото. Спробуйте пізніше або перевірте полицю на місці.",
};

export const outsideTexts = {
  intro:
    "Тут — де Google Таблиця і kurin не згодні: книги, які в таблиці видані, але kurin їх не видавав (старий бот або зміна руками), і видачі kurin, яких таблиця не показує.",
  outside: "Видані поза kurin",
  outsideHint: "Коли книга знову на полиці, натисніть «Повернути на полицю»: kurin очистить її статус і дату в таблиці. Якщо книга ще в читача — залиште як є.",
  noneOutside: "Таких книг немає: усе, що в таблиці видано, видав kurin.",
  close: "Повернути на полицю",
  confirmClose: (title: string) => `Книга «${title}» уже на полиці? kurin очистить її статус і дату повернення в таблиці.`,
  unmatched: "Видачі kurin, яких немає в таблиці",
  unmatchedHint: "kurin вважає ці книги виданими, а таблиця каже інше. Виправте статус у таблиці або скасуйте видачу на сторінці «Сьогодні».",
  noneUnmatched: "Таких видач немає.",
  disagree: (kurin: string, sheet: string) => `у kurin: ${kurin} · у таблиці: ${sheet}`,
  notInSheet: "рядка немає",
};

export const pagerTexts = {
  shown: (from: number, to: number, total: number) => `Показано ${from}–${to} з ${total}`,
  total: (total: number) => `Усього: ${total}`,
  updating: " · оновлюю…",
  previous: "← Попередня",
  page: (n: number) => `Сторінка ${n}`,
  next: "Наступна →",
};

export const notFoundTexts = {
  title: "Такої сторінки немає",
  tab: "Сторінки немає",
};
