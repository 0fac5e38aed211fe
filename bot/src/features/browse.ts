import { LRUCache } from "lru-cache";
import { Composer } from "telegraf";
import { message } from "telegraf/filters";
import { BookPage, Categories, CategoryList, SkipBooks } from "../api/operations.ts";
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
/**
 * The names behind the category keys of the buttons this bot has sent (a key is a hash: the name does not fit
 * in callback_data). Knowing them, a category page is one request; a key it does not know (the bot restarted)
 * costs one more, for the categories. Bounded, and in memory: losing it loses nothing but that request.
 */
export class CategoryNames {
  private readonly names = new LRUCache<string, string>({ max: 1_000 });
  learn(categories: ReadonlyArray<{ name: string }>): void {
    for (const { name } of categories) this.names.set(categoryKey(name), name);
  }
  get(key: string): string | undefined {
    return this.names.get(key);
  }
}

/**
 * /books: the categories with their counts; a category in pages of 10 with prev/next; any other text is a
 * search. Register LAST: the text handler answers every text message the features before it let through.
 */
export function browseFeature(names = new CategoryNames()): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const showCategories = async (ctx: BotContext, note?: string) => {
    const { categories, all } = await ctx.kurin.request(CategoryList, {});
    names.learn(categories);
    await show(ctx, categoriesView(ctx.texts, categories, all.totalCount, note));
  };

  /** The category's name as it is now; null for all books; undefined when no category has this key any more. */
  const categoryOf = async (ctx: BotContext, key: string): Promise<string | null | undefined> => {
    if (key === ALL_BOOKS) return null;
    const { categories } = await ctx.kurin.request(Categories, {});
    names.learn(categories);
    return categories.find((c) => categoryKey(c.name) === key)?.name;
  };

  feature.command(["books", "categories"], (ctx) => showCategories(ctx));
  feature.action(CATEGORIES, (ctx) => showCategories(ctx));
  feature.action(NOTHING, (ctx) => ctx.answerCbQuery());

  feature.action(CATEGORY_PAGE_PATTERN, async (ctx) => {
    const [, key, pageText, after] = ctx.match;
    const known = key === ALL_BOOKS ? null : names.get(key!);
    const name = known === undefined ? await categoryOf(ctx, key!) : known;
    // A button from before the category was renamed or emptied: the list as it is now.
    if (name === undefined) return showCategories(ctx, ctx.texts.t("categoryGone"));
    let page = Number(pageText);
    let books = await pageOf(ctx, name, page, after ?? null);
    // A remembered name that no longer has books may have been renamed meanwhile: ask once, then as above.
    if (books.totalCount === 0 && known && (await categoryOf(ctx, key!)) === undefined) return showCategories(ctx, ctx.texts.t("categoryGone"));
    // The category shrank since the button was sent: its last page instead of an empty one.
    if (books.nodes.length === 0 && books.totalCount > 0) {
      page = Math.ceil(books.totalCount / PAGE_SIZE) - 1;
      books = await pageOf(ctx, name, page, null);
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
 * Page `page` of a category: one request with the cursor that leads to it (the "next" button carries it). The
 * API's cursors are opaque and lead forward only, so without one a page is reached from the start, 100 books a
 * step (page 30 of a 300-book category costs three small requests for cursors, then one).
 */
async function pageOf(ctx: BotContext, category: string | null, page: number, cursor: string | null) {
  let after: string | null = cursor;
  let skip = cursor ? 0 : page * PAGE_SIZE;
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
