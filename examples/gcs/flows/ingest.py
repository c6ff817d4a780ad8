from prefect import flow, task


@task
def fetch(source: str, day: int) -> int:
    return len(source) * (day + 1)


@flow(log_prints=True)
def ingest(source: str = "events", days: int = 1) -> int:
    """Loads the last `days` days of a source into the warehouse."""
    rows = sum(fetch(source, day) for day in range(days))
    print(f"loaded {rows} rows from {source}")
    return rows
