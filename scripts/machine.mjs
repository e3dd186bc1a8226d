#!/usr/bin/env node
// @ts-check
/**
 * npm run machine -- <scenario> [--mem SIZE] [--swap SIZE | --no-swap] [--thp MODE] [--seed N] [--svg FILE]
 *                    [--solution] [--plain]
 *
 * Replays one of the seeds' experiments on kata 16's Machine — your own (katas/, built on your katas 2–15) or
 * the reference (--solution) — with a live view redrawn every simulated second (plain lines when stdout is not
 * a terminal), then a summary, and with --svg seed 004's figure. An impossible machine is refused before
 * anything runs (exit 2); a kata still to write is named ("finish kata 7 first", exit 1).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { failureCheck } from './lab/kata-errors.mjs';
import { readStubIndex } from './lab/stubs.mjs';
import { run } from './lib/cli.mjs';
import { uiLanguage } from './lib/lang.mjs';
import { openTree } from './lib/load-kata.mjs';
import { messagesFor } from './lib/messages.mjs';
import { repoRoot } from './lib/paths.mjs';
import { reclaimChart, reclaimSvg } from './lib/reclaim-chart.mjs';
import { hasReferenceTree } from './lib/reference.mjs';
import { style } from './lib/style.mjs';
import { parseMachineArgs, SCENARIO_NAMES, USAGE, UsageError } from './machine/args.mjs';
import { frame, plainHeader, plainLine, seconds, thin } from './machine/view.mjs';

/** A simulated second: the live view's refresh, as `sar -r 1` and `vmstat 1` sample. */
const SECOND = 1000;

run(async () => {
  let args;
  try {
    args = parseMachineArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`machine: ${error.message}`);
    console.error(USAGE);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return process.argv.slice(2).some((a) => a === '-h' || a === '--help') ? 0 : 2;
  }
  if (args.tree === 'solutions' && !hasReferenceTree()) {
    // A classroom export has no reference tree to run: the machine runs the learner's katas, and says why.
    console.error(
      `machine: --solution runs the reference tree of memkata itself. ${messagesFor(uiLanguage()).noReferenceHere}`,
    );
    return 2;
  }
  const tree = await openTree(args.tree);
  const kata = await tree.load('#kata/16-machine');
  const free = await tree.load('#kata/02-free');
  const stubs = readStubIndex(repoRoot, args.tree);
  const whose = args.tree === 'solutions' ? 'the reference' : 'your code';
  const scenario = kata.SCENARIOS[args.scenario];
  const config = { ...scenario.machine, ...args.machine };
  const options = { ...scenario.options, ...(args.seed !== undefined && { seed: args.seed }) };

  /** Explains a throw from the kata code and gives the exit code. */
  const failed = (/** @type {unknown} */ error, /** @type {string} */ call) => {
    const check = failureCheck(`npm run machine -- ${args.scenario}`, error, { call, kata: 16, stubs });
    for (const line of check.lines) console.error(line.replace('then come back to the lab', 'then run this again'));
    return 1;
  };

  let machine;
  try {
    machine = new kata.Machine(config);
  } catch (error) {
    if (error instanceof Error && error.name === 'MachineConfigError') {
      // refused before anything runs, in plain words
      console.error(`machine: this machine cannot exist — ${error.message}`);
      return 2;
    }
    return failed(error, 'new Machine(config)');
  }

  const live = Boolean(process.stdout.isTTY) && !args.plain;
  const plan = machine.plan;
  const heading =
    `memkata machine · ${args.scenario} (seed ${scenario.seed}) · ${whose} · ` +
    `${plan.memoryKb / 1024} MiB RAM, ${plan.swapPages ? `${(plan.swapPages * 4) / 1024} MiB swap` : 'no swap'}, THP ${plan.thp}`;
  /** What a person watching sees now. */
  const snapshot = (/** @type {any} */ m) => {
    const meminfo = m.meminfo();
    const vmstat = m.vmstat();
    let top = null;
    for (const p of m.processes.values()) {
      const s = p.space.stats();
      if (!top || s.rssKb + s.vmSwapKb > top.rssKb + top.swapKb) {
        top = { pid: p.pid, name: p.name, rssKb: s.rssKb, swapKb: s.vmSwapKb };
      }
    }
    return {
      t: m.time,
      meminfo,
      free: free.formatFree(free.computeFree(meminfo)),
      zone: { free: m.zone.freePages, ...plan.watermarks },
      kswapd: m.zone.kswapd,
      vmstat: { pswpin: vmstat.pswpin, pswpout: vmstat.pswpout, stalls: vmstat.allocstall_normal },
      top,
    };
  };
  const show = (/** @type {any} */ m) => {
    const s = snapshot(m);
    if (live) process.stdout.write(`\x1b[H\x1b[2J${frame(s, heading).join('\n')}\n`);
    else console.log(plainLine(s));
  };

  if (!live) console.log(`${heading}\n${plainHeader()}`);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let result;
  try {
    show(machine);
    result = scenario.run(machine, options, (/** @type {any} */ m) => {
      if (m.time % SECOND === 0) show(m);
    });
    show(machine);
  } catch (error) {
    if (live) console.log('');
    return failed(error, `SCENARIOS['${args.scenario}'].run(machine, …)`);
  }
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;

  console.log('');
  console.log(style.bold(`${args.scenario}: ${SCENARIO_NAMES[args.scenario]}`));
  for (const line of summary(args.scenario, machine, result, free)) console.log(line);
  const events = machine.zone.events;
  const count = (/** @type {string} */ type) => events.filter((/** @type {any} */ e) => e.type === type).length;
  console.log(
    `kswapd woken ${count('wakeup_kswapd')} times, asleep again ${count('kswapd_sleep')} times; ` +
      `${count('direct_reclaim_begin')} direct-reclaim stalls; ${count('oom')} out of memory`,
  );
  for (const line of machine.kernelLog) console.log(style.yellow(`dmesg: ${line}`));
  const figure = {
    watermarks: plan.watermarks,
    samples: thin(machine.zone.samples, 640),
    events,
    title: `${args.scenario} on ${plan.memoryKb / 1024} MiB (${plan.swapPages ? 'swap' : 'no swap'}): free pages against min/low/high`,
  };
  if (events.length > 0) console.log(`\n${reclaimChart(figure)}`);
  if (args.svg) {
    const path = resolve(args.svg);
    writeFileSync(path, reclaimSvg(figure));
    console.log(`wrote the figure to ${path}`);
  }
  console.log(
    style.dim(
      `simulated ${seconds(machine.time)} in ${(ms / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`,
    ),
  );
  return 0;
});

