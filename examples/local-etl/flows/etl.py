"""Nightly sales ETL: extract from the warehouse, transform, load into the mart."""
from __future__ import annotations

from datetime import date, timedelta
from enum import Enum
from typing import Literal, Optional

import pandas as pd  # not needed to plan: prefect-deploy never imports this file
from prefect import flow, task
from pydantic import BaseModel, Field

FLOW_NAME = "sales-etl"


class Region(str, Enum):
    EU = "eu"
    US = "us"
    APAC = "apac"


class Window(BaseModel):
    start: date
    days: int = Field(default=1, ge=1, description="How many days to load")


@task
def extract(region: Region, window: Window) -> pd.DataFrame:
    return pd.DataFrame()


@flow(name=FLOW_NAME, log_prints=True, retries=2)
def sales_etl(
    region: Region = Region.EU,
    window: Optional[Window] = None,
    mode: Literal["append", "replace"] = "append",
    lookback: timedelta = timedelta(hours=6),
    dry_run: bool = False,
):
    """Load one region's sales into the mart.

    Args:
        region: Which regional warehouse to read.
        window: Days to load; defaults to yesterday.
        mode: How rows are written to the mart.
        lookback: Late-arriving data tolerance.
        dry_run: Transform but do not write.
    """
    extract(region, window or Window(start=date.today() - timedelta(days=1)))


@flow
def refresh_dashboards(names: list[str], force: bool = False) -> None:
    """Refresh BI dashboards after the load."""
