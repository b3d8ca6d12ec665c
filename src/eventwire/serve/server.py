"""Running the API: uvicorn in the foreground (`eventwire serve`) or in a thread (tests, benchmarks).

Both bind the socket themselves before uvicorn starts, so a port of 0 gets a free port that is known
at once (tests run many servers side by side) and a port in use is reported as E088, not as a
traceback from inside uvicorn.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from eventwire.errors import Errors, UsageError

# How long `background_server` waits for uvicorn to report it is accepting connections.
_START_TIMEOUT_S = 30.0


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (0 = any free port); E088 when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be named: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and without
    # it each response (headers, then body) waited ~40 ms on the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise UsageError(Errors.E088.format(host=host, port=port, detail=exc.strerror or exc)) from exc
    sock.set_inheritable(True)
    return sock


class _Server(uvicorn.Server):
    """uvicorn's server, but a Ctrl-C or SIGTERM ends `run()` instead of killing the process.

    uvicorn shuts down gracefully on those signals, then sends the signal to itself again, which
    ended the process before `eventwire serve` could close the store (and checkpoint its log).
    """

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def uvicorn_server(app: FastAPI, *, log_level: str = "info", access_log: bool = True) -> uvicorn.Server:
    # One process, one event loop: the store's writer lives here, and DuckDB allows one writing
    # process. Sync endpoints run in the threadpool, each on its own snapshot cursor.
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=access_log,
        server_header=False,
        lifespan="on",
        # The API answers small GETs: bound what a client can hold open.
        limit_concurrency=512,
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=16 * 1024,
    )
    return _Server(config)


def serve_forever(app: FastAPI, sock: socket.socket, *, log_level: str = "info") -> None:
    """Serve on `sock` until Ctrl-C or SIGTERM (uvicorn handles both, finishing requests in flight)."""
    uvicorn_server(app, log_level=log_level).run(sockets=[sock])


@dataclass(frozen=True)
class RunningServer:
    """A server started by `background_server`: its base URL, e.g. 'http://127.0.0.1:41237'."""

    url: str
    host: str
    port: int


@contextmanager
def background_server(
    app: FastAPI, *, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
) -> Iterator[RunningServer]:
    """Run `app` in a daemon thread on host:port (0 = a free port) until the block ends.

    Returns once the server accepts connections; on exit it asks uvicorn to finish and waits for it.
    """
    sock = bind(host, port)
    bound_port = int(sock.getsockname()[1])
    server = uvicorn_server(app, log_level=log_level, access_log=False)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # reported to the caller below, not lost in the thread
            failure.append(exc)

    thread = threading.Thread(target=run, name=f"eventwire-serve-{bound_port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + _START_TIMEOUT_S
    # uvicorn offers no event to wait on, only the `started` flag: poll it, briefly.
    while not server.started:
        if failure or not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(timeout=5)
            sock.close()
            raise RuntimeError(f"the API server did not start on {host}:{bound_port}: {failure or 'timeout'}")
        time.sleep(0.01)
    url_host = f"[{host}]" if ":" in host else host
    try:
        yield RunningServer(url=f"http://{url_host}:{bound_port}", host=host, port=bound_port)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
