/** The task an event happened in, as the trace shows it: `python3-17321`. */
export interface Task {
  comm: string;
  pid: number;
}

/** The GFP flags of the allocations the simulator makes: user pages, or kernel memory. */
export type GfpFlags = 'GFP_HIGHUSER_MOVABLE' | 'GFP_KERNEL';

/**
 * One event of the reclaim timeline, like the vmscan tracepoints (`t` is the tick it happened in).
 * The zone records the first six; the memcg ones are memory-cgroup reclaim, which only a real trace has
 * (seed 004's experiment in a cgroup), and formatTraceEvent prints them too.
 */
export type ReclaimEvent =
  /** mm_vmscan_wakeup_kswapd: an allocation fell below low and woke the sleeping kswapd. */
  | { t: number; type: 'wakeup_kswapd'; order: number; gfp: GfpFlags; task?: Task }
  /** mm_vmscan_kswapd_wake: kswapd starts reclaiming. */
  | { t: number; type: 'kswapd_wake'; order: number }
  /** mm_vmscan_kswapd_sleep: free is above high again (or kswapd gave up): kswapd sleeps. */
  | { t: number; type: 'kswapd_sleep' }
  /** mm_vmscan_direct_reclaim_begin: the allocating task reclaims by itself (an allocation stall). */
  | { t: number; type: 'direct_reclaim_begin'; order: number; gfp: GfpFlags; task?: Task }
  /** mm_vmscan_direct_reclaim_end: and how many pages it got back. */
  | { t: number; type: 'direct_reclaim_end'; nrReclaimed: number; task?: Task }
  /** Reclaim could not free anything: the OOM killer's turn (written as a trace_marker line). */
  | { t: number; type: 'oom'; order: number; task?: Task }
  /** mm_vmscan_memcg_reclaim_begin / _end: a memory cgroup at its limit reclaims from itself. */
  | { t: number; type: 'memcg_reclaim_begin'; order: number; gfp: GfpFlags; task?: Task }
  | { t: number; type: 'memcg_reclaim_end'; nrReclaimed: number; task?: Task };

export type ReclaimEventType = ReclaimEvent['type'];

/** How formatTraceEvent prints the context columns of a line. */
export interface TraceLineOptions {
  /** The task column; default: kswapd0 (pid 45, as on the capture machine) for kswapd's own events, else the event's task, else memkata-1. */
  task?: Task;
  /** The CPU column (default 0). */
  cpu?: number;
  /** The five irqs-off/need-resched/hardirq/preempt/migrate columns (default `.....`). */
  irqFlags?: string;
  /** Microseconds per tick (default 1000: a tick is 1 ms). */
  tickMicroseconds?: number;
}

/** kswapd0's pid on the machine the captures come from. */
export const KSWAPD_TASK: Task = { comm: 'kswapd0', pid: 45 };
const DEFAULT_TASK: Task = { comm: 'memkata', pid: 1 };

/** What the tracepoint prints after its name (the `print fmt` of events/vmscan/<name>/format). */
function body(event: ReclaimEvent): string {
  switch (event.type) {
    case 'wakeup_kswapd':
      return `mm_vmscan_wakeup_kswapd: nid=0 order=${event.order} gfp_flags=${event.gfp}`;
    case 'kswapd_wake':
      return `mm_vmscan_kswapd_wake: nid=0 order=${event.order}`;
    case 'kswapd_sleep':
      return 'mm_vmscan_kswapd_sleep: nid=0';
    case 'direct_reclaim_begin':
      return `mm_vmscan_direct_reclaim_begin: order=${event.order} gfp_flags=${event.gfp}`;
    case 'direct_reclaim_end':
      return `mm_vmscan_direct_reclaim_end: nr_reclaimed=${event.nrReclaimed}`;
    case 'memcg_reclaim_begin':
      return `mm_vmscan_memcg_reclaim_begin: order=${event.order} gfp_flags=${event.gfp}`;
    case 'memcg_reclaim_end':
      return `mm_vmscan_memcg_reclaim_end: nr_reclaimed=${event.nrReclaimed}`;
    case 'oom':
      return `tracing_mark_write: memkata: out of memory: order=${event.order}`;
  }
}

/**
 * One event as a line of /sys/kernel/tracing/trace (`trace_print_context`, kernel/trace/trace_output.c):
 * `%16s-%-7d [%03d] <irq flags> %5lu.%06lu: <event>: <fields>`, the timestamp being `t` ticks in seconds.
 * formatTraceEvent({ t: 650272767, type: 'memcg_reclaim_end', nrReclaimed: 58 }, { task: { comm: 'python3',
 * pid: 17321 }, tickMicroseconds: 1 }) → '         python3-17321   [000] .....   650.272767:
 * mm_vmscan_memcg_reclaim_end: nr_reclaimed=58' (one line, as captured).
 */
export function formatTraceEvent(event: ReclaimEvent, options: TraceLineOptions = {}): string {
  const kswapdOwn = event.type === 'kswapd_wake' || event.type === 'kswapd_sleep';
  const eventTask = (event as { task?: Task }).task;
  const task = options.task ?? (kswapdOwn ? KSWAPD_TASK : (eventTask ?? DEFAULT_TASK));
  const cpu = options.cpu ?? 0;
  const irqFlags = options.irqFlags ?? '.....';
  const microseconds = event.t * (options.tickMicroseconds ?? 1000);
  const seconds = Math.floor(microseconds / 1e6);
  const fraction = String(microseconds % 1e6).padStart(6, '0');
  const context = `${task.comm.padStart(16)}-${String(task.pid).padEnd(7)} [${String(cpu).padStart(3, '0')}] ${irqFlags}`;
  return `${context} ${String(seconds).padStart(5)}.${fraction}: ${body(event)}`;
}
