import { EventEmitter } from "node:events";
import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll, type CircuitBreakerPolicy } from "cockatiel";

/**
 * A circuit breaker in front of Redis: after a few failures in a row, Redis is not asked at all for a while
 * (callers answer from memory at once instead of each waiting for a timeout), then one probe decides
 * whether it is back. cockatiel does the state machine; this names the states and reports changes.
 */

export type BreakerState = "closed" | "open" | "half-open";

export interface RedisGuardEvents {
  state: [BreakerState];
  failure: [Error];
}

export class RedisGuard extends EventEmitter<RedisGuardEvents> {
  private readonly policy: CircuitBreakerPolicy;

  constructor(options: { failuresToOpen?: number; halfOpenAfterMs?: number } = {}) {
    super();
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: options.halfOpenAfterMs ?? 1000,
      breaker: new ConsecutiveBreaker(options.failuresToOpen ?? 3),
    });
    this.policy.onStateChange((state) => this.emit("state", describe(state)));
    this.policy.onFailure(({ reason }) => {
      if ("error" in reason) this.emit("failure", reason.error as Error);
    });
  }

  get state(): BreakerState {
    return describe(this.policy.state);
  }

  /** Whether a command may be sent now (closed, or half-open for a probe). */
  available(): boolean {
    return this.policy.state !== CircuitState.Open && this.policy.state !== CircuitState.Isolated;
  }

  /** Runs a Redis command; rejects at once with BrokenCircuitError while the circuit is open. */
  run<T>(command: () => Promise<T>): Promise<T> {
    return this.policy.execute(command);
  }

  /**
   * The one way kurin falls back when Redis cannot answer: runs `command` (Redis commands inside it go through
   * `run`, as BookCache's and RedisLocks' do), and answers `fallback(error)` when it fails, the open circuit
   * included. No other file catches Redis errors by hand.
   */
  async tryRedis<T, F = T>(command: () => Promise<T>, fallback: (error: unknown) => F | Promise<F>): Promise<T | F> {
    try {
      return await command();
    } catch (error) {
      return fallback(error);
    }
  }
}

function describe(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return "closed";
    case CircuitState.HalfOpen:
      return "half-open";
    default:
      return "open";
  }
}
