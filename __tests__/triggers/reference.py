"""Runs the reference (prefect 3.9.1) over trigger and SLA cases read as JSON from stdin.

Triggers: `_initialize_deployment_triggers(deployment, specs)`, then per trigger what
`_create_deployment_triggers` sends: `set_deployment_id(id)` and `as_automation()` dumped as
`PrefectClient.create_automation` does (`model_dump(mode="json")`).
Durations: pydantic's `timedelta` (every trigger and SLA duration field).
SLAs: `_initialize_deployment_slas(id, specs)` dumped as `apply_slas_for_deployment` does
(`model_dump(mode="json", exclude_unset=True)`).
"""
import json
import sys
from datetime import timedelta
from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from prefect.cli.deploy._sla import _initialize_deployment_slas
from prefect.cli.deploy._triggers import _initialize_deployment_triggers


def triggers(case, deployment_id):
    try:
        initialized = _initialize_deployment_triggers(case["deployment"], case["specs"])
    except Exception as e:  # pydantic's ValidationError, or AttributeError for a non-mapping spec
        return {"error": f"{type(e).__name__}: {e}", "bodies": None}
    bodies = []
    for trigger in initialized:
        trigger.set_deployment_id(deployment_id)
        bodies.append(trigger.as_automation().model_dump(mode="json"))
    return {"error": None, "bodies": bodies}


def slas(specs, deployment_id):
    try:
        initialized = _initialize_deployment_slas(deployment_id, specs)
    except Exception as e:
        return {"error": f"{type(e).__name__}: {e}", "bodies": None}
    for sla in initialized:
        sla.set_deployment_id(deployment_id)
    return {"error": None, "bodies": [s.model_dump(mode="json", exclude_unset=True) for s in initialized]}


def durations(values):
    adapter = TypeAdapter(timedelta)
    out = []
    for v in values:
        try:
            out.append(adapter.validate_python(v).total_seconds())
        except ValidationError:
            out.append(None)
    return out


def main():
    data = json.load(sys.stdin)
    deployment_id = UUID(data["deploymentId"])
    out = {
        "triggers": [triggers(c, deployment_id) for c in data["triggers"]],
        "slas": [slas(s, deployment_id) for s in data["slas"]],
        "durations": durations(data["durations"]),
    }
    json.dump(out, sys.stdout, allow_nan=False)


main()
