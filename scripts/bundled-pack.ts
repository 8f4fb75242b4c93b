/** `npm run pack:bundled`: builds .generated/bundled-pack.json from corpus/ when it is out of date. */
import { ensureBundledPack } from './lib/bundled-pack';

console.log(`Bundled pack: ${ensureBundledPack()}.`);
