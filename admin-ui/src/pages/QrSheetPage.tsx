import { useApolloClient, useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { QRCodeSVG } from "qrcode.react";
import { Link, useSearchParams } from "react-router";
import { useBotLink } from "../desk/useBotLink.ts";
import { errorSentence } from "../errors.ts";
import type { DeskCategoryBooksQuery } from "../gql/graphql.ts";
import { CATEGORIES, CATEGORY_BOOKS } from "../operations.ts";
import { bookTexts, deskTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

/** A printable sheet of QR codes, one per book of a category (the category is in the URL). */
export function QrSheetPage() {
  const [params, setParams] = useSearchParams();
  const category = params.get("category") ?? "";
  const categories = useQuery(CATEGORIES);
  const link = useBotLink();
  usePageTitle(category ? bookTexts.qrSheetFor(category) : bookTexts.qrSheet);

  return (
    <>
      <p className="no-print">
        <Link to="/books">{bookTexts.back}</Link>
      </p>
      <h1 className="page-title">{category ? bookTexts.qrSheetFor(category) : bookTexts.qrSheet}</h1>
      <form className="filters no-print" onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span>{bookTexts.chooseCategory}</span>
          <select value={category} onChange={(event) => setParams(event.target.value ? { category: event.target.value } : {})}>
            <option value="">—</option>
            {categories.data?.categories.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.bookCount})
              </option>
            ))}
          </select>
        </label>
        {category && link && (
          <button type="button" className="button primary" onClick={() => window.print()}>
            {bookTexts.print}
          </button>
        )}
      </form>
      <p className="muted no-print">{bookTexts.qrSheetHint}</p>
      {!link && <p className="notice">{bookTexts.qrNoBot}</p>}
      {category && link && <CategorySheet category={category} link={link} />}
    </>
  );
}

function CategorySheet({ category, link }: { category: string; link: (bookId: string) => string }) {
  const { books, error } = useCategoryBooks(category);
  if (error) return <p className="error" role="alert">{errorSentence(error)}</p>;
  if (!books) return <p className="muted">{deskTexts.loading}</p>;
  return (
    <ul className="qr-sheet" data-testid="qr-sheet">
      {books.map((book) => (
        <li key={book.id} className="qr-tile">
          <QRCodeSVG value={link(book.id)} size={128} marginSize={2} aria-hidden="true" />
          <span className="qr-title">{book.title}</span>
          <span className="muted small">{book.author ?? ""}</span>
        </li>
      ))}
    </ul>
  );
}

type CategoryBook = DeskCategoryBooksQuery["books"]["nodes"][number];

/** Every book of a category, page after page (a page holds at most 100). */
function useCategoryBooks(category: string): { books: CategoryBook[] | null; error: unknown } {
  const client = useApolloClient();
  const [state, setState] = useState<{ category: string; books: CategoryBook[] | null; error: unknown }>({ category, books: null, error: null });
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const books: CategoryBook[] = [];
      let after: string | null = null;
      try {
        do {
          const { data }: { data?: DeskCategoryBooksQuery } = await client.query({ query: CATEGORY_BOOKS, variables: { category, after } });
          if (!data) break;
          books.push(...data.books.nodes);
          after = data.books.pageInfo.hasNextPage ? data.books.pageInfo.endCursor : null;
        } while (after && !cancelled);
        if (!cancelled) setState({ category, books, error: null });
      } catch (error) {
        if (!cancelled) setState({ category, books: null, error });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, category]);
  return state.category === category ? state : { books: null, error: null };
}
