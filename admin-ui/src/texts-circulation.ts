import { formatCount } from "./format.ts";

/** The words of the waiting list, renewals and the morning summary (part of texts.ts). */

/** A book's waiting list on its page. */
export const holdTexts = {
  title: "Черга на книгу",
  empty: "Ніхто не чекає на цю книгу.",
  position: (n: number) => `${n}.`,
  ready: "Чекає на читача",
  readyUntil: (until: string) => `Відкладено для читача до ${until}`,
  estimated: (on: string) => `орієнтовно ${on}`,
  up: "Вище",
  down: "Нижче",
  upFor: (name: string) => `Перемістити ${name} вище в черзі`,
  downFor: (name: string) => `Перемістити ${name} нижче в черзі`,
  remove: "Прибрати",
  removeFor: (name: string) => `Прибрати ${name} з черги`,
  confirmRemove: (name: string) => `Прибрати ${name} з черги на цю книгу? Читач більше не чекатиме на неї.`,
  moved: "Чергу змінено.",
  removed: (name: string) => `${name} більше не в черзі.`,
};

/** Renewing a book on loan from the desk. */
export const renewTexts = {
  renew: "Продовжити",
  renewAnyway: "Продовжити попри правила",
  renewed: (due: string) => `Продовжено: повернути до ${due}.`,
  /** RENEWAL_REFUSED, by `extensions.reason`. */
  refused: {
    HELD: "Не продовжено: на цю книгу чекають інші читачі.",
    OVERDUE: "Не продовжено: книгу вже прострочено понад дозволене.",
    LIMIT: "Не продовжено: книгу вже продовжували найбільшу дозволену кількість разів.",
  },
  refusedOther: "Не продовжено: правила бібліотеки цього не дозволяють.",
  overrideHint: "Ви бібліотекар: можете продовжити попри правила.",
};

/** Ранкове зведення on «Сьогодні». */
export const summaryTexts = {
  title: "Ранкове зведення",
  overdue: (n: number) => `Прострочених видач: ${formatCount(n)}`,
};
