/** Comparing a sheet's rows before and after a change, whatever rows moved in between. */

/** Every row by id (rows without one by their content), trailing empty cells dropped: comparable after moves. */
export function byId(rows: string[][]): Map<string, string[]> {
  const header = rows[0]!;
  const id = header.indexOf("id");
  const trim = (r: string[]) => {
    const copy = r.map((c) => c ?? "");
    while (copy.length > 0 && copy.at(-1) === "") copy.pop();
    return copy;
  };
  const seen = new Map<string, number>();
  return new Map(
    rows.slice(1).map((r) => {
      let key = (r[id] ?? "").trim();
      if (key === "") {
        const content = trim(r).join("|");
        seen.set(content, (seen.get(content) ?? 0) + 1);
        key = `(no id: ${content} #${seen.get(content)})`;
      }
      return [key, trim(r)];
    }),
  );
}

export function changedRows(before: string[][], after: string[][]): string[] {
  const a = byId(before);
  const b = byId(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((key) => JSON.stringify(a.get(key)) !== JSON.stringify(b.get(key)));
}
