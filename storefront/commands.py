"""CLI commands under `flask --app wsgi`."""

import click
from flask import Flask

from storefront.accounts.models import Role


@click.command("seed-demo")
def seed_demo_command():
    """Fill an empty database with the demo store (does nothing on a seeded one)."""
    from storefront.demo import seed_demo_store

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
    from storefront.accounts.service import save_user

    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    if "@" not in email:
        raise click.BadParameter("not an email address", param_hint="EMAIL")
    user = save_user(email, password, Role(role))
    click.echo(f"Admin {user.email} ({user.role}) saved.")


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_admin_command)
