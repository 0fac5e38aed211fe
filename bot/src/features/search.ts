import { Composer, type Context } from "telegraf";
import { message } from "telegraf/filters";
import type { BotApi } from "../api.ts";
import { splitMessage } from "../reply.ts";
import { texts } from "../texts.ts";

export const SEARCH_PAGE_SIZE = 10;
export const MAX_QUERY_LENGTH = 200;

/**
 * Any text that is not a command is a catalogue search. Register this feature LAST: it answers every text message
 * the features before it let through.
 */
export function searchFeature(api: BotApi): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on(message("text"), async (ctx) => {
    const query = ctx.message.text.trim();
    if (query.startsWith("/")) {
      await ctx.reply(texts.unknownCommand);
      return;
    }
    if (query === "") {
      await ctx.reply(texts.emptyQuery);
      return;
    }
    if (query.length > MAX_QUERY_LENGTH) {
      await ctx.reply(texts.queryTooLong(MAX_QUERY_LENGTH));
      return;
    }

    const page = await api.searchBooks(query, SEARCH_PAGE_SIZE);
    const books = page.nodes.slice(0, SEARCH_PAGE_SIZE);
    if (books.length === 0) {
      await ctx.reply(texts.notFound);
      return;
    }
    const lines = [texts.foundCount(books.length, Math.max(page.totalCount, books.length)), "", ...books.map(texts.bookLine)];
    for (const chunk of splitMessage(lines)) await ctx.reply(chunk);
  });
  return feature;
}
