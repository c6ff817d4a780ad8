"""Sends the day's invoices; cloned from git by each flow run's pull step."""
from prefect import flow, task


@task
def pending_invoices() -> list[str]:
    return ["INV-1", "INV-2"]


@flow(log_prints=True)
def send_invoices(dry_run: bool = False) -> int:
    """Emails every pending invoice (only prints them when `dry_run`)."""
    invoices = pending_invoices()
    for invoice in invoices:
        print(f"{'would send' if dry_run else 'sent'} {invoice}")
    return len(invoices)
