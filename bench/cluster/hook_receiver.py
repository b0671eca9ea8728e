#!/usr/bin/env python3
"""Webhook receiver of bench/cluster.sh: logs every POST it receives and answers 204.

Usage: hook_receiver.py <port> <log file>   (listens on 127.0.0.1 only)
One line per delivery: <epoch ms> <X-Registry-Delivery> <X-Registry-Event> <body>
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
LOG = sys.argv[2]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 65536)).decode("utf-8", "replace").replace("\n", " ")
        line = "%d %s %s %s\n" % (time.time() * 1000, self.headers.get("X-Registry-Delivery", "-"),
                                  self.headers.get("X-Registry-Event", "-"), body)
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(line)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
