"""OpenAPI links for the cart workflow: create a cart, add a line, apply a code, check out.

A link says which value of one answer feeds which later request. Clients read them to know
what to call next; Schemathesis's stateful phase (tests/api/test_schemathesis.py) follows them
to chain calls on a real cart instead of guessing tokens. Every cart answer carries the cart's
`token`, so each step feeds the next. flask-smorest's decorators take no `links`, so this
apispec plugin adds them to the answers as the operations are registered.
"""

from typing import NamedTuple

from apispec import BasePlugin

CART = "/api/v1/carts/{token}"
TOKEN_FROM_CART = {"token": "$response.body#/token"}


class Target(NamedTuple):
    """An operation a link leads to, by the name the link is given."""

    name: str
    method: str
    path: str

    def link(self) -> dict:
        pointer = self.path.replace("~", "~0").replace("/", "~1")
        return {"operationRef": f"#/paths/{pointer}/{self.method}", "parameters": TOKEN_FROM_CART}


GET_CART = Target("GetCart", "get", CART)
ADD_LINE = Target("AddLine", "post", f"{CART}/lines")
APPLY_CODE = Target("ApplyCode", "post", f"{CART}/codes")
CHECKOUT = Target("Checkout", "post", f"{CART}/checkout")

# (method, path) of an operation -> the status of its answer and where that answer leads
NEXT_STEPS: dict[tuple[str, str], tuple[int, tuple[Target, ...]]] = {
    ("post", "/api/v1/carts"): (201, (GET_CART, ADD_LINE, APPLY_CODE, CHECKOUT)),
    ("post", ADD_LINE.path): (200, (APPLY_CODE, CHECKOUT)),
    ("post", APPLY_CODE.path): (200, (CHECKOUT,)),
}


class CartWorkflowLinks(BasePlugin):
    """Add the `links` of NEXT_STEPS to the answers they start from."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            if (method, path) in NEXT_STEPS:
                status, targets = NEXT_STEPS[method, path]
                response = operation["responses"][status]
                response.setdefault("links", {}).update({t.name: t.link() for t in targets})
