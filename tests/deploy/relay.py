"""`python relay.py HOST PORT`: one TCP connection to HOST:PORT, carried over stdin and stdout.

QEMU's `guestfwd=...-cmd:` starts one such command per connection the guest opens (a plain
`-tcp:` target would be a single connection, shared by all of the guest's and stuck after the
first), so the guest reaches one port of the host and nothing else.
"""

from __future__ import annotations

import os
import selectors
import socket
import sys


def relay(host: str, port: int) -> None:
    with socket.create_connection((host, port)) as connection:
        selector = selectors.DefaultSelector()
        selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "in")
        selector.register(connection, selectors.EVENT_READ, "hub")
        while True:
            for key, _ in selector.select():
                if key.data == "in":
                    data = os.read(sys.stdin.fileno(), 65536)
                    if not data:
                        connection.shutdown(socket.SHUT_WR)
                        selector.unregister(sys.stdin.fileno())
                        continue
                    connection.sendall(data)
                else:
                    data = connection.recv(65536)
                    if not data:
                        return
                    sys.stdout.buffer.write(data)
                    sys.stdout.buffer.flush()


if __name__ == "__main__":
    relay(sys.argv[1], int(sys.argv[2]))
