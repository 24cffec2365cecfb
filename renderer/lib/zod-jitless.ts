import { config } from 'zod';

// The IPC contract in electron/common builds zod object schemas, and building one probes `new Function`
// unless zod is jitless; under our CSP (no 'unsafe-eval') that probe is blocked and reported as a
// securitypolicyviolation. The renderer never parses with zod, so it loses nothing. This module must be
// imported before anything that imports electron/common.
config({ jitless: true });
