/**
 * Which of the page's main-thread tasks ran Contesto's code, read from a Chromium trace: the
 * top-level tasks of the renderer's main thread, and the V8 sampling profiler's stacks. A task is
 * ours when a sampled stack in it runs the content script (its functions, or functions it called).
 * Long-task observers cannot tell whose a task is; the profiler can, through the script's address.
 */
import type { Page } from 'playwright-core';

export interface Task {
  /** Milliseconds since the trace started. */
  start: number;
  duration: number;
  /** Of its duration, the time its thread ran (ms): less than the duration when the machine took the thread away. */
  threadTime: number;
  /** Of its duration, the time the profiler saw in Contesto's code (ms, to within the sampling interval). */
  ours: number;
}

export interface MainThread {
  /** Every top-level task of the page's main thread. */
  tasks: Task[];
  /** The tasks in which Contesto's content script ran. */
  ours: Task[];
  /** Of those, the ones a timer started (a rescan's batch timer, the badge's). */
  oursByTimer: number;
  /** Time the profiler saw in Contesto's code, in ms (sampled: to within a sampling interval per sample). */
  oursCpu: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time, µs. */
  tdur?: number;
  id?: string;
  args?: { data?: ProfileData };
}

interface ProfileData {
  startTime?: number;
  cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { url?: string } }[]; samples?: number[] };
  timeDeltas?: number[];
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.cpu_profiler'];
const CONTENT_SCRIPT = '/content-scripts/';

/** Runs `during` while Chromium traces the page's process, then sorts its main-thread tasks into ours and the rest. */
export async function traceMainThread<T>(page: Page, during: () => Promise<T>): Promise<MainThread & { result: T }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReturnAsStream' });
    const result = await during();
    const complete = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', ({ stream }) => resolve(stream!)));
    await cdp.send('Tracing.end');
    const stream = await complete;
    const chunks: string[] = [];
    for (;;) {
      const { data, eof } = await cdp.send('IO.read', { handle: stream });
      chunks.push(data);
      if (eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const parsed = JSON.parse(chunks.join('')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    return { result, ...sortTasks(Array.isArray(parsed) ? parsed : parsed.traceEvents) };
  } finally {
    await cdp.detach();
  }
}

function sortTasks(events: TraceEvent[]): MainThread {
  const samples = samplesOfOurs(events);
  if (samples.length === 0) return { tasks: [], ours: [], oursByTimer: 0, oursCpu: 0 };
  // The thread that ran the content script is the page's main thread.
  const { pid, tid } = samples[0]!;
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  // A reduce, not Math.min(...): a large page's trace holds more events than a call has room for arguments.
  const origin = events.reduce((earliest, e) => (e.ts > 0 && e.ts < earliest ? e.ts : earliest), Infinity);
  const ours = new Map<TraceEvent, number>();
  for (const { time, interval } of samples) {
    const task = containing(tasks, time);
    // A sample stands for the time since the one before, which for a task's first sample reaches back before the task began.
    if (task) ours.set(task, (ours.get(task) ?? 0) + Math.min(interval, time - task.ts));
  }
  const byTimer = new Set(events.filter((e) => e.name === 'TimerFire' && e.pid === pid && e.tid === tid).map((e) => containing(tasks, e.ts)));
  const toTask = (e: TraceEvent): Task => ({ start: (e.ts - origin) / 1000, duration: (e.dur ?? 0) / 1000, threadTime: (e.tdur ?? e.dur ?? 0) / 1000, ours: (ours.get(e) ?? 0) / 1000 });
  return {
    tasks: tasks.map(toTask),
    ours: [...ours.keys()].sort((a, b) => a.ts - b.ts).map(toTask),
    oursByTimer: [...ours.keys()].filter((task) => byTimer.has(task)).length,
    oursCpu: [...ours.values()].reduce((sum, share) => sum + share, 0) / 1000,
  };
}

interface Sample {
  pid: number;
  tid: number;
  /** Trace clock, µs. */
  time: number;
  /** Since the sample before, µs: the time this sample stands for. */
  interval: number;
}

/** The profiler's samples whose stack runs the content script. */
function samplesOfOurs(events: TraceEvent[]): Sample[] {
  const found: Sample[] = [];
  const profiles = new Map<string, { pid: number; tid: number; time: number; parents: Map<number, number | undefined>; urls: Map<number, string>; ours: Map<number, boolean> }>();
  for (const event of events) {
    const data = event.args?.data;
    if (event.name === 'Profile') profiles.set(`${event.pid}:${event.id}`, { pid: event.pid, tid: event.tid, time: data?.startTime ?? event.ts, parents: new Map(), urls: new Map(), ours: new Map() });
    if (event.name !== 'ProfileChunk') continue;
    const profile = profiles.get(`${event.pid}:${event.id}`);
    if (!profile || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) {
      profile.parents.set(node.id, node.parent);
      profile.urls.set(node.id, node.callFrame.url ?? '');
    }
    const isOurs = (id: number | undefined): boolean => {
      if (id === undefined) return false;
      const known = profile.ours.get(id);
      if (known !== undefined) return known;
      const answer = profile.urls.get(id)!.includes(CONTENT_SCRIPT) || isOurs(profile.parents.get(id));
      profile.ours.set(id, answer);
      return answer;
    };
    const sampled = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    sampled.forEach((node, i) => {
      const interval = deltas[i] ?? 0;
      profile.time += interval;
      if (isOurs(node)) found.push({ pid: profile.pid, tid: profile.tid, time: profile.time, interval });
    });
  }
  return found;
}

/** The task whose span holds `time`, in tasks sorted by start. */
function containing(tasks: TraceEvent[], time: number): TraceEvent | undefined {
  let low = 0;
  let high = tasks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (tasks[mid]!.ts <= time) low = mid + 1;
    else high = mid - 1;
  }
  const task = tasks[high];
  return task && time <= task.ts + (task.dur ?? 0) ? task : undefined;
}
