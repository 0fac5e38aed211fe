import { useEffect, useState } from "react";
import { useSession } from "../session.ts";
import { deskTexts, errorTexts, photoTexts } from "../texts.ts";

type Photo = { kind: "loading" } | { kind: "shown"; url: string } | { kind: "note"; text: string };

/**
 * The reader's photo of the book back on the shelf. The server fetches it from Telegram with the bot's token
 * (`/photos/returns/:loanId`, librarians only); an <img> cannot send the Bearer token, so it is fetched here and
 * shown from a blob. When no bot is configured the server says so (a code), and a sentence is shown instead.
 */
export function ReturnPhoto({ loanId, title }: { loanId: string; title: string }) {
  const { token } = useSession();
  const [photo, setPhoto] = useState<Photo>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    void (async () => {
      try {
        const response = await fetch(`/photos/returns/${encodeURIComponent(loanId)}`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
          signal: controller.signal,
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { errors?: Array<{ extensions?: { code?: string } }> } | null;
          setPhoto({ kind: "note", text: photoNote(body?.errors?.[0]?.extensions?.code, response.status) });
          return;
        }
        url = URL.createObjectURL(await response.blob());
        setPhoto({ kind: "shown", url });
      } catch {
        if (!controller.signal.aborted) setPhoto({ kind: "note", text: errorTexts.network });
      }
    })();
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [loanId, token]);

  if (photo.kind === "loading") return <p className="muted small">{deskTexts.loading}</p>;
  if (photo.kind === "note") return <p className="notice small" data-testid="photo-note">{photo.text}</p>;
  return <img className="return-photo" src={photo.url} alt={`${deskTexts.photo}: ${title}`} data-testid="return-photo" />;
}

function photoNote(code: string | undefined, status: number): string {
  if (code && code in photoTexts) return photoTexts[code as keyof typeof photoTexts];
  if (status === 401) return errorTexts.codes.UNAUTHENTICATED;
  if (status === 403) return errorTexts.codes.FORBIDDEN;
  return errorTexts.unknown;
}
