"""`MAIL_BACKEND=log`: a Flask-Mailman backend that writes each message to the app log."""

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    """Development and demo mail: readable in the server's output, nothing leaves the machine."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            current_app.logger.info("mail to %s: %s\n%s", ", ".join(message.to), message.subject, message.body)
        return len(email_messages)
