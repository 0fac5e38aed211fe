import { useState } from "react";
import { CachePanel } from "./components/CachePanel.tsx";
import { CataloguePanel } from "./components/CataloguePanel.tsx";
import { CategoriesPanel } from "./components/CategoriesPanel.tsx";
import { HealthPanel } from "./components/HealthPanel.tsx";
import { SessionBar } from "./components/SessionBar.tsx";
import { SheetProblemsPanel } from "./components/SheetProblemsPanel.tsx";

export function App() {
  // Clicking a category filters the catalogue by it.
  const [category, setCategory] = useState<string | null>(null);

  return (
    <div className="app">
      <header className="app-header">
        <h1>kurin — бібліотека</h1>
        <p className="subtitle">Панель бібліотекаря</p>
        <SessionBar />
      </header>
      <main className="layout">
        <div className="main-column">
          <CachePanel />
          <SheetProblemsPanel />
          <CataloguePanel category={category} onClearCategory={() => setCategory(null)} />
        </div>
        <aside className="side-column">
          <HealthPanel />
          <CategoriesPanel selected={category} onSelect={setCategory} />
        </aside>
      </main>
    </div>
  );
}
