import { useEffect } from "react";
import { navTexts } from "./texts.ts";

/** The browser tab names the page, so history and screen readers tell pages apart. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${navTexts.app}`;
  }, [title]);
}
