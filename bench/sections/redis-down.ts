import { Bench, ms, perSecond, sleep, x, type Row, type SectionResult } from "../lib/bench.ts";
import { graphql, load, loadOn, pairedRatio, summarise, type LoadResult } from "../lib/load.ts";
import { PAGE_QUERY } from "./read-path.ts";

/**
 * Section 6: the page of 100 statuses with Redis up, then with the private redis-server killed (SIGKILL), served
 * from the instance's in-process fallback; round after round. After each outage redis-server is started again,
 * empty, and the time until kurin has put `books:all` back by itself is measured.
 */

const RECOVERY_LIMIT_MS = 30_000;

export async function redisDown(bench: Bench): Promise<SectionResult> {
  const { seconds } = bench.options;
  // Each outage round costs a restart and a recovery: three are enough.
  const rounds = Math.min(bench.options.rounds, 3);
  const sheets = await bench.sheets();
  const prefix = bench.prefix("outage");
  const server = await bench.kurin("kurin-outage", sheets, prefix);
  const redis = bench.redis;
  const allKey = `${prefix}books:all`;

  await load(server.url, PAGE_QUERY, { seconds: 1 });
  const up: LoadResult[] = [];
  const down: LoadResult[] = [];
  const recoveries: Array<number | null> = [];
  let readsWhileDown = 0;
  let wrongAnswers = 0;
  for (let round = 0; round < rounds; round++) {
    up.push(await loadOn(server, PAGE_QUERY, { seconds }));

    await redis.kill();
    // The first requests find Redis gone; from then on the fallback answers. It must answer, not error.
    const answer = await graphql<{ books: { nodes: unknown[] } }>(server.url, PAGE_QUERY).catch(() => undefined);
    if (answer?.books.nodes.length !== 100) wrongAnswers++;
    const before = sheets.reads;
    down.push(await loadOn(server, PAGE_QUERY, { seconds }));
    readsWhileDown += sheets.reads - before;
    const after = await graphql<{ books: { nodes: unknown[] } }>(server.url, PAGE_QUERY).catch(() => undefined);
    if (after?.books.nodes.length !== 100) wrongAnswers++;

    // Redis comes back empty: kurin should notice and refill it without help.
    const restarted = performance.now();
    await redis.launch();
    let recovered: number | null = null;
    while (performance.now() - restarted < RECOVERY_LIMIT_MS) {
      if ((await redis.client.exists(allKey).catch(() => 0)) === 1) {
        recovered = performance.now() - restarted;
        break;
      }
      await sleep(50);
    }
    recoveries.push(recovered);
    if (recovered === null) await server.call("refresh"); // so the next "up" round is warm all the same
    await load(server.url, PAGE_QUERY, { seconds: 1 }); // past the breaker's half-open probe
  }
  await bench.stop(server);
  await bench.stopSheets(sheets);

  const s = { up: summarise(up), down: summarise(down) };
  const rpsRatio = pairedRatio(down, up);
  const p99Ratio = pairedRatio(down, up, (r) => Math.max(r.p99, 1));
  const recoveredAll = recoveries.every((r) => r !== null);
  const rows: Row[] = [
    { section: "6", figure: "Redis up: page of 100", value: `${perSecond(s.up.rps)}, p99 ${ms(s.up.p99)}, CPU ${ms(s.up.cpuMsPerRequest)}/req` },
    {
      section: "6",
      figure: "Redis down (killed): in-process fallback",
      value: `${perSecond(s.down.rps)}, p99 ${ms(s.down.p99)}, CPU ${ms(s.down.cpuMsPerRequest)}/req`,
    },
    { section: "6", figure: "Redis down / up: req/s, p99", value: `${x(rpsRatio)}, ${x(p99Ratio)}` },
    {
      section: "6",
      figure: "while down: Sheets reads / failed requests",
      value: `${readsWhileDown} / ${s.down.failures + wrongAnswers}`,
      target: "0 / 0",
      met: readsWhileDown === 0 && s.down.failures + wrongAnswers === 0,
    },
    {
      section: "6",
      figure: "Redis back (empty): books:all refilled by kurin after",
      value: recoveredAll ? recoveries.map((r) => ms(r!)).join(", ") : `not within ${RECOVERY_LIMIT_MS / 1000} s`,
    },
  ];
  return { rows, data: { summary: s, ratios: { rps: rpsRatio, p99: p99Ratio }, readsWhileDown, wrongAnswers, recoveriesMs: recoveries } };
}
