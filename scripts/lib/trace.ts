/**
 * Reads a Chromium trace (CDP Tracing, JSON events) of one page load: the page's main-thread
 * tasks, which of them ran an extension's script, main-thread time by kind of work, and the
 * extension's JavaScript by function from the sampling profiler.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time: the part of `dur` the thread ran on a core. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown>; beginData?: Record<string, unknown>; name?: string };
}

/** Categories that give tasks, script, style and layout: a load's tasks and whose script they ran. */
export const TASK_TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'loading'];
/**
 * The same and the sampling profiler's JavaScript samples, which say which functions ran, at a price:
 * the profiler about doubles the wall time of our tasks (4 heavy pages: the longest 58 against 29 ms).
 */
export const PROFILED_TRACE_CATEGORIES = [...TASK_TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'];

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Tasks that no other task holds (the scheduler may log one task under both names), per thread. */
function topLevelTasks(events: TraceEvent[]): TraceEvent[] {
  const tasks = events.filter((e) => e.ph === 'X' && e.dur !== undefined && TASK_NAMES.has(e.name)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const openUntil = new Map<string, number>();
  return tasks.filter((task) => {
    const thread = `${task.pid}:${task.tid}`;
    if (task.ts < (openUntil.get(thread) ?? -Infinity)) return false;
    openUntil.set(thread, task.ts + task.dur!);
    return true;
  });
}

export interface TraceSummary {
  /** Every top-level task of the page's main thread. */
  taskMs: number;
  /**
   * Tasks that ran the extension's script, and the longest of them. Each counts whole, but for a task of the page's parser, where
   * a `document_start` script is evaluated and `readystatechange` dispatched: that task is the page's, run with or without us,
   * and only our script's events in it count.
   */
  ourTasks: number;
  ourTaskMs: number;
  longestOurTaskMs: number;
  /** The longest one's time on a core (the rest it waited for one, or was blocked). */
  longestOurTaskThreadMs?: number;
  /** The whole of the parser's task when the longest is counted as our part of one. */
  longestOurTaskInParserMs?: number;
  /** What the longest of them spent most of its time in (self time by event). */
  longestOurTaskParts: { name: string; ms: number }[];
  /** Self time on the page's main thread by event name, in ms. */
  selfByName: Map<string, number>;
  /** The extension's JavaScript by function (self time from the profiler's samples), in ms. */
  ourFunctions: { name: string; ms: number }[];
  /** Samples of any JavaScript whose stack holds the extension's script, in ms. */
  ourScriptMs: number;
  /** Tasks of the extension's own process (its service worker), every thread, in ms. */
  backgroundTaskMs: number;
}

/** Whether an event is the parsing of `pageUrl` (or of a part of it: the parser yields between tasks). */
const parses = (event: TraceEvent, pageUrl: string) => event.name === 'ParseHTML' && (event.args?.beginData?.url as string | undefined) === pageUrl;

/** The page's main thread: the renderer thread that parsed `pageUrl`. */
function mainThreadOf(events: TraceEvent[], pageUrl: string): { pid: number; tid: number } {
  const parse = events.find((e) => parses(e, pageUrl));
  if (!parse) throw new Error(`The trace has no parsing of ${pageUrl}`);
  return { pid: parse.pid, tid: parse.tid };
}

function urlOf(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  return (data.url as string | undefined) ?? (data.sourceURL as string | undefined) ?? (data.fileName as string | undefined) ?? '';
}

export function summarizeTrace(events: TraceEvent[], pageUrl: string, extensionOrigin: string, extensionPids: number[]): TraceSummary {
  const { pid, tid } = mainThreadOf(events, pageUrl);
  const onThread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = topLevelTasks(onThread);
  const ourTaskList = tasks.flatMap((task) => {
    const inTask = eventsWithin(onThread, task);
    const ourScript = outermost(inTask.filter((e) => urlOf(e).startsWith(extensionOrigin)));
    if (ourScript.length === 0) return [];
    const parsing = inTask.some((e) => parses(e, pageUrl));
    const counted = parsing ? ourScript : [task];
    return [{ task, inTask, parsing, ms: sumOf(counted, 'dur'), threadMs: counted.every((e) => e.tdur !== undefined) ? sumOf(counted, 'tdur') : undefined }];
  });

  const selfByName = selfTimes(onThread);
  const { ourFunctions, ourScriptMs } = profileOf(events, pid, extensionOrigin);
  const longest = ourTaskList.reduce<(typeof ourTaskList)[number] | undefined>((a, b) => (!a || b.ms > a.ms ? b : a), undefined);
  const backgroundTasks = topLevelTasks(events.filter((e) => extensionPids.includes(e.pid)));
  return {
    taskMs: tasks.reduce((sum, t) => sum + t.dur!, 0) / 1000,
    ourTasks: ourTaskList.length,
    ourTaskMs: ourTaskList.reduce((sum, t) => sum + t.ms, 0),
    longestOurTaskMs: longest?.ms ?? 0,
    ...(longest?.threadMs !== undefined && { longestOurTaskThreadMs: longest.threadMs }),
    ...(longest?.parsing && { longestOurTaskInParserMs: longest.task.dur! / 1000 }),
    longestOurTaskParts: [...selfTimes(longest?.inTask ?? []).entries()]
      .filter(([name]) => !TASK_NAMES.has(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name, ms]) => ({ name, ms })),
    selfByName,
    ourFunctions,
    ourScriptMs,
    backgroundTaskMs: backgroundTasks.reduce((sum, t) => sum + t.dur!, 0) / 1000,
  };
}

/** The events (sorted by start) that start and end within a task. */
function eventsWithin(sorted: TraceEvent[], task: TraceEvent): TraceEvent[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.ts < task.ts) low = middle + 1;
    else high = middle;
  }
  const end = task.ts + task.dur!;
  const inside: TraceEvent[] = [];
  for (let i = low; i < sorted.length && sorted[i]!.ts <= end; i++) if (sorted[i]!.ts + sorted[i]!.dur! <= end) inside.push(sorted[i]!);
  return inside;
}

