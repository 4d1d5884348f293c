// One registry load in a fresh process, as the CLI does on every scan. Prints JSON timings: wall
// clock (ms) and this process's CPU time (ms, user + system), which is steadier on a busy machine.
// Usage: node --import tsx bench/resolver/load-once.ts [nocache]
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
const t0 = performance.now();
const mod = await import("../../src/resolve/registry.js");
const t1 = performance.now();
if (process.argv[2] === "nocache") process.env.CARRYOVER_REGISTRY_CACHE = "0";
const c2 = process.cpuUsage();
const t2 = performance.now();
const registry = mod.loadRegistry();
const c3 = process.cpuUsage(c2);
const t3 = performance.now();
// The first scan builds the automaton unless the disk cache held it.
registry.scan("trained on ImageNet-21k");
const c4 = process.cpuUsage(c2);
const t4 = performance.now();
console.log(
  JSON.stringify({
    import: t1 - t0,
    load: t3 - t2,
    firstScan: t4 - t3,
    total: t4 - t2,
    cpuLoad: cpuMs(c3),
    cpuFirstScan: cpuMs(c4) - cpuMs(c3),
    cpuTotal: cpuMs(c4),
    size: registry.size,
  }),
);
