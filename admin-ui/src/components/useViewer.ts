/** Who the signed-in token belongs to; null until the server can tell (see `viewer` in operations.ts). */
export function useViewer(): { name: string; roles: string[] } | null {
  return null;
}
