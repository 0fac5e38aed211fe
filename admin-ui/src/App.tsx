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
import { TechnicalPage } from "./pages/TechnicalPage.tsx";
import { TodayPage } from "./pages/TodayPage.tsx";
import { navTexts } from "./texts.ts";

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
      </main>
    </div>
  );
}
