from prefect import flow, task


@task
def collect(kind: str) -> list[str]:
    return [f"{kind}-line-{i}" for i in range(3)]


@flow(log_prints=True)
def build_report(kind: str = "daily", recipients: list[str] | None = None) -> int:
    """Builds the sales report and mails it."""
    lines = collect(kind)
    for line in lines:
        print(line)
    print(f"sent to {recipients or ['reports@example.com']}")
    return len(lines)
