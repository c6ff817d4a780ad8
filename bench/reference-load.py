"""The closest offline equivalent of `prefect-deploy plan --all --offline` on the reference side.

`prefect deploy` has no offline mode, so this isolates the part of it that needs no server: import
the CLI (what the `prefect` entry point pays before it does anything), read prefect.yaml, and for
every deployment load the flow exactly as `_run_single_deploy` does (`load_flow_from_entrypoint`,
which falls back to Prefect's AST loader when the module cannot be executed, e.g. `import pandas`)
and derive its parameter schema. No templating passes, no API calls.

Usage (from the project directory): <venv>/bin/python bench/reference-load.py [prefect.yaml]
"""

from __future__ import annotations

import sys

import prefect.cli  # noqa: F401  the entry point's import cost
import prefect.cli.deploy  # noqa: F401
import yaml
from prefect.flows import load_flow_from_entrypoint
from prefect.utilities.callables import parameter_schema

path = sys.argv[1] if len(sys.argv) > 1 else "prefect.yaml"
with open(path) as f:
    config = yaml.safe_load(f)

count = 0
for deployment in config.get("deployments") or []:
    flow = load_flow_from_entrypoint(deployment["entrypoint"])
    parameter_schema(flow).model_dump(exclude_unset=True)
    count += 1
print(f"{count} flows loaded")
