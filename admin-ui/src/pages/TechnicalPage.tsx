import { CachePanel } from "../components/CachePanel.tsx";
import { HealthPanel } from "../components/HealthPanel.tsx";
import { SheetProblemsPanel } from "../components/SheetProblemsPanel.tsx";
import { navTexts, technicalTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

/** Everything about the machinery: the cache and its chart, the Sheets budget, the breaker, keys, the Sheet's problems. */
export function TechnicalPage() {
  usePageTitle(navTexts.technical);
  return (
    <>
      <h1 className="page-title">{navTexts.technical}</h1>
      <p className="muted">{technicalTexts.intro}</p>
      <div className="layout">
        <div className="main-column">
          <CachePanel />
          <SheetProblemsPanel />
        </div>
        <aside className="side-column">
          <HealthPanel />
        </aside>
      </div>
    </>
  );
}
