"""Runs the reference templating functions over cases read as JSON from stdin (one call for all).

Tags: {"__float__": x} -> float(x); {"__date__": "YYYY-MM-DD"} -> datetime.date; values "__env__" -> os.environ.
Results: NotSet -> {"__notset__": true}; exceptions -> {"__error__": "<message>"}.
"""
import asyncio
import datetime
import json
import logging
import os
import sys
from types import SimpleNamespace

import prefect.exceptions
from prefect.utilities import templating
from prefect.utilities.annotations import NotSet
from prefect.utilities.collections import get_from_dict


def decode(v):
    if isinstance(v, dict):
        if set(v) == {"__float__"}:
            return float(v["__float__"])
        if set(v) == {"__date__"}:
            return datetime.date.fromisoformat(v["__date__"])
        return {k: decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [decode(x) for x in v]
    return v


def encode(v):
    if v is NotSet:
        return {"__notset__": True}
    if isinstance(v, dict):
        return {k: encode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, datetime.date):
        return {"__date__": v.isoformat()}
    if isinstance(v, float) and v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    return v


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


capture = Capture()


def capture_warnings():
    if capture not in templating.logger.handlers:
        templating.logger.addHandler(capture)
    templating.logger.setLevel(logging.DEBUG)
    templating.logger.disabled = False
    templating.logger.propagate = False


capture_warnings()


class FakeClient:
    def __init__(self, blocks, blocks_by_id, variables):
        self.blocks, self.blocks_by_id, self.variables = blocks, blocks_by_id, variables
        self.calls = 0

    async def read_block_document_by_name(self, name, block_type_slug):
        self.calls += 1
        key = f"{block_type_slug}/{name}"
        if key not in self.blocks:
            raise prefect.exceptions.ObjectNotFound(http_exc=Exception("404"))
        return SimpleNamespace(data=decode(self.blocks[key]))

    async def read_block_document(self, block_document_id):
        self.calls += 1
        if block_document_id not in self.blocks_by_id:
            raise prefect.exceptions.ObjectNotFound(http_exc=Exception("404"))
        return SimpleNamespace(data=decode(self.blocks_by_id[block_document_id]))

    async def read_variable_by_name(self, name):
        self.calls += 1
        if name not in self.variables:
            return None
        return SimpleNamespace(value=decode(self.variables[name]))


def run(case):
    os.environ.clear()
    os.environ.update(case.get("env", {}))
    capture.messages = []
    op = case["op"]
    template = decode(case.get("template"))
    if op == "apply":
        values = os.environ if case.get("values") == "__env__" else decode(case.get("values", {}))
        result = templating.apply_values(
            template,
            values,
            remove_notset=case.get("remove_notset", True),
            warn_on_notset=case.get("warn_on_notset", False),
            skip_prefixes=case.get("skip_prefixes"),
        )
        return {"result": encode(result), "warnings": capture.messages}
    if op == "find":
        found = templating.find_placeholders(template)
        return {"result": sorted([p.full_match, p.name, p.type.value] for p in found)}
    if op == "get":
        return {"result": encode(get_from_dict(decode(case["values"]), case["keys"], NotSet))}
    if op == "str":
        return {"result": str(template)}
    if op in ("blocks", "variables"):
        client = FakeClient(case.get("blocks", {}), case.get("blocks_by_id", {}), case.get("variables", {}))
        fn = templating.resolve_block_document_references if op == "blocks" else templating.resolve_variables
        result = asyncio.run(fn(template, client=client))
        return {"result": encode(result), "calls": client.calls}
    if op == "deploy":
        return asyncio.run(deploy(case))
    raise ValueError(f"unknown op {op}")


async def deploy(case):
    """The reference's pass order for one deployment (cli/deploy/_core.py), with run_steps for real."""
    import functools

    from prefect.deployments.steps import core as steps_core

    client = FakeClient(case.get("blocks", {}), case.get("blocks_by_id", {}), case.get("variables", {}))
    step_results = case["step_results"]
    seen_inputs = []

    def fake_function(fqn, requires=None):
        def step(**inputs):
            seen_inputs.append(inputs)
            return apply_format(decode(step_results[fqn]), inputs)
        return step

    steps_core._get_function_for_step = fake_function
    steps_core.resolve_block_document_references = functools.partial(templating.resolve_block_document_references, client=client)
    steps_core.resolve_variables = functools.partial(templating.resolve_variables, client=client)

    config = decode(case["template"])
    config = await templating.resolve_block_document_references(config, client=client)
    config = await templating.resolve_variables(config, client=client)
    config = templating.apply_values(config, os.environ, remove_notset=False)
    early = json.loads(json.dumps(config))
    outputs = await steps_core.run_steps(decode(case["build"]), {}, print_function=lambda *a, **k: None)
    # Running steps sets up Prefect's logging, which replaces the capture handler.
    capture_warnings()
    final = templating.apply_values(config, outputs, warn_on_notset=True, skip_prefixes=["ctx."])
    return {"early": early, "step_inputs": seen_inputs, "outputs": outputs, "final": final, "warnings": capture.messages}


def apply_format(result, inputs):
    """A step result may name its inputs as `{name}` so fake steps can echo them."""
    if isinstance(result, str):
        return result.format(**inputs)
    if isinstance(result, dict):
        return {k: apply_format(v, inputs) for k, v in result.items()}
    return result


out = []
for case in json.load(sys.stdin):
    try:
        out.append(run(case))
    except Exception as exc:  # the comparison only needs to know that the reference refused
        out.append({"error": f"{type(exc).__name__}: {exc}"})
json.dump(out, sys.stdout)
