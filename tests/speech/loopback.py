"""A real HTTP server on 127.0.0.1 serving a folder, and a small Vosk-layout zip to serve."""

from __future__ import annotations

import contextlib
import io
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MODEL_FILES = {
    "am/final.mdl": b"acoustic model " * 200,
    "conf/model.conf": b"--sample-frequency=16000\n",
    "conf/mfcc.conf": b"--use-energy=false\n",
    "graph/HCLr.fst": b"fst " * 500,
    "graph/Gr.fst": b"grammar " * 300,
    "graph/words.txt": "<eps> 0\nhygiene 1\nküche 2\nhaccp 3\n".encode(),
    "ivector/final.ie": b"ivector " * 100,
}


def build_zip(name: str, files: dict[str, bytes] = MODEL_FILES, prefix: str | None = None) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            archive.writestr(f"{prefix if prefix is not None else name + '/'}{path}", content)
    return data.getvalue()


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on loopback; yields the base URL."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format, *args):  # keep test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
