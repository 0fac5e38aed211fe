import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

// REDIS_SENTINELS / REDIS_SENTINEL_NAME: a primary found through Redis Sentinel instead of one REDIS_URL.

describe("Redis Sentinel settings", () => {
  it("are off by default: one Redis server", () => {
    expect(loadConfig({}).redis.sentinel).toBeUndefined();
  });

  it("read every sentinel's host and port, the primary's name and both passwords", () => {
    const config = loadConfig({
      REDIS_SENTINELS: " 10.0.0.1:26379, sentinel-b:26380,[::1]:26381 ",
      REDIS_SENTINEL_NAME: "kurin",
      REDIS_SENTINEL_PASSWORD: "sentinel-secret",
      REDIS_PASSWORD: "data-secret",
      REDIS_DB: "2",
    });
    expect(config.redis.sentinel).toEqual({
      sentinels: [
        { host: "10.0.0.1", port: 26379 },
        { host: "sentinel-b", port: 26380 },
        { host: "::1", port: 26381 },
      ],
      name: "kurin",
      password: "sentinel-secret",
    });
    expect(config.redis).toMatchObject({ password: "data-secret", db: 2 });
  });

  it("name the primary `mymaster` unless told otherwise (Sentinel's own example name)", () => {
    expect(loadConfig({ REDIS_SENTINELS: "127.0.0.1:26379" }).redis.sentinel?.name).toBe("mymaster");
  });

  it.each([
    [{ REDIS_SENTINELS: "127.0.0.1" }, /^Invalid configuration: REDIS_SENTINELS: expected host:port of each sentinel/],
    [{ REDIS_SENTINELS: "127.0.0.1:26379,127.0.0.2:99999" }, /^Invalid configuration: REDIS_SENTINELS: expected host:port/],
    [{ REDIS_SENTINELS: " , " }, /^Invalid configuration: REDIS_SENTINELS: expected host:port/],
    [{ REDIS_SENTINELS: "127.0.0.1:26379", REDIS_URL: "redis://127.0.0.1:6379" }, /^Invalid configuration: REDIS_SENTINELS: set either REDIS_URL .* or REDIS_SENTINELS .*, not both$/],
  ])("refuse %o with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
