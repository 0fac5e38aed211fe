import { useSession } from "../session.ts";
import { SheetProblemsView } from "./SheetProblemsView.tsx";

/**
 * The Sheet's rows kurin could not use as they are, for librarians and integrators. Without a token there is
 * nothing to show (the cache panel asks for one); with one, the view is keyed by the token, like the cache's.
 */
export function SheetProblemsPanel() {
  const { token } = useSession();
  return token ? <SheetProblemsView key={token} /> : null;
}
