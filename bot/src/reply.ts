/** Telegram rejects messages over 4096 characters; split long answers on line breaks. */
export const MAX_MESSAGE_LENGTH = 4096;

export function splitMessage(lines: readonly string[], limit = MAX_MESSAGE_LENGTH): string[] {
  const messages: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = raw.length > limit ? `${raw.slice(0, limit - 1)}…` : raw;
    const next = current === "" ? line : `${current}\n${line}`;
    if (next.length > limit) {
      messages.push(current);
      current = line;
    } else {
      current = next;
    }
  }
  if (current !== "") messages.push(current);
  return messages;
}
