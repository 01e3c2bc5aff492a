import { config } from 'zod';

/**
 * zod tests whether it may compile parsers with `new Function`. Our CSP forbids eval, so the test
 * fails anyway but logs a CSP violation each time the app starts; say up front not to try.
 * Imported first by main.tsx, before any `src/core` schema is built.
 */
config({ jitless: true });
