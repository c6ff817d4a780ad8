// Differential test, without the flows' dependencies: the reference venv hides the third-party
// packages the corpus imports, so flows importing them take Prefect's "import failed" fallback.
// Mismatches are written to .tmp/flow-diff-report.md.
import { defineFlowDifferential } from '../support/flows-differential.js';

defineFlowDifferential('without-deps');
