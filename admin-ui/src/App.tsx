import { lazy, Suspense } from "react";
import { NavLink, Route, Routes } from "react-router";
import { SessionBar } from "./components/SessionBar.tsx";
import { LiveNotices } from "./desk/LiveNotices.tsx";
import { BookPage } from "./pages/BookPage.tsx";
import { BooksPage } from "./pages/BooksPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { OutsidePage } from "./pages/OutsidePage.tsx";
import { QrSheetPage } from "./pages/QrSheetPage.tsx";
import { ReaderPage } from "./pages/ReaderPage.tsx";
import { ReadersPage } from "./pages/ReadersPage.tsx";
import { TodayPage } from "./pages/TodayPage.tsx";
import { navTexts, pageLoadingText } from "./texts.ts";

/**
 * The technical page (the cache, the Sheets budget, the breaker, and the chart drawn with recharts) is its own
 * chunk, fetched when it is first opened: a librarian who works the desk never downloads it. The desk's pages
 * are small and stay in the first bundle, so moving between them never waits for the network.
 */
const TechnicalPage = lazy(() => import("./pages/TechnicalPage.tsx").then((m) => ({ default: m.TechnicalPage })));

const sections = [
  { to: "/", label: navTexts.today, end: true },
  { to: "/readers", label: navTexts.readers, end: false },
  { to: "/books", label: navTexts.books, end: false },
  { to: "/outside", label: navTexts.outside, end: false },
  { to: "/technical", label: navTexts.technical, end: false },
];

export function App() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {navTexts.skip}
      </a>
      <header className="app-header">
        <div className="header-row">
          <p className="brand">{navTexts.app}</p>
          <SessionBar />
        </div>
        <nav aria-label={navTexts.menu} className="main-nav">
          <ul>
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to} end={s.end}>
                  {s.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <LiveNotices />
      <main id="main" tabIndex={-1} className="page">
        <Suspense fallback={<p className="muted">{pageLoadingText}</p>}>
          <Routes>
            <Route path="/" element={<TodayPage />} />
            <Route path="/readers" element={<ReadersPage />} />
            <Route path="/readers/:id" element={<ReaderPage />} />
            <Route path="/books" element={<BooksPage />} />
            <Route path="/books/qr" element={<QrSheetPage />} />
            <Route path="/books/:id" element={<BookPage />} />
            <Route path="/outside" element={<OutsidePage />} />
            <Route path="/technical" element={<TechnicalPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
