#!/usr/bin/env node
// `npx puchify-mock` inside a clone of this repository. npm links the bins of
// dependencies, never the package's own, and the published bin runs from dist/,
// which a fresh clone has not built. This launcher runs the same CLI from source.
import { register } from 'tsx/esm/api';

register();
await import('../src/mock/cli.ts');
