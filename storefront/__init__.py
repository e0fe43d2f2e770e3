"""The storefront application: create_app() reads as the table of contents of the store."""

from pathlib import Path

from flask import Flask

from storefront.config import load_config
from storefront.database import engine_options, ping_idle_connections
from storefront.sessions import CookieSessions
from storefront.templating import StoreEnvironment

# MAIL_BACKEND=log (the default) writes mail to the app log through our Flask-Mailman backend.
MAIL_BACKENDS = {"log": "storefront.mail.log_backend.EmailBackend"}


def create_app(config: dict | None = None) -> Flask:
    """Build the app; `config` overrides settings read from the environment (tests use it)."""
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="static",
        instance_relative_config=True,
    )
    app.jinja_environment = StoreEnvironment  # storefront.templating: why
    app.session_interface = CookieSessions()  # storefront.sessions: why
    app.config.update(load_config(app.instance_path))
    app.config.update(config or {})
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        engine_options(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SQLITE_BUSY_TIMEOUT"]),
    )
    register_input_guards(app)
    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_error_handlers(app)
    register_security(app)
    register_instrumentation(app)
    register_commands(app)
    register_queue(app)
    return app


def register_input_guards(app: Flask) -> None:
    """First: route converters must exist before routes, and the check runs before any hook."""
    from storefront.inputs import register

    register(app)


def register_extensions(app: Flask) -> None:
    from core import version_mirror, versions  # noqa: F401  (writes move versions)
    from core.extensions import cache, csrf, db, limiter, login_manager, mail, migrate
    from promotions import compile as compiled_promotions
    from storefront import models  # noqa: F401  (models known)

    db.init_app(app)
    with app.app_context():
        for engine in db.engines.values():
            ping_idle_connections(engine)
    cache.init_app(app)
    version_mirror.init_app(app)
    compiled_promotions.init_app(app)
    from promotions.rule_checks import add_rule_check
    from storefront.cart.gifts import check_gift_product

    add_rule_check(app, check_gift_product)
    migrate.init_app(
        app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    app.config["MAIL_BACKEND"] = MAIL_BACKENDS.get(app.config.get("MAIL_BACKEND"), app.config.get("MAIL_BACKEND"))
    mail.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from storefront.accounts.session import configure_login

    configure_login(login_manager)


def register_blueprints(app: Flask) -> None:
    from catalog.media import bp as media_bp
    from catalog.views import bp as catalog_bp
    from promotions.views import bp as promotions_bp
    from storefront.accounts.views import bp as accounts_bp
    from storefront.admin.views import bp as admin_bp
    from storefront.api import register_api
    from storefront.cart.views import bp as cart_bp
    from storefront.checkout.views import bp as checkout_bp
    from storefront.content.admin_views import bp as content_admin_bp
    from storefront.content.views import bp as content_bp
    from storefront.crawlers import bp as crawlers_bp
    from storefront.pages import bp as pages_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(catalog_bp)
    app.register_blueprint(media_bp)
    app.register_blueprint(promotions_bp)
    app.register_blueprint(cart_bp)
    app.register_blueprint(checkout_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(content_bp)
    app.register_blueprint(content_admin_bp)
    app.register_blueprint(crawlers_bp)
    register_api(app)
    register_shelf_pages(app)
    register_admin_guards(app)
    register_promotions_admin_store(app)


def register_shelf_pages(app: Flask) -> None:
    """Keep the pages marked `@shelf_page` (catalog's and ours) in the shared cache."""
    from storefront.shelf_cache import register

    register(app)


def register_admin_guards(app: Flask) -> None:
    """Every package's admin pages and APIs know staff by storefront's session, Basic and
    Bearer checks."""
    from core.auth import guard_admin_pages_with, identify_api_users_with
    from storefront.admin.auth import api_user, page_refusal

    guard_admin_pages_with(app, page_refusal)
    identify_api_users_with(app, api_user)


def register_promotions_admin_store(app: Flask) -> None:
    """The promotions admin reads the catalog, prices shipping, lists orders and queues code
    batches through what we hand it here."""
    from catalog import queries as catalog
    from promotions.admin.store import Store, plug_in
    from storefront.cart.shipping import standard_shipping_cents
    from storefront.checkout.queries import code_uses
    from storefront.jobs.code_batches import running_batch, start_batch

    plug_in(app, Store(
        departments=catalog.departments, products=catalog.every_product,
        products_by_skus=catalog.products_by_skus, shipping_cents=standard_shipping_cents,
        code_uses=code_uses, start_code_batch=start_batch, running_code_batch=running_batch,
    ))


def register_template_helpers(app: Flask) -> None:
    from storefront.templating import register

    register(app)


def register_error_handlers(app: Flask) -> None:
    from storefront.errors import register

    register(app)


def register_security(app: Flask) -> None:
    from storefront.security import register

    register(app)


def register_instrumentation(app: Flask) -> None:
    """The benchmark ceiling route and SQL counter; only when BENCHMARK_ROUTES=1."""
    from storefront.instrumentation import register

    register(app)


def register_queue(app: Flask) -> None:
    """Bind the job queue to QUEUE_URL (a worker thread too, under `flask run` on SQLite)."""
    from storefront.jobs import tasks  # noqa: F401  (registers every task with the queue)
    from storefront.queue import init_queue

    init_queue(app)


def register_commands(app: Flask) -> None:
    from storefront.commands import register

    register(app)
