"""Who a shopper is, for limits and targeting: one email rule used everywhere a customer is matched.

`customer_key` lower-cases and strips the address and drops a `+tag` from its local part
(`Ada+1@Example.com ` -> `ada@example.com`): the tag reaches the same mailbox, so it is the
same customer, and a per-customer limit must not be beaten by adding one. Dots are kept as
typed on every domain: only some providers ignore them, and a rule that depends on the
provider would be hard to predict.
"""


def customer_key(email: str | None) -> str | None:
    """The customer an email address stands for, or None for no address."""
    if not email or not email.strip():
        return None
    address = email.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    base = local.split("+", 1)[0]
    return f"{base or local}@{domain}"
