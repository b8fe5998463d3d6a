"""The lobby served as production serves it: the ASGI application (lobby.live.server)
under uvicorn, on a free port, in a thread of the test process."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from lobby.live.server import LiveLobby


class ServedLobby:
    def __init__(self, app) -> None:
        self.app = app
        self.asgi = LiveLobby(app)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(self.asgi, log_level="warning", lifespan="on", timeout_graceful_shutdown=1,
                                access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def start(self) -> "ServedLobby":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the lobby did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.asgi.close_streams()
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()
