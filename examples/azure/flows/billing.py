from prefect import flow, task


@task
def open_invoices(region: str) -> list[str]:
    return [f"{region}-{n:04d}" for n in range(3)]


@flow(log_prints=True)
def send_invoices(region: str = "westeurope") -> int:
    """Sends this month's invoices for one region."""
    invoices = open_invoices(region)
    for invoice in invoices:
        print(f"sent {invoice}")
    return len(invoices)


@flow(log_prints=True)
def send_reminders(days_overdue: int = 14) -> None:
    """Reminds customers whose invoices are overdue."""
    print(f"reminding invoices overdue by {days_overdue} days")
