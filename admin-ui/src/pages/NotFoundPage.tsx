import { Link } from "react-router";
import { navTexts, notFoundTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

export function NotFoundPage() {
  usePageTitle(notFoundTexts.tab);
  return (
    <>
      <h1 className="page-title">{notFoundTexts.title}</h1>
      <p>
        <Link to="/">{navTexts.today}</Link>
      </p>
    </>
  );
}
