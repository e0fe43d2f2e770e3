"""Admin actors: an owner and a marketing colleague, signed in through the real login form."""

import base64
import re

import pytest

from core.auth import Role
from tests.factories import make_admin

PASSWORD = "correct horse battery"
OWNER = "owner@example.com"
MARKETER = "marketing@example.com"


@pytest.fixture
def owner(app):
    return make_admin(OWNER, PASSWORD, Role.OWNER)


@pytest.fixture
def marketer(app):
    return make_admin(MARKETER, PASSWORD, Role.MARKETING)


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    return match.group(1) if match else ""


def sign_in(client, email: str, password: str = PASSWORD):
    """Sign in through the form (with its CSRF token when CSRF is on)."""
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    return client.post("/admin/login", data={"email": email, "password": password, "csrf_token": token})


def basic(email: str, password: str = PASSWORD) -> dict:
    raw = base64.b64encode(f"{email}:{password}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


@pytest.fixture
def as_owner(client, owner):
    sign_in(client, OWNER)
    return client


@pytest.fixture
def as_marketer(client, marketer):
    sign_in(client, MARKETER)
    return client
