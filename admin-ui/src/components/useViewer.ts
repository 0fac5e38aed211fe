import { useQuery } from "@apollo/client/react";
import { VIEWER, type Role } from "../operations.ts";
import { useSession } from "../session.ts";

/** Who the signed-in token belongs to and its role; null before sign-in or while the server answers. */
export function useViewer(): { name: string; role: Role } | null {
  const { token } = useSession();
  const { data } = useQuery(VIEWER, { skip: !token, fetchPolicy: "cache-first" });
  return token ? (data?.viewer ?? null) : null;
}

/** Whether the token may do a librarian's lending and catalogue actions (the buttons are hidden otherwise). */
export function useIsLibrarian(): boolean {
  return useViewer()?.role === "LIBRARIAN";
}