/**
 * What each scenario ends with, in its seed's terms.
 * @param {string} name
 * @param {any} machine
 * @param {any} result
 * @param {any} free kata 02 (the same tree)
 * @returns {string[]}
 */
function summary(name, machine, result, free) {
  const freeOf = (/** @type {string} */ text) => free.formatFree(free.computeFree(free.parseMeminfo(text)));
  if (name === 'swap-test') {
    const vm = machine.vmstat();
    return [
      result.completed
        ? `python3 (${result.hogPid}) wrote all ${result.written} pages and exited (it prints 1024)`
        : `python3 (${result.hogPid}) was killed by the OOM killer after ${result.written} pages`,
      `pswpout ${vm.pswpout}, pswpin ${vm.pswpin}, pgscan_kswapd ${vm.pgscan_kswapd}, pgscan_direct ${vm.pgscan_direct}, allocstall_normal ${vm.allocstall_normal}`,
    ];
  }
  if (name === 'page-cache') {
    return [
      'free before dd:',
      freeOf(result.before),
      'after writing the 1 GiB file (buff/cache grows, available stays high):',
      freeOf(result.written),
      'after rm testfile:',
      freeOf(result.deleted),
      'the file again, synced, then memory pressure (the clean cache goes first):',
      freeOf(result.pressed),
    ];
  }
  if (name === 'malloc') {
    const line = (/** @type {string} */ text, /** @type {RegExp} */ key) =>
      text.split('\n').find((l) => key.test(l)) ?? '';
    return ['before', 'mapped', 'touched', 'filled'].flatMap((step) => {
      const s = result[step];
      return [
        `${step.padEnd(8)} ${line(s.status, /^VmSize/)}  ${line(s.status, /^VmRSS/)}  ${line(s.smaps, /^AnonHugePages/)}`,
        `         ${s.buddyinfo.trimEnd()}`,
      ];
    });
  }
  // sar: the sar -r table, from kata 02's sarMemory
  const rows = result.samples.map((/** @type {any} */ s) => ({
    t: s.t,
    ...free.sarMemory(free.parseMeminfo(s.meminfo)),
  }));
  return [
    '       time kbmemfree   kbavail kbmemused  %memused kbbuffers  kbcached  kbcommit   %commit  kbactive   kbinact   kbdirty',
    ...rows.map((/** @type {any} */ r) =>
      [
        seconds(r.t).padStart(11),
        ...[r.kbmemfree, r.kbavail, r.kbmemused].map((v) => String(v).padStart(9)),
        r.memusedPercent.toFixed(2).padStart(9),
        ...[r.kbbuffers, r.kbcached, r.kbcommit].map((v) => String(v).padStart(9)),
        r.commitPercent.toFixed(2).padStart(9),
        ...[r.kbactive, r.kbinact, r.kbdirty].map((v) => String(v).padStart(9)),
      ].join(' '),
    ),
  ];
}
