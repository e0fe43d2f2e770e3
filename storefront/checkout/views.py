"""Checkout pages: details -> review (with payment) -> place; confirmation and order lookup.

The details (email, address, method) ride in the session between steps; the card never
does, it is typed on the review page and sent once with the place request. The review
form carries the quote's fingerprint and a one-time idempotency key.
"""

import secrets

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from marshmallow import ValidationError

from catalog.age import age_confirmed
from core.errors import StoreError
from core.refusals import attempt
from storefront.cart.service import CartCompleted, CartNotFound, find_cart
from storefront.cart.session import SESSION_KEY, current_cart, forget_cart
from storefront.cart.shipping import RATES
from storefront.checkout import forms, idempotency
from storefront.checkout.payments import PaymentDeclined
from storefront.checkout.queries import order_by_number, order_for_guest, order_number_for_cart
from storefront.checkout.quote import check_restrictions, quote
from storefront.checkout.schemas import US_REGIONS, CheckoutSchema, DetailsSchema, OrderLookupSchema
from storefront.checkout.service import CartChanged, PlaceOrder
from storefront.checkout.submit import submit
from storefront.errors import explain

bp = Blueprint("checkout", __name__)

DETAILS_KEY = "checkout_details"
ORDERS_KEY = "my_orders"


def _cart_or_redirect():
    cart = current_cart()
    return cart if cart is not None and cart.lines else None


def _session_cart():
    """The session's cart even when completed: a double submit must find its order."""
    try:
        return find_cart(session.get(SESSION_KEY))
    except CartNotFound:
        return None


def _order_of(cart):
    return order_number_for_cart(cart.id)


def _details_page(values: dict, fields: dict | None = None, error: str | None = None, status: int = 200):
    return render_template(
        "checkout/details.html", values=values, fields=fields or {}, error=error, rates=RATES.values(),
        us_regions=sorted(US_REGIONS),
    ), status


@bp.route("/checkout", methods=["GET", "POST"])
def details():
    cart = _cart_or_redirect()
    if cart is None:
        return redirect(url_for("cart.show"))
    if request.method == "GET":
        values = session.get(DETAILS_KEY) or {
            "email": current_user.email if current_user.is_authenticated else ""
        }
        return _details_page(forms.flat_details(values))
    raw = forms.details_from(request.form)

    def checked() -> dict:
        data = DetailsSchema().load(raw)
        check_restrictions(cart, region=data["shipping_address"]["region"], age_confirmed=age_confirmed())
        return data

    data, refused = attempt(checked)
    if refused is not None:
        return _details_page(forms.flat_details(raw), forms.flat_errors(refused.fields), explain(refused),
                             refused.status)
    session[DETAILS_KEY] = DetailsSchema().dump(data)
    return redirect(url_for("checkout.review"))


def _review_page(cart, data: dict, *, error=None, fields=None, notes=(), status=200):
    current = quote(cart, email=data["email"], region=data["shipping_address"]["region"],
                    method=data["shipping_method"])
    return render_template(
        "checkout/review.html",
        quote=current,
        cart=current.view,
        details=data,
        rate=RATES[data["shipping_method"]],
        key=secrets.token_urlsafe(24),
        error=error,
        fields=fields or {},
        notes=notes,
    ), status


def _saved_details():
    stored = session.get(DETAILS_KEY)
    if not stored:
        return None
    try:
        return DetailsSchema().load(stored)
    except ValidationError:
        return None


@bp.get("/checkout/review")
def review():
    cart = _cart_or_redirect()
    data = _saved_details()
    if cart is None:
        return redirect(url_for("cart.show"))
    if data is None:
        return redirect(url_for("checkout.details"))
    return _review_page(cart, data)


@bp.post("/checkout/place")
def place():
    key = request.form.get("idempotency_key", "")[:100] or None
    if key and (number := idempotency.order_number_for(f"web:{key}")):
        return _placed(number)  # this form was already submitted and placed
    cart = _session_cart()
    details_data = _saved_details()
    if cart is not None and not cart.is_open and (number := _order_of(cart)):
        return _placed(number)  # the first of a double submit already placed it
    if cart is None or not cart.lines or details_data is None:
        return redirect(url_for("checkout.details" if cart else "cart.show"))
    raw = DetailsSchema().dump(details_data) | forms.payment_from(request.form)
    data, refused = attempt(lambda: CheckoutSchema().load(raw))
    if refused is not None:
        return _review_page(cart, details_data, error=explain(refused), fields=forms.flat_errors(refused.fields),
                            status=refused.status)
    place_request = PlaceOrder(
        cart_token=cart.token,
        data=data,
        user_id=current_user.id if current_user.is_authenticated else None,
        age_confirmed=age_confirmed(),
    )
    fingerprint = forms.form_fingerprint(cart.token, raw)
    try:
        outcome = submit(place_request, key=key and f"web:{key}", fingerprint=fingerprint, wait_seconds=10)
    except CartChanged as changed:
        return _review_page(cart, details_data, error="Your cart changed since you reviewed it. "
                            "Please check the new total and place your order again.",
                            notes=changed.notes, status=409)
    except CartCompleted:
        if number := _order_of(cart):
            return _placed(number)
        raise
    except PaymentDeclined as declined:
        return _review_page(cart, details_data, error=declined.message, status=402)
    except StoreError as error:
        return _review_page(cart, details_data, error=error.message, fields=forms.flat_errors(error.fields),
                            status=error.status)
    if outcome.status != 201:
        error = outcome.body.get("error", {}).get("message", "We couldn't place your order.")
        return _review_page(cart, details_data, error=error, status=outcome.status)
    for notice in outcome.body.get("messages") or ():  # e.g. a free gift that ran out meanwhile
        flash(notice, "info")
    return _placed(outcome.order_number)


def _placed(number: str):
    session[ORDERS_KEY] = (session.get(ORDERS_KEY, []) + [number])[-20:]
    session.pop(DETAILS_KEY, None)
    forget_cart()
    return redirect(url_for("checkout.order", number=number))


def _may_see(order) -> bool:
    if order.number in session.get(ORDERS_KEY, []):
        return True
    return current_user.is_authenticated and order.user_id == current_user.id


@bp.get("/orders/<number>")
def order(number: str):
    found = order_by_number(number)
    if found is None or not _may_see(found):
        return redirect(url_for("checkout.lookup", number=number))
    return render_template("checkout/confirmation.html", order=found)


@bp.route("/orders/lookup", methods=["GET", "POST"])
def lookup():
    if request.method == "GET":
        return render_template("checkout/lookup.html", values={"number": request.args.get("number", "")},
                               fields={}, error=None)
    raw = {"email": request.form.get("email", ""), "number": request.form.get("number", "")}
    data, refused = attempt(lambda: OrderLookupSchema().load(raw))
    if refused is not None:
        return render_template("checkout/lookup.html", values=raw, fields=refused.fields,
                               error=explain(refused)), refused.status
    found = order_for_guest(data["number"], data["email"])
    if found is None:
        return render_template("checkout/lookup.html", values=raw, fields={},
                               error="We couldn't find an order with that number and email."), 404
    session[ORDERS_KEY] = (session.get(ORDERS_KEY, []) + [found.number])[-20:]
    return redirect(url_for("checkout.order", number=found.number))