/** Events that no other of the list holds (the list sorted by start, longest first). */
function outermost(events: TraceEvent[]): TraceEvent[] {
  let openUntil = -Infinity;
  return events.filter((e) => {
    if (e.ts < openUntil) return false;
    openUntil = e.ts + e.dur!;
    return true;
  });
}

/** Total of a duration field over events, in ms. */
const sumOf = (events: TraceEvent[], field: 'dur' | 'tdur') => events.reduce((sum, e) => sum + e[field]!, 0) / 1000;

/** Self time by event name: each event's duration less its children's, over a stack of open events (sorted by start, longest first). */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const byName = new Map<string, number>();
  const stack: { end: number; name: string; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.end <= until) {
      const done = stack.pop()!;
      byName.set(done.name, (byName.get(done.name) ?? 0) + done.self / 1000);
    }
  };
  for (const event of events) {
    close(event.ts);
    const parent = stack.at(-1);
    if (parent) parent.self -= event.dur!;
    stack.push({ end: event.ts + event.dur!, name: event.name, self: event.dur! });
  }
  close(Infinity);
  return byName;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
}

/** The sampling profiler's chunks for the page's renderer, folded into self time per function of the extension. */
function profileOf(events: TraceEvent[], pid: number, extensionOrigin: string) {
  const nodes = new Map<number, ProfileNode>();
  const selfMs = new Map<string, number>();
  let ourScriptMs = 0;
  const ours = (node: ProfileNode | undefined): boolean => {
    for (let at = node; at; at = at.parent === undefined ? undefined : nodes.get(at.parent)) if (at.callFrame.url?.startsWith(extensionOrigin)) return true;
    return false;
  };
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid)) {
    const data = chunk.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((id, index) => {
      const node = nodes.get(id);
      if (!node || !ours(node)) return;
      const ms = (deltas[index + 1] ?? deltas[index] ?? 0) / 1000;
      ourScriptMs += ms;
      const { functionName, url = '', lineNumber = 0 } = node.callFrame;
      const key = url.startsWith(extensionOrigin) ? `${functionName || '(anonymous)'} ${url.slice(extensionOrigin.length)}:${lineNumber + 1}` : `${functionName || '(anonymous)'} (browser)`;
      selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
    });
  }
  return {
    ourFunctions: [...selfMs.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms),
    ourScriptMs,
  };
}
