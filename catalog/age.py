"""The age gate's answer, remembered in the shopper's session."""

from flask import session

AGE_SESSION_KEY = "age_confirmed"


def age_confirmed() -> bool:
    return bool(session.get(AGE_SESSION_KEY))


def remember_age_confirmed() -> None:
    session[AGE_SESSION_KEY] = True
