/**
 * Where a CPU profile's time went: `node --import ./bench/register.mjs bench/profile-summary.ts PATH [N]`.
 * Profiles come from `BENCH_PROFILE=1 pnpm bench`: bench/results/profiles/<instance>/*.cpuprofile, written when the
 * instance stops, one per thread. PATH is a profile, or an instance's folder (then its busiest thread's profile).
 * Prints self time by file (node_modules folded into their package) and by function, top N, idle left out.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [path, topArg] = process.argv.slice(2);
if (!path) {
  console.error("usage: profile-summary.ts FILE.cpuprofile|FOLDER [N]");
  process.exit(2);
}
const top = Number(topArg ?? 25);

/** Microseconds of self time per profile node, idle left out. */
function selfTimes(profile: Profile): Map<number, number> {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return self;
}

const files = statSync(path).isDirectory()
  ? readdirSync(path)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => join(path, f))
  : [path];
const loaded = files.map((f) => {
  const profile = JSON.parse(readFileSync(f, "utf8")) as Profile;
  const self = selfTimes(profile);
  return { file: f, profile, self, busy: [...self.values()].reduce((a, b) => a + b, 0) };
});
const { file, profile, self: selfUs, busy: total } = loaded.sort((a, b) => b.busy - a.busy)[0]!;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

const where = (url: string) => {
  if (url === "") return "(native / V8)";
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return url;
  return url.replace(/^file:\/\/.*?\/(server|bench|sheets-emulator)\//, "$1/");
};

const functions = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  const place = where(frame.url);
  const name = `${frame.functionName || "(anonymous)"}  ${place}${frame.url && !place.startsWith("(") ? `:${frame.lineNumber + 1}` : ""}`;
  functions.set(name, (functions.get(name) ?? 0) + us);
  places.set(place, (places.get(place) ?? 0) + us);
}
const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy (idle left out)`);
print("self time by file / package", places);
print("self time by function", functions);
