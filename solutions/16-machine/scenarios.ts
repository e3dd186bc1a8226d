/**
 * The seeds' experiments, replayed on a Machine (given code: read it, do not rewrite it). Each scenario takes
 * a machine built from a MachineConfig (the CLI's --mem/--swap change its defaults; the specs shrink it) and
 * runs the experiment on it, calling `observe(machine)` after every tick (1 ms), as `vmstat 1` or a live view
 * would look. What each one reads back is left to the caller: the specs read it with the learner's Part I
 * parsers, `npm run machine` prints it.
 */
import type { Machine, TouchResult } from './machine.ts';
import type { MachineConfig } from './machine-config.ts';

/** Called after every tick. */
export type Observer = (machine: Machine) => void;

const MiB = 1024; // in KiB
const GiB = 1024 * MiB;

/** A small deterministic PRNG (mulberry32): the same seed, the same run on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** seed 004's swap_test.py: how it is run. Sizes in KiB. */
export interface SwapTestOptions {
  /** What the hog writes: 1024 × 2 MiB in the seed. */
  hogKb: number;
  /** Pages the hog writes per tick: 24 (96 KiB per ms) is numpy's pace in the capture. */
  pagesPerTick: number;
  /** A shell beside it touches this much memory, a few random pages per tick (0: no shell). */
  shellKb: number;
  /** python3 and numpy's files, read into the page cache when the hog starts (the capture's file-rss: 16980 kB). */
  libsKb: number;
  /** The PRNG seed for the shell's accesses. */
  seed: number;
  /** Ticks to run after the hog is done (or killed), for kswapd to finish. */
  quietTicks: number;
}

/** How seed 004's run went. */
export interface SwapTestResult {
  hogPid: number;
  shellPid: number | null;
  /** Pages the hog wrote. */
  written: number;
  /** It wrote them all (and printed 1024). */
  completed: boolean;
  /** The OOM killer chose it. */
  killed: boolean;
  /** The hog's /proc/PID/status just before it exited; null when it was killed (the kill line says what it held). */
  finalStatus: string | null;
  /** The tick the hog finished or was killed. */
  endTick: number;
}

/** The hog's pid and name, as in the capture of seed 004's program (spec/fixtures/reclaim/hog). */
export const HOG = { pid: 16319, name: 'python3' } as const;
/** A glibc malloc of 2 MiB takes its own mmap of 2 MiB and one page for its header (mmap threshold). */
const CHUNK = 2 * 1024 * 1024 + 4096;

/**
 * seed 004: `[numpy.random.bytes(1024*1024*2) for x in range(1024)]` — a python3 process (pid 16319) maps
 * 2 MiB + 4 KiB per chunk and writes it page by page, `pagesPerTick` pages per tick, beside a shell whose
 * small heap is touched at random; its libraries (`libsKb`) are read into the page cache first. It ends when everything is written (the hog prints 1024 and exits) or
 * when the OOM killer chooses it; then `quietTicks` more ticks.
 */
function swapTest(machine: Machine, options: SwapTestOptions, observe: Observer = () => {}): SwapTestResult {
  const { hogKb, pagesPerTick, shellKb, libsKb, seed, quietTicks } = options;
  const random = prng(seed);
  let shell: { pid: number; base: bigint; pages: number } | null = null;
  if (shellKb > 0) {
    const pid = machine.spawn('bash');
    const base = machine.mmap(pid, shellKb * 1024, { prot: 'rw-', populate: true });
    shell = { pid, base, pages: shellKb / 4 };
  }
  const hog = machine.spawn(HOG.name, { pid: HOG.pid, ...(shell && { ppid: shell.pid }) });
  if (libsKb > 0) {
    // The interpreter and numpy on disk, read in as python3 starts: clean page cache.
    machine.write('python3-libs', libsKb * 1024);
    machine.sync();
    machine.read('python3-libs');
  }
  const chunks = Math.ceil(hogKb / 2048);
  let written = 0;
  let killed = false;
  const step = () => {
    if (shell && machine.processes.has(shell.pid)) {
      for (let i = 0; i < 4; i++) {
        machine.touch(shell.pid, shell.base + BigInt(Math.floor(random() * shell.pages)) * 4096n, 'read');
      }
    }
    machine.tick();
    observe(machine);
  };
  writing: for (let chunk = 0; chunk < chunks; chunk++) {
    const va = machine.mmap(hog, CHUNK, { prot: 'rw-' });
    for (let page = 0; page < CHUNK / 4096; page++) {
      const result: TouchResult = machine.touch(hog, va + BigInt(page) * 4096n, 'write');
      if (result.kind === 'killed') {
        killed = true;
        break writing;
      }
      written++;
      if (written % pagesPerTick === 0) step();
    }
  }
  let finalStatus: string | null = null;
  if (!killed) {
    finalStatus = machine.readProc(`/proc/${hog}/status`);
    machine.exit(hog); // it prints 1024 and exits
  }
  const endTick = machine.time;
  for (let t = 0; t < quietTicks; t++) {
    machine.tick();
    observe(machine);
  }
  return { hogPid: hog, shellPid: shell?.pid ?? null, written, completed: !killed, killed, finalStatus, endTick };
}

