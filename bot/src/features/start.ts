import { Composer, type Context } from "telegraf";
import { texts } from "../texts.ts";

/** /start and /help: what the bot does. */
export function startFeature(): Composer<Context> {
  const feature = new Composer<Context>();
  feature.start((ctx) => ctx.reply(texts.start));
  feature.help((ctx) => ctx.reply(texts.start));
  return feature;
}
