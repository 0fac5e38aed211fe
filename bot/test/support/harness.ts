import type { User } from "telegraf/types";
import { startLendingKurin, type LendingKurin } from "../../../server/test/support/lending.ts";
import { loadConfig } from "../../src/config.ts";
import { runBot, type RunningBot } from "../../src/run.ts";
import { FakeBotApi } from "./fake-bot-api.ts";

/**
 * A whole kurin (MariaDB, Redis, Sheets emulator) with the real bot on it, talking to a loopback Bot API.
 */
export interface BotHarness {
  kurin: LendingKurin;
  fake: FakeBotApi;
  bot: RunningBot | undefined;
  errors: unknown[];
  startBot(env?: Record<string, string>): Promise<RunningBot>;
  stopBot(): Promise<void>;
  /** Makes a Telegram person a librarian (they must have written to the bot, or are created here). */
  makeLibrarian(user: User): Promise<void>;
  /** Injects an update and waits until the bot has handled it. */
  act(inject: () => number): Promise<void>;
  stop(): Promise<void>;
}

/** Telegram's pace, quickened for tests: 5 messages a second in a chat (the courier test checks the real one). */
export const TEST_PACE = { chatIntervalMs: 200 };

export const HEADER = ["id", "Назва", "Автор", "Видавництво та рік видання", "К-сть с.", "Короткий опис", "Заброньовано до:", "Categories", "Status"];

/** A catalogue for bot tests: 23 books of history (three pages), a few of poetry, one long description. */
export function catalogueRows(): string[][] {
  const rows = [HEADER];
  for (let i = 1; i <= 23; i++) rows.push([String(i), `Історія том ${i}`, `Автор ${i}`, `Видавництво ${i}, 2020`, String(100 + i), `Опис ${i}`, "", "історія", ""]);
  rows.push(["101", "Кобзар", "Тарас Шевченко", "Дніпро, 1985", "640", "Вірші & поеми <класика>", "", "поезія, українська література", ""]);
  rows.push(["102", "Лісова пісня", "Леся Українка", "Знання, 2019", "176", "Слово ".repeat(2000), "", "поезія", ""]);
  rows.push(["103", "Взята книжка", "Хтось", "", "", "", "2026-01-01", "поезія", "booked"]);
  return rows;
}

type KurinOptions = NonNullable<Parameters<typeof startLendingKurin>[1]>;

export async function startBotHarness(
  label: string,
  options: { emulator?: KurinOptions["emulator"]; env?: Record<string, string>; now?: KurinOptions["now"] } = {},
): Promise<BotHarness> {
  const kurin = await startLendingKurin(label, { emulator: options.emulator ?? { rows: catalogueRows() }, env: options.env, now: options.now });
  const fake = await FakeBotApi.start();
  const errors: unknown[] = [];
  const h: BotHarness = {
    kurin,
    fake,
    bot: undefined,
    errors,
    async startBot(env = {}) {
      const config = loadConfig({
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        KURIN_API_URL: `${kurin.kurin.url}/graphql`,
        KURIN_API_TOKEN: kurin.tokens.bot,
        LIBRARY_RULES_TEXT: "Повертайте книжки <b>вчасно</b>.",
        ...env,
      });
      h.bot = await runBot(config, { log: () => undefined, logError: (_message, error) => errors.push(error), pace: TEST_PACE });
      return h.bot;
    },
    async stopBot() {
      await h.bot?.stop();
      h.bot = undefined;
    },
    async makeLibrarian(user) {
      const me = await kurin.as({ token: kurin.tokens.bot, telegramUser: { id: user.id, first_name: user.first_name, last_name: user.last_name, username: user.username, language_code: user.language_code } }).gql<{ me: { id: string } }>("{ me { id } }");
      const made = await kurin.librarian().gql(`mutation($id: ID!) { setReaderRole(readerId: $id, role: LIBRARIAN) { id role } }`, { id: me.data!.me.id });
      if (made.errors) throw new Error(JSON.stringify(made.errors));
    },
    async act(inject) {
      await fake.handled(inject());
    },
    async stop() {
      await h.stopBot();
      await fake.stop();
      await kurin.stop();
    },
  };
  return h;
}
