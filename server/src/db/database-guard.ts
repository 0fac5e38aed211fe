import { EventEmitter } from "node:events";
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from "cockatiel";
import { KurinError } from "../errors.ts";
import type { PrismaClient } from "./client.ts";

/**
 * MySQL away (restarted, the network cut): kurin answers at once, and says so plainly.
 *
 * The driver's pool waits for a connection up to its acquire timeout (DATABASE_ACQUIRE_TIMEOUT_MS); once a
 * query has failed to get one, a circuit breaker (cockatiel, as for Redis) refuses every query at once for
 * DATABASE_RETRY_AFTER_MS, then lets one through to see whether the database is back. The breaker sits in the
 * driver adapter (`guardAdapter`), under Prisma: every query, raw or not, and the start of every transaction go
 * through it, and the rest of kurin keeps its ordinary PrismaClient.
 *
 * Whatever a failed query reaches a client as is UPSTREAM_UNAVAILABLE naming the database (`isDatabaseUnavailable`
 * finds it under Prisma's wrapping): never Prisma's text, which quotes source paths and code.
 */

export const DATABASE_DOWN = "The library's database is not answering; try again in a minute";

export class DatabaseUnavailable extends KurinError {
  override name = "DatabaseUnavailable";
  constructor(message: string = DATABASE_DOWN, cause?: unknown) {
    super("UPSTREAM_UNAVAILABLE", message, { cause });
  }
}

// The mariadb driver's own error numbers (lib/misc/errors.js) for "no connection could be had": the pool's
// acquire timeout, a connect timeout or socket error, no connection, the pool not initialised.
const NO_CONNECTION = new Set([45012, 45019, 45028, 45039, 45060, 45061]);
// ... and for a connection lost under a query (the socket closed or timed out).
const CONNECTION_LOST = new Set([45001, 45004, 45009, 45013, 45026, 45042]);

/** Whether `error` (or what it wraps) says the database could not be reached: the answer is UPSTREAM_UNAVAILABLE. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, (e) => {
    if (e instanceof DatabaseUnavailable) return true;
    if ((e as { name?: unknown }).name === "PrismaClientInitializationError") return true;
    // Prisma copies the code of an error the adapter threw (a DatabaseUnavailable) onto its own.
    if ((e as { code?: unknown }).code === "UPSTREAM_UNAVAILABLE" && String((e as { name?: unknown }).name).startsWith("PrismaClient")) return true;
    const errno = driverErrno(e);
    return errno !== undefined && (NO_CONNECTION.has(errno) || CONNECTION_LOST.has(errno));
  });
}

/** Whether `error` says no connection could be had at all: what opens the breaker (a lost socket alone does not). */
function isNoConnection(error: unknown): boolean {
  return someCause(error, (e) => {
    const errno = driverErrno(e);
    return errno !== undefined && NO_CONNECTION.has(errno);
  });
}

export type DatabaseState = "closed" | "open" | "half-open";

export class DatabaseGuard extends EventEmitter<{ state: [DatabaseState] }> {
  private readonly policy: CircuitBreakerPolicy;

  constructor(options: { retryAfterMs: number }) {
    super();
    // One failure opens it: the pool has already waited its acquire timeout for a connection and had none.
    this.policy = circuitBreaker(handleWhen(isNoConnection), { halfOpenAfter: options.retryAfterMs, breaker: new ConsecutiveBreaker(1) });
    this.policy.onStateChange((state) => this.emit("state", state === CircuitState.Closed ? "closed" : state === CircuitState.HalfOpen ? "half-open" : "open"));
  }

  get state(): DatabaseState {
    return this.policy.state === CircuitState.Closed ? "closed" : this.policy.state === CircuitState.HalfOpen ? "half-open" : "open";
  }

  /** Runs one database call; refused at once with DatabaseUnavailable while the breaker is open. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(call);
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new DatabaseUnavailable();
      throw error;
    }
  }

  /** The driver adapter with every query and transaction start going through `run`. */
  guardAdapter<F extends AdapterFactory>(factory: F): F {
    const guarded = new Set<PropertyKey>(["queryRaw", "executeRaw", "startTransaction"]);
    const connect = async () => {
      const adapter = await this.run(() => factory.connect());
      return new Proxy(adapter, {
        get: (target, property, receiver) => {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== "function") return value;
          if (!guarded.has(property)) return value.bind(target);
          return (...args: unknown[]) => this.run(() => value.apply(target, args) as Promise<unknown>);
        },
      });
    };
    return new Proxy(factory, { get: (target, property, receiver) => (property === "connect" ? connect : Reflect.get(target, property, receiver)) });
  }
}

/** What guardAdapter needs of Prisma's driver adapter factory (PrismaMariaDb). */
interface AdapterFactory {
  connect(): Promise<object>;
}

/** The driver's error number: on its SqlError (`errno`), or as Prisma's DriverAdapterError carries it (`code`, `originalCode`). */
function driverErrno(error: object): number | undefined {
  const { errno, code, originalCode } = error as { errno?: unknown; code?: unknown; originalCode?: unknown };
  for (const candidate of [errno, code, originalCode]) {
    const n = typeof candidate === "number" ? candidate : typeof candidate === "string" && /^\d+$/.test(candidate) ? Number(candidate) : undefined;
    if (n !== undefined && n > 45000 && n < 46000) return n;
  }
  return undefined;
}

/** `test` on the error, its `cause` chain and Prisma's `meta.driverAdapterError` (a few levels at most). */
function someCause(error: unknown, test: (e: object) => boolean): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 10) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    if (test(e)) return true;
    const { cause, meta } = e as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    queue.push(cause, meta?.driverAdapterError);
  }
  return false;
}

/** /health's question: the database answers a trivial query (the reason in plain words when it does not). */
export async function pingDatabase(prisma: PrismaClient): Promise<void> {
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    throw isDatabaseUnavailable(error) ? new DatabaseUnavailable("not answering (no connection within DATABASE_ACQUIRE_TIMEOUT_MS)", error) : error;
  }
}
