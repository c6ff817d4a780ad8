"""Runs Prefect's own schedule code over cases read as JSON on stdin and prints what it produced.

Input:  {"now": ISO, "cases": [{"item": <raw schedule item>, "after": ISO, "count": int}]}
Output: [{"load": null | msg, "error": null | msg, "create": {...}, "update": {...}, "next": [ISO]}]
"""
import asyncio
import datetime
import json
import sys

import prefect.client.schemas.schedules as client_schedules
import prefect._internal.schemas.validators as validators
from pydantic import TypeAdapter, ValidationError

from prefect.cli.deploy._models import ScheduleItem
from prefect.cli.deploy._schedules import _schedule_config_to_deployment_schedule
from prefect.client.schemas.actions import DeploymentScheduleCreate, DeploymentScheduleUpdate
from prefect.server.schemas import schedules as server_schedules

request = json.load(sys.stdin)
NOW = datetime.datetime.fromisoformat(request["now"].replace("Z", "+00:00"))

client_schedules.now = lambda tz="UTC": NOW
_normalize = validators.normalize_rrule_string
validators.normalize_rrule_string = lambda s, *, now=None, timezone=None: _normalize(s, now=NOW, timezone=timezone)


def message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        msg = exc.errors()[0]["msg"]
        return msg.removeprefix("Value error, ")
    return str(exc)


async def next_runs(schedule: dict, after: str, count: int) -> list[str]:
    if "cron" in schedule:
        model = server_schedules.CronSchedule(**schedule)
    elif "interval" in schedule:
        model = server_schedules.IntervalSchedule(**schedule)
    else:
        model = server_schedules.RRuleSchedule(**schedule)
    start = datetime.datetime.fromisoformat(after.replace("Z", "+00:00"))
    dates = await model.get_dates(n=count, start=start)
    return [d.isoformat() for d in dates]


async def run(case: dict) -> dict:
    out: dict = {"load": None, "error": None, "create": None, "update": None, "next": None}
    item = case["item"]
    try:
        TypeAdapter(ScheduleItem).validate_python(item)
    except ValidationError as exc:
        out["load"] = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return out
    try:
        converted = _schedule_config_to_deployment_schedule(dict(item))
        out["create"] = DeploymentScheduleCreate(**converted).model_dump(mode="json")
        out["update"] = DeploymentScheduleUpdate(**converted).model_dump(mode="json", exclude_unset=True)
    except Exception as exc:  # noqa: BLE001 - every failure is a verdict to compare
        out["error"] = message(exc)
        return out
    if case.get("count"):
        try:
            out["next"] = await next_runs(out["create"]["schedule"], case["after"], case["count"])
        except Exception:  # noqa: BLE001 - croniter gives up on dates that never come ("0 0 30 2 *")
            out["next"] = []
    return out


async def main() -> None:
    results = [await run(case) for case in request["cases"]]
    json.dump(results, sys.stdout)


asyncio.run(main())
