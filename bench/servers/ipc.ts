/**
 * The child side of a benchmark server process: tells the parent where it listens, then answers its commands
 * (stats, refresh, stop) over the IPC channel. A child whose parent is gone exits rather than linger.
 */

export type Handlers = Record<string, (argument?: unknown) => unknown>;

interface Command {
  id: number;
  command: string;
  argument?: unknown;
}

export function serveParent(url: string, handlers: Handlers, stop: () => Promise<void>): void {
  const send = (message: object) => process.send?.(message);
  process.on("message", async (message: Command) => {
    if (message.command === "stop") {
      await stop().catch(() => undefined);
      send({ id: message.id, ok: true });
      process.exit(0);
    }
    try {
      const handler = handlers[message.command];
      if (!handler) throw new Error(`unknown command ${message.command}`);
      send({ id: message.id, ok: true, value: await handler(message.argument) });
    } catch (error) {
      send({ id: message.id, ok: false, error: (error as Error).message });
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ ready: true, url });
}

/** Reports a start-up failure to the parent and exits. */
export function failStart(error: unknown): never {
  process.send?.({ ready: false, error: (error as Error)?.stack ?? String(error) });
  process.exit(1);
}
