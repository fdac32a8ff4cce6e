#!/usr/bin/env python3
"""A scripted HTTP(S) server for sidetrip's network tests (Python standard library only).

    http_test_server.py --routes ROUTES.json --log LOG.jsonl [--cert CERT --key KEY]

Binds 127.0.0.1 on a free port and prints the port on the first line of stdout. ROUTES maps a
path (without the query string; "*" matches any other path) to a list of responses, served in
order; the last one repeats. A response is an object with any of:
  status (200), headers ({}), body (""), body_file, gzip (false): compress the body,
  delay (seconds before answering), drip (seconds between 1 KiB chunks of the body),
  truncate (send only this many bytes of a body announced whole, then close),
  auth ("user:password": anything else gets 401), etag (an If-None-Match with it gets 304),
  content_length (announce this length instead of the body's).
Every request is appended to LOG as one JSON line {method, path, headers, body, time}.
"""
import argparse
import base64
import gzip
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--routes", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    with open(args.routes, encoding="utf-8") as f:
        routes = json.load(f)
    served = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *unused):
            pass

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?", 1)[0]
            with lock:
                with open(args.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps({"method": self.command, "path": self.path,
                                          "headers": {k: v for k, v in self.headers.items()},
                                          "body": body.decode("utf-8", "replace"),
                                          "time": time.time()}) + "\n")
                script = routes.get(path, routes.get("*"))
                if script is None:
                    response = {"status": 404, "body": "no route\n"}
                else:
                    index = served.get(path, 0)
                    served[path] = index + 1
                    response = script[min(index, len(script) - 1)]
            self.answer(response)

        def answer(self, r):
            if r.get("delay"):
                time.sleep(r["delay"])
            status = r.get("status", 200)
            headers = dict(r.get("headers", {}))
            if "body_file" in r:
                with open(r["body_file"], "rb") as f:
                    payload = f.read()
            else:
                payload = r.get("body", "").encode("utf-8")
            if "auth" in r:
                expected = "Basic " + base64.b64encode(r["auth"].encode()).decode()
                if self.headers.get("Authorization") != expected:
                    status, payload = 401, b"unauthorized\n"
                    headers = {"WWW-Authenticate": 'Basic realm="test"'}
            if "etag" in r and status == 200:
                headers["ETag"] = r["etag"]
                if self.headers.get("If-None-Match") == r["etag"]:
                    status, payload = 304, b""
            if r.get("gzip") and payload:
                payload = gzip.compress(payload)
                headers["Content-Encoding"] = "gzip"
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(r.get("content_length", len(payload))))
            if "truncate" in r:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command == "HEAD":
                return
            if "truncate" in r:
                self.wfile.write(payload[:r["truncate"]])
                self.wfile.flush()
                self.close_connection = True
                return
            if r.get("drip"):
                for at in range(0, len(payload), 1024):
                    self.wfile.write(payload[at:at + 1024])
                    self.wfile.flush()
                    time.sleep(r["drip"])
                return
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_REPORT = do_PROPFIND = handle_any

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
