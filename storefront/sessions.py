"""Flask's signed-cookie sessions, with the signing serializer built once per set of keys.

Flask builds the serializer for every session it opens and every one it saves, and building
one signs a test value; that was a sixth of the time a first-time visitor's cached page takes
(the page mints their CSRF token, so their session is opened and saved). The serializer holds
nothing but its keys and settings, so one per key set serves every request.
"""

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class CookieSessions(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(keys)
        if serializer is None:
            self._serializers.clear()  # the keys changed (tests do): the old ones are done
            serializer = self._serializers[keys] = super().get_signing_serializer(app)
        return serializer
