"""gunicorn.conf.py: the master compiles every template before it forks workers."""

import runpy
import sys
import types
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.mark.own_app
def test_when_ready_compiles_every_page_template_in_the_master(app, monkeypatch):
    monkeypatch.setitem(sys.modules, "wsgi", types.SimpleNamespace(app=app))
    monkeypatch.setenv("GUNICORN_PRELOAD", "1")
    app.jinja_env.cache.clear()
    runpy.run_path(str(CONF))["when_ready"](server=None)
    pages = app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html"))
    compiled = {template.name for template in app.jinja_env.cache.values()}
    assert pages and set(pages) <= compiled
