import { Link } from "react-router";
import { CataloguePanel } from "../components/CataloguePanel.tsx";
import { CategoriesPanel } from "../components/CategoriesPanel.tsx";
import { bookTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

/** The catalogue as the Sheet has it, with a way to each book's page and to a category's sheet of QR codes. */
export function BooksPage() {
  usePageTitle(bookTexts.title);
  return (
    <>
      <div className="page-heading">
        <h1 className="page-title">{bookTexts.title}</h1>
        <Link className="button" to="/books/qr">
          {bookTexts.qrSheet}
        </Link>
      </div>
      <div className="layout">
        <div className="main-column">
          <CataloguePanel />
        </div>
        <aside className="side-column">
          <CategoriesPanel />
        </aside>
      </div>
    </>
  );
}
