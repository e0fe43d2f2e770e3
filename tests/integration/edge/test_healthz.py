"""Load balancers ask /healthz: 200 while the database answers, 503 when it does not."""

import pytest

from tests.conftest import build_app

UNREACHABLE = [
    "postgresql+psycopg://postgres@127.0.0.1:9/store?connect_timeout=1",
    "sqlite:////nonexistent-directory/for-healthz/store.db",
]


def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "up"}


@pytest.mark.parametrize("database_url", UNREACHABLE, ids=["postgresql", "sqlite"])
def test_healthz_is_503_when_the_database_is_unreachable(database_url):
    app = build_app(database_url)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "down"
    assert "Traceback" not in response.get_data(as_text=True)