/**
 * seed 004's machine: 1 GiB of RAM and, as the capture had, a 2 GiB swap file (with 1 GiB, RAM and swap hold
 * 249809 + 262143 pages: less than the hog's 525312, and the OOM killer ends it). kswapd scans 32 pages a tick
 * (the swap device's pace): ahead of the hog once pages have lost their accessed bit, behind it while every
 * page it meets is still young.
 */
const SWAP_TEST_MACHINE: MachineConfig = { memoryKb: 1 * GiB, swapKb: 2 * GiB, kswapdBatch: 32 };
const SWAP_TEST_OPTIONS: SwapTestOptions = {
  hogKb: 2 * GiB,
  // the capture's pace: python3's RssAnon grew by 1037849 kB in its first 10.76 s, 24 pages a millisecond
  pagesPerTick: 24,
  shellKb: 4 * MiB,
  libsKb: 16 * MiB,
  seed: 4,
  quietTicks: 100,
};

/** seed 001's buff-cache.sh, and memory pressure after it. */
export interface PageCacheOptions {
  /** The file dd writes: 1 GiB in the seed. */
  fileKb: number;
  /** dd's speed in pages per tick: the seed's 145 MB/s is 35 pages per ms. */
  pagesPerTick: number;
  /** Then a process takes this much anonymous memory while the file is cached and clean. */
  pressureKb: number;
}

/** /proc/meminfo at each step of seed 001's script, and the vmstat counters at the end. */
export interface PageCacheResult {
  before: string;
  written: string;
  deleted: string;
  /** The file written again and synced (clean), before the pressure. */
  cached: string;
  /** After the anonymous allocation. */
  pressed: string;
  /** /proc/vmstat before and after the pressure. */
  vmstatBefore: string;
  vmstatAfter: string;
}

/**
 * seed 001: `free`; `dd if=/dev/zero of=testfile bs=1M count=1024` (the page cache grows); `free`; `rm
 * testfile`; `free`. Then the file once more, `sync` (its pages are clean), and a process that writes
 * `pressureKb` of anonymous memory: reclaim drops the clean page cache before it swaps anything.
 */
function pageCache(machine: Machine, options: PageCacheOptions, observe: Observer = () => {}): PageCacheResult {
  const { fileKb, pagesPerTick, pressureKb } = options;
  const meminfo = () => machine.readProc('/proc/meminfo');
  const dd = () => {
    for (let done = 0; done < fileKb / 4; done += pagesPerTick) {
      machine.write('testfile', Math.min(pagesPerTick, fileKb / 4 - done) * 4096);
      machine.tick();
      observe(machine);
    }
  };
  const before = meminfo();
  dd();
  const written = meminfo();
  machine.unlink('testfile');
  const deleted = meminfo();
  dd();
  machine.sync();
  const cached = meminfo();
  const vmstatBefore = machine.readProc('/proc/vmstat');
  const pid = machine.spawn('memuse');
  const va = machine.mmap(pid, pressureKb * 1024, { prot: 'rw-' });
  for (let page = 0; page < pressureKb / 4; page++) {
    machine.touch(pid, va + BigInt(page) * 4096n, 'write');
    if ((page + 1) % 512 === 0) {
      machine.tick();
      observe(machine);
    }
  }
  const pressed = meminfo();
  const vmstatAfter = machine.readProc('/proc/vmstat');
  return { before, written, deleted, cached, pressed, vmstatBefore, vmstatAfter };
}

/** seed 001's machine: 8 GiB in the seed; 2 GiB here, with 1 GiB of swap. */
const PAGE_CACHE_MACHINE: MachineConfig = { memoryKb: 2 * GiB, swapKb: 1 * GiB };
const PAGE_CACHE_OPTIONS: PageCacheOptions = { fileKb: 1 * GiB, pagesPerTick: 35, pressureKb: 1536 * MiB };

/** seed 000's malloc test. */
export interface MallocOptions {
  /** What is allocated: 4 MiB. */
  sizeKb: number;
}

