import { navTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

export function OutsidePage() {
  usePageTitle(navTexts.outside);
  return <h1 className="page-title">{navTexts.outside}</h1>;
}
