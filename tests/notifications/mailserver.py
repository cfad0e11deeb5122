"""A real SMTP server on a local port (aiosmtpd), keeping what it accepts: the edge of the alerts tests."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """The server's side: `refuse` maps an address to an SMTP reply; `on_message(count)` runs after
    each message is stored and before the server answers 250."""

    def __init__(self):
        self.received = []  # (recipients, parsed message)
        self.refuse = {}
        self.on_message = None
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), message))
            count = len(self.received)
        if self.on_message:
            self.on_message(count)
        return "250 Message accepted for delivery"

    def recipients(self):
        return sorted(address for recipients, _message in self.received for address in recipients)


class MailServer:
    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"
