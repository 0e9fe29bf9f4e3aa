"""Real servers for the fault tests: an Elasticsearch of a test's own, which it may stop and
start again, and a TCP relay that holds back every response, to play a slow server."""

import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings

SCRIPT = settings.BASE_DIR / "scripts" / "services" / "elasticsearch"


class ElasticsearchServer:
    """An Elasticsearch started with ``scripts/services/elasticsearch start DIR``.

    Its data stays in DIR between a stop and the next start; each start picks a free port, so
    ``url`` changes with it.
    """

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="fellowship-es-faults-"))
        # The server runs as the service user, who must be able to reach its directory.
        self.directory.chmod(0o755)
        self.url = None

    def start(self):
        result = subprocess.run(
            [SCRIPT, "start", self.directory / "server"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"Elasticsearch did not start:\n{result.stderr[-3000:]}")
        (line,) = [line for line in result.stdout.splitlines() if "ELASTICSEARCH_URL=" in line]
        self.url = line.split("=", 1)[1]
        return self.url

    def stop(self):
        subprocess.run([SCRIPT, "stop", self.directory / "server"], timeout=120, check=True)

    def remove(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class SlowRelay:
    """A TCP relay on a free loopback port to ``upstream`` (an http URL), holding each piece of
    every response back for ``delay`` seconds. Requests pass at once."""

    def __init__(self, upstream, delay):
        host, port = upstream.removeprefix("http://").rstrip("/").split(":")
        self.upstream = (host, int(port))
        self.delay = delay
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.stopped = threading.Event()

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.listener.close()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        threading.Thread(target=self._pump, args=(client, upstream, 0), daemon=True).start()
        self._pump(upstream, client, self.delay)

    @staticmethod
    def _pump(source, destination, delay):
        try:
            while data := source.recv(65536):
                time.sleep(delay)
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, destination):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                end.close()
