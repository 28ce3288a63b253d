// Starts a match worker (match-worker.ts). Plain JavaScript so the thread starts in any runtime: a worker
// thread does not get its parent's TypeScript loader in every Node version, so tsx is registered here, as
// bin/livedesk.js does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./match-worker.ts');
