/**
 * Waiting for something a test needs to have happened: poll `check` until it holds, and fail naming `what`
 * (and, with `state`, what was seen instead) once `timeoutMs` has passed. The deadline is generous on purpose:
 * on a loaded 2-core machine a background step can take seconds; a wait only ends that late when the thing
 * never happens, and then the test fails anyway.
 */
export const WAIT_MS = 15_000;

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = WAIT_MS, everyMs = 25, state }: { timeoutMs?: number; everyMs?: number; state?: () => unknown } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const seen = state === undefined ? "" : `; seen: ${JSON.stringify(await state())}`;
      throw new Error(`waited ${timeoutMs} ms for ${what}, in vain${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
