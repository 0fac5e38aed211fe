import { useSession } from "../session.ts";
import { cacheTexts } from "../texts.ts";
import { CacheStatsView } from "./CacheStatsView.tsx";
import { SignInPrompt } from "./SignInPrompt.tsx";

/**
 * The cache's health for librarians. Without a token it asks for one; with one, the stats view is keyed by the
 * token, so another token starts afresh and nothing seen with the previous one stays on screen.
 */
export function CachePanel() {
  const { token, notice } = useSession();
  if (token) return <CacheStatsView key={token} />;
  return (
    <section className="panel cache-panel" aria-labelledby="cache-title">
      <h2 id="cache-title">{cacheTexts.title}</h2>
      <SignInPrompt reason={notice ?? "needsToken"} />
    </section>
  );
}
