import { Link } from "react-router";
import { navTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

export function NotFoundPage() {
  usePageTitle("Сторінки немає");
  return (
    <>
      <h1 className="page-title">Такої сторінки немає</h1>
      <p>
        <Link to="/">{navTexts.today}</Link>
      </p>
    </>
  );
}
