"""Benchmark aids, registered only when BENCHMARK_ROUTES=1: a ceiling route and an SQL counter.

`/_bench/ceiling` renders a tiny template and touches no database: the fastest a page of this
app can be, the yardstick for benchmarks/http.py. Every response carries `X-SQL-Count`, the
number of SQL statements the request ran, so N+1 queries show up beside the timings.
"""

from flask import Blueprint, Flask, Response, current_app, g, has_request_context
from sqlalchemy import event

from core.extensions import db
from core.reads import lone_rows_ran

bp = Blueprint("bench", __name__, url_prefix="/_bench")


@bp.get("/ceiling")
def ceiling():
    # Straight from the Jinja environment: context processors (banner, navigation) query the database.
    template = current_app.jinja_env.get_template("bench/ceiling.html")
    return template.render(title="Ceiling", message="Hello from the store.")


def _count_statement(*_args, **_kwargs) -> None:
    if has_request_context():
        g.sql_count = g.get("sql_count", 0) + 1


def register(app: Flask) -> None:
    if not app.config.get("BENCHMARK_ROUTES"):
        return
    app.register_blueprint(bp)
    with app.app_context():
        for engine in db.engines.values():
            event.listen(engine, "before_cursor_execute", _count_statement)
    lone_rows_ran.connect(_count_statement)  # the reads that pass no cursor events (core.reads)

    def start_sql_count() -> None:
        g.sql_count = 0  # g outlives a request when a test holds the app context open

    # First in line, so statements run by other before_request hooks are counted too.
    app.before_request_funcs.setdefault(None, []).insert(0, start_sql_count)

    @app.after_request
    def sql_count_header(response: Response) -> Response:
        response.headers["X-SQL-Count"] = str(g.pop("sql_count", 0))
        return response
