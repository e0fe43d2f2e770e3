"""The app Schemathesis drives: a seeded demo store on SQLite and an admin for Basic auth.

Also the state machine of the stateful phase (`shopper_workflow`). Shared by
tests/api/test_schemathesis.py (small, deterministic, part of `make test`) and `make fuzz`
(the same checks with many more examples: FUZZ_EXAMPLES, FUZZ_SEED).
"""

import os
from itertools import cycle

import schemathesis
from sqlalchemy import delete, select, update

from catalog.models import Product
from core.extensions import db
from promotions.models import Promotion, PromotionCode, PromotionCustomerUse
from storefront.api.links import ADD_LINE, APPLY_CODE, CHECKOUT
from tests.actors import basic_auth
from tests.conftest import build_app, cheap_password_hashing

ADMIN_EMAIL = "fuzz-owner@example.com"
ADMIN_PASSWORD = "correct horse battery staple"
SPEC_PATH = "/api/v1/openapi.json"
STATEFUL_STEPS = 10  # calls per scenario, at most
SCENARIOS_PER_EXAMPLE = 5  # many scenarios start from a random token; enough also reach checkout
DEMO_CODE = "BNR41921"  # promotions/seed.py: $50 off $200
APPROVED_CARD = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2099, "cvc": "123"}
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
]


def fuzz_app(database_path):
    """A fresh store with the demo data; rate limits off so fuzzing reaches the handlers."""
    app = build_app(f"sqlite:///{database_path}")
    with app.app_context():
        from core.auth import Role
        from storefront.accounts.service import save_user
        from storefront.demo import seed_demo_store

        db.create_all()
        seed_demo_store()
        with cheap_password_hashing():  # built while pytest collects, before the session's fixture
            save_user(ADMIN_EMAIL, ADMIN_PASSWORD, Role.OWNER)
        db.session.remove()
    return app


def fuzz_config(*, examples: int, seed: int, coverage: bool = True) -> schemathesis.Config:
    checks = {"enabled": False} | {name: {"enabled": True} for name in CHECKS}
    return schemathesis.Config.from_dict(
        {
            "seed": seed,
            "headers": basic_auth(ADMIN_EMAIL, ADMIN_PASSWORD),
            "generation": {"max-examples": examples, "deterministic": True, "database": "none"},
            "checks": checks,
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": coverage},
                "fuzzing": {"enabled": True},
                # only the documented links (storefront/api/links.py): inference also guesses
                # links between unrelated operations (an order's number into a cart's lines)
                "stateful": {
                    "enabled": True,
                    "generation": {"max-examples": SCENARIOS_PER_EXAMPLE * examples},
                    "max-steps": STATEFUL_STEPS,
                    "inference": {"algorithms": []},
                },
            },
            "suppress-health-check": ["all"],
        }
    )


def load_schema(app, config: schemathesis.Config):
    return schemathesis.openapi.from_wsgi(SPEC_PATH, app, config=config)


def settings_from_env() -> dict:
    return {"examples": int(os.environ.get("FUZZ_EXAMPLES", "8")), "seed": int(os.environ.get("FUZZ_SEED", "20240607"))}


def sellable_skus(app) -> list[str]:
    """The demo products in stock, in a fixed order."""
    with app.app_context():
        query = select(Product.sku).where(Product.active, Product.stock > 0).order_by(Product.sku)
        return list(db.session.scalars(query))


def fresh_start(app):
    """Put back what a scenario's orders used up (stock, promotion, code and customer uses), so
    every scenario meets the same store and replays exactly (hypothesis replays to explore)."""
    counted = {
        Product: ("stock",),
        Promotion: ("times_used", "given_cents"),
        PromotionCode: ("times_used",),
    }
    with app.app_context():
        saved = {
            model: [
                row._asdict()
                for row in db.session.execute(
                    select(model.id, *(getattr(model, c) for c in columns))
                )
            ]
            for model, columns in counted.items()
        }
        db.session.remove()

    def restore() -> None:
        with app.app_context():
            db.session.execute(delete(PromotionCustomerUse))
            for model, rows in saved.items():
                for row in rows:
                    db.session.execute(update(model).where(model.id == row["id"]).values(**row))
            db.session.commit()
            db.session.remove()

    return restore


def shopper_workflow(schema, skus: list[str], reset):
    """The stateful phase's state machine, sending what a shopper would where generated values
    are always refused (a SKU, a code, a card number): without them no scenario gets past an
    empty cart. Schemathesis re-checks a changed body, so a negative case stays negative."""

    class ShopperWorkflow(schema.as_state_machine()):
        def setup(self):
            reset()
            products = cycle(skus)  # restarted per scenario, so a scenario replays exactly
            self.shopper_sends = {
                ADD_LINE.path: lambda: {"sku": next(products)},
                APPLY_CODE.path: lambda: {"code": DEMO_CODE},
                CHECKOUT.path: lambda: {"payment": APPROVED_CARD, "age_confirmed": True},
            }

        def before_call(self, case):
            fill = self.shopper_sends.get(case.operation.path)
            if fill and isinstance(case.body, dict):
                case.body = {**case.body, **fill()}

    return ShopperWorkflow
