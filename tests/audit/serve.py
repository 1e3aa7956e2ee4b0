"""Serves the built book on 127.0.0.1 the way a static host serves it.

Python's own `python3 -m http.server` speaks HTTP/1.0 (a new connection for
every file) and never compresses. GitHub Pages, Netlify, nginx and the like
keep connections open and send HTML, CSS and JavaScript gzipped, and
Lighthouse's simulated slow 4G charges a page for every byte and every
connection it sees: measured behind the bare server, a page pays about three
times its real weight. This server does what those hosts do: HTTP/1.1 with
keep-alive, gzip for text when the browser accepts it. AUDIT_COMPRESS=0
turns gzip off, to measure the worst case.

    python3 tests/audit/serve.py FOLDER PORT
"""

import gzip
import http.server
import io
import os
import sys

COMPRESS = os.environ.get("AUDIT_COMPRESS", "1") != "0"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class StaticHost(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Each file compressed once, not on every request: the audit measures
    # the page, not this server's CPU.
    compressed = {}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(404, "File not found")
            return None
        content_type = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        gzipped = COMPRESS and accepts_gzip and content_type.startswith(TEXT_TYPES)
        if gzipped:
            if path not in self.compressed:
                with open(path, "rb") as file:
                    self.compressed[path] = gzip.compress(file.read(), 6)
            body = self.compressed[path]
        else:
            with open(path, "rb") as file:
                body = file.read()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    os.chdir(folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), StaticHost)
    server.serve_forever()


if __name__ == "__main__":
    main()
