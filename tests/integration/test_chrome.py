"""The page chrome is kept rendered per process (storefront/chrome.py): two shoppers on the same
process each see their own cart count, sign-in state and search words, and the header follows
the catalog."""

from core.extensions import db
from tests.actors import Shopper, cart_count
from tests.factories import CUSTOMER_PASSWORD, make_customer, make_department, make_product


def test_two_shoppers_each_see_their_own_count_and_sign_in_state(app):
    make_product("TEA-1", department=make_department("teas"))
    customer, visitor = Shopper.of(app), Shopper.of(app)
    make_customer("chrome@example.com")
    assert customer.sign_in("chrome@example.com", CUSTOMER_PASSWORD).status_code == 302
    assert customer.add_to_cart("TEA-1", 2).status_code == 302
    for path in ("/cart", "/shop", "/cart", "/shop/teas"):
        mine, theirs = customer.get(path).get_data(as_text=True), visitor.get(path).get_data(as_text=True)
        assert (cart_count(mine), cart_count(theirs)) == ("2", "0"), path
        assert "Your orders" in mine and "Sign in" not in mine, path
        assert "Sign in" in theirs and "Your orders" not in theirs, path


def test_the_search_box_holds_this_request_s_words_escaped(app):
    first, second = Shopper.of(app), Shopper.of(app)
    page = first.get('/search?q=<b>"tea"</b>').get_data(as_text=True)
    assert 'value="&lt;b&gt;&#34;tea&#34;&lt;/b&gt;"' in page
    assert "<b>" not in page.split('id="site-search"')[1].split(">")[0]
    other = second.get("/search?q=mat").get_data(as_text=True)
    assert 'value="mat"' in other and "tea" not in other.split('id="site-search"')[1].split(">")[0]
    assert 'value=""' in second.get("/shop?q=tea").get_data(as_text=True)  # only the search page fills it


def test_the_header_follows_the_catalog(app, shopper):
    department = make_department("teas", name="Teas")
    assert ">Teas</a>" in shopper.get("/cart").get_data(as_text=True)
    department.name = "Fine Teas"
    db.session.commit()
    assert ">Fine Teas</a>" in shopper.get("/cart").get_data(as_text=True)
