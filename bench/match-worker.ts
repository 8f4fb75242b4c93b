/**
 * The background's part of a page scan, for `npm run bench`: a thread of its own that holds the
 * matcher, loaded once and warmed before the page is timed, as the extension's background is
 * after its first page. It answers each batch of texts with their matches and its own time.
 */
import { loadMatcher, type CompiledMatcher, type Matcher } from '@/core/match';

export type MatchWorkerRequest = { compiled: CompiledMatcher; warmUp: string } | { texts: string[] };
export type MatchWorkerReply = { ready: true } | { matches: ReturnType<Matcher['find']>[]; ms: number };

/** Passes over the warm-up text: enough for V8 to optimise the matcher's loops. */
const WARM_UP_PASSES = 20;

let matcher: Matcher | undefined;
const reply = (message: MatchWorkerReply) => postMessage(message);

onmessage = ({ data }: MessageEvent<MatchWorkerRequest>) => {
  if ('compiled' in data) {
    matcher = loadMatcher(data.compiled);
    for (let pass = 0; pass < WARM_UP_PASSES; pass++) matcher.find(data.warmUp);
    reply({ ready: true });
    return;
  }
  const start = performance.now();
  const matches = data.texts.map((text) => matcher!.find(text));
  reply({ matches, ms: performance.now() - start });
};
