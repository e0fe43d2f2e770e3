"""CLI commands under `flask --app wsgi`."""

import click
from flask import Flask

from core.auth import Role
from storefront.accounts.service import save_user
from storefront.demo import seed_demo_store
from storefront.queue import queue


@click.command("seed-demo")
def seed_demo_command():
    """Fill an empty database with the demo store (does nothing on a seeded one)."""
    if seed_demo_store():
        click.echo("Demo store created.")
    else:
        click.echo("Database already has a store; nothing to do.")


@click.command("create-admin")
@click.argument("email")
@click.option("--password", required=True, help="At least 10 characters.")
@click.option(
    "--role",
    type=click.Choice([Role.OWNER.value, Role.MARKETING.value]),
    default=Role.OWNER.value,
    show_default=True,
)
def create_admin_command(email: str, password: str, role: str):
    """Create an admin user, or update the password and role of an existing one."""
    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    if "@" not in email:
        raise click.BadParameter("not an email address", param_hint="EMAIL")
    user = save_user(email, password, Role(role))
    click.echo(f"Admin {user.email} ({user.role}) saved.")


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Threads taking jobs in this process.")
@click.option("--no-periodic", is_flag=True, help="Leave the periodic sweeps to other workers.")
def worker_command(workers: int, no_periodic: bool):
    """Take jobs from QUEUE_URL until stopped (Ctrl-C finishes the jobs in hand first)."""
    if queue.immediate:
        raise click.UsageError("QUEUE_URL=immediate runs jobs inline; there is nothing to consume.")
    queue.create_consumer(workers=workers, worker_type="thread", periodic=not no_periodic).run()


def register(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_admin_command)
