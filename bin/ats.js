#!/usr/bin/env node
// React (under the ink position viewer) picks its build from NODE_ENV when first loaded: the development build
// records a performance entry per render, which grows without bound in a viewer left open all day.
process.env.NODE_ENV ??= 'production';
await import('../dist/src/cli.js');
