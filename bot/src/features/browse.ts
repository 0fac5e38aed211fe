import { Composer } from "telegraf";
import { message } from "telegraf/filters";
import { BookPage, Categories, SkipBooks } from "../api/operations.ts";
import type { ResultOf } from "../api/graphql.ts";
import type { BotContext } from "../context.ts";
import { ALL_BOOKS, CATEGORIES, CATEGORY_PAGE_PATTERN, categoryKey, NOTHING } from "../ui/callbacks.ts";
import { categoriesView, categoryPageView, PAGE_SIZE, searchView } from "../ui/lists.ts";
import { show } from "../ui/view.ts";

export const MAX_QUERY_LENGTH = 200;
/** The API's largest page: the step in which a cursor is moved to a far page. */
const MAX_STEP = 100;

/**
 * /books: the categories with their counts; a category in pages of 10 with prev/next; any other text is a
 * search. Register LAST: the text handler answers every text message the features before it let through.
 */
export function browseFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const showCategories = async (ctx: BotContext, note?: string) => {
    const [{ categories }, all] = await Promise.all([
      ctx.kurin.request(Categories, {}),
      ctx.kurin.request(BookPage, { first: 1, category: null, search: null, after: null }),
    ]);
    await show(ctx, categoriesView(ctx.texts, categories, all.books.totalCount, note));
  };

  feature.command(["books", "categories"], (ctx) => showCategories(ctx));
  feature.action(CATEGORIES, (ctx) => showCategories(ctx));
  feature.action(NOTHING, (ctx) => ctx.answerCbQuery());

  feature.action(CATEGORY_PAGE_PATTERN, async (ctx) => {
    const [, key, pageText] = ctx.match;
    let name: string | null = null;
    if (key !== ALL_BOOKS) {
      const { categories } = await ctx.kurin.request(Categories, {});
      const found = categories.find((c) => categoryKey(c.name) === key);
      // A button from before the category was renamed or emptied: the list as it is now.
      if (!found) return showCategories(ctx, ctx.texts.t("categoryGone"));
      name = found.name;
    }
    let page = Number(pageText);
    let books = await pageOf(ctx, name, page);
    // The category shrank since the button was sent: its last page instead of an empty one.
    if (books.nodes.length === 0 && books.totalCount > 0) {
      page = Math.ceil(books.totalCount / PAGE_SIZE) - 1;
      books = await pageOf(ctx, name, page);
    }
    await show(ctx, categoryPageView(ctx.texts, { name, key: key! }, page, books));
  });

  feature.on(message("text"), async (ctx) => {
    const query = ctx.message.text.trim();
    if (query.startsWith("/")) return ctx.reply(ctx.texts.t("unknownCommand"));
    if (query.length > MAX_QUERY_LENGTH) return ctx.reply(ctx.texts.t("queryTooLong", { max: MAX_QUERY_LENGTH }));
    const { books } = await ctx.kurin.request(BookPage, { search: query, first: PAGE_SIZE, category: null, after: null });
    await show(ctx, searchView(ctx.texts, books));
  });

  return feature;
}

/**
 * Page `page` of a category. The API's cursors are opaque and lead forward only, so a page is reached from the
 * start, 100 books a step (page 30 of a 300-book category costs three small requests for cursors, then one).
 */
async function pageOf(ctx: BotContext, category: string | null, page: number) {
  let after: string | null = null;
  let skip = page * PAGE_SIZE;
  while (skip > 0) {
    const step = Math.min(MAX_STEP, skip);
    const skipped: ResultOf<typeof SkipBooks> = await ctx.kurin.request(SkipBooks, { category, first: step, after });
    if (!skipped.books.pageInfo.endCursor) break;
    after = skipped.books.pageInfo.endCursor;
    skip -= step;
  }
  const { books } = await ctx.kurin.request(BookPage, { category, first: PAGE_SIZE, after, search: null });
  return books;
}