/** What a person looks at, at each step: the process's status and smaps, and /proc/buddyinfo. */
export interface MallocStep {
  status: string;
  smaps: string;
  buddyinfo: string;
}

export interface MallocResult {
  pid: number;
  address: bigint;
  before: MallocStep;
  /** Right after the mmap. */
  mapped: MallocStep;
  /** After one write at the start of the range. */
  touched: MallocStep;
  /** After a write to every page. */
  filled: MallocStep;
}

/**
 * seed 000: a process maps `sizeKb` (mmap, as malloc does for a large size), writes its first byte, then every
 * page. A 2 MiB-multiple length gets a 2 MiB-aligned address (kata 11), so with THP 'always' the first write
 * maps a huge page.
 */
function malloc(machine: Machine, options: MallocOptions, observe: Observer = () => {}): MallocResult {
  const pid = machine.spawn('malloc');
  const step = (): MallocStep => {
    machine.tick();
    observe(machine);
    return {
      status: machine.readProc(`/proc/${pid}/status`),
      smaps: machine.readProc(`/proc/${pid}/smaps`),
      buddyinfo: machine.readProc('/proc/buddyinfo'),
    };
  };
  const before = step();
  const address = machine.mmap(pid, options.sizeKb * 1024, { prot: 'rw-' });
  const mapped = step();
  machine.touch(pid, address, 'write');
  const touched = step();
  for (let page = 0; page < options.sizeKb / 4; page++) machine.touch(pid, address + BigInt(page) * 4096n, 'write');
  const filled = step();
  return { pid, address, before, mapped, touched, filled };
}

const MALLOC_MACHINE: MachineConfig = { memoryKb: 1 * GiB, thp: 'always' };
const MALLOC_OPTIONS: MallocOptions = { sizeKb: 4 * MiB };

/** seed 003's `sar -r 1`, over a workload that moves both columns. */
export interface SarOptions {
  /** A process writes this much anonymous memory during the first seconds … */
  anonKb: number;
  /** … then dd writes a file this large, which is then deleted, and the process exits. */
  fileKb: number;
  /** Pages written per tick by either. */
  pagesPerTick: number;
}

/** /proc/meminfo once per simulated second (every 1000 ticks), the first at 0. */
export interface SarResult {
  samples: { t: number; meminfo: string }[];
}

/**
 * seed 003: `sar -r 1` while a process writes `anonKb` of memory, dd writes a file of `fileKb`, the file is
 * deleted and the process exits, with one idle second between the steps. A sample is taken every 1000 ticks.
 */
function sar(machine: Machine, options: SarOptions, observe: Observer = () => {}): SarResult {
  const { anonKb, fileKb, pagesPerTick } = options;
  const samples: SarResult['samples'] = [{ t: machine.time, meminfo: machine.readProc('/proc/meminfo') }];
  const tick = () => {
    machine.tick();
    observe(machine);
    if (machine.time % 1000 === 0) samples.push({ t: machine.time, meminfo: machine.readProc('/proc/meminfo') });
  };
  const idle = () => {
    for (let t = 0; t < 1000; t++) tick();
  };
  idle();
  const pid = machine.spawn('memuse');
  const va = machine.mmap(pid, anonKb * 1024, { prot: 'rw-' });
  for (let page = 0; page < anonKb / 4; page++) {
    machine.touch(pid, va + BigInt(page) * 4096n, 'write');
    if ((page + 1) % pagesPerTick === 0) tick();
  }
  idle();
  for (let done = 0; done < fileKb / 4; done += pagesPerTick) {
    machine.write('sarfile', Math.min(pagesPerTick, fileKb / 4 - done) * 4096);
    tick();
  }
  idle();
  machine.unlink('sarfile');
  idle();
  machine.exit(pid);
  idle();
  while (machine.time % 1000 !== 0) tick();
  return { samples };
}

const SAR_MACHINE: MachineConfig = { memoryKb: 1 * GiB, swapKb: 1 * GiB };
const SAR_OPTIONS: SarOptions = { anonKb: 256 * MiB, fileKb: 256 * MiB, pagesPerTick: 64 };

/** Every scenario by its name on the command line. */
export const SCENARIOS = {
  'swap-test': { seed: '004', machine: SWAP_TEST_MACHINE, options: SWAP_TEST_OPTIONS, run: swapTest },
  'page-cache': { seed: '001', machine: PAGE_CACHE_MACHINE, options: PAGE_CACHE_OPTIONS, run: pageCache },
  malloc: { seed: '000', machine: MALLOC_MACHINE, options: MALLOC_OPTIONS, run: malloc },
  sar: { seed: '003', machine: SAR_MACHINE, options: SAR_OPTIONS, run: sar },
} as const;
