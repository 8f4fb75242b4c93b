/** Says so, in the reader's words, when the page cannot open the database (components/hooks.ts useStorageProblem). */
import { useStorageProblem } from './hooks';

export function StorageNotice() {
  const problem = useStorageProblem();
  return problem ? (
    <p class="error storage-problem" role="alert">
      {problem}
    </p>
  ) : null;
}
