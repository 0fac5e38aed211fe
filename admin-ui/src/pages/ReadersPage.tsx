import { readerTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

export function ReadersPage() {
  usePageTitle(readerTexts.title);
  return <h1 className="page-title">{readerTexts.title}</h1>;
}
