// Differential test, with the flows' dependencies installed (scripts/flows-deps-venv.sh): how users
// run `prefect deploy`, and so the truth the analyser must reproduce whatever it can read of the
// dependencies. Mismatches are written to .tmp/flow-diff-deps-report.md.
import { defineFlowDifferential } from '../support/flows-differential.js';

defineFlowDifferential('with-deps');
