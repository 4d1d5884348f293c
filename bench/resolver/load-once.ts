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
const datasets = mod.readRegistryDatasets(mod.defaultRegistryDir());
const c3 = process.cpuUsage(c2);
const t3 = performance.now();
const registry = mod.createRegistry(datasets);
const c4 = process.cpuUsage(c2);
const t4 = performance.now();
// The first scan builds the automaton (lazily, so lookup-only callers skip it).
registry.scan("trained on ImageNet-21k");
const c5 = process.cpuUsage(c2);
const t5 = performance.now();
console.log(
  JSON.stringify({
    import: t1 - t0,
    read: t3 - t2,
    index: t4 - t3,
    firstScan: t5 - t4,
    total: t5 - t2,
    cpuRead: cpuMs(c3),
    cpuIndex: cpuMs(c4) - cpuMs(c3),
    cpuFirstScan: cpuMs(c5) - cpuMs(c4),
    cpuTotal: cpuMs(c5),
    size: registry.size,
  }),
);
