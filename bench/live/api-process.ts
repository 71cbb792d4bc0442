import { measuredMemory, send, serve } from './ipc.js';

/** The real api (dist build), plus a memory probe for the orchestrator. */
serve(async (message) => (message.type === 'memory' ? measuredMemory() : undefined));
await import('../../apps/api/src/main.js');
send({ type: 'ready' });
