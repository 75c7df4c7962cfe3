#!/usr/bin/env node
// `aman`: runs the TypeScript sources directly. tsx registers its loader before anything else loads,
// so there is no build step between editing a file and running it.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
