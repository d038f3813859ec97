#!/usr/bin/env node
// The installed command: runs the built CLI. In this repository, `npm run staff -- …` runs the source.
import '../dist/cli/main.js';
