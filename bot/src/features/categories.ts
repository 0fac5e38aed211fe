import { Composer, type Context } from "telegraf";
import type { BotApi } from "../api.ts";
import { splitMessage } from "../reply.ts";
import { texts } from "../texts.ts";

/** /categories: every category with its book count. */
export function categoriesFeature(api: BotApi): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command("categories", async (ctx) => {
    const categories = await api.categories();
    if (categories.length === 0) {
      await ctx.reply(texts.noCategories);
      return;
    }
    const lines = [texts.categoriesTitle, ...categories.map(texts.categoryLine)];
    for (const message of splitMessage(lines)) await ctx.reply(message);
  });
  return feature;
}
