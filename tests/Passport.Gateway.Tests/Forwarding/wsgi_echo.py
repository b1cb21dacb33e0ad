"""Test upstream of the kind that folds header names: a WSGI app on wsgiref (Python's reference server).

wsgiref, like CGI, Rack and PHP-FPM, turns a header name into an environ key by upper-casing it and replacing '-' with
'_', so 'X_Passport_Sub', 'x-passport_sub' and 'X-Passport-Sub' all become HTTP_X_PASSPORT_SUB (several are joined
with ','). The app answers every request with the HTTP_* keys of its environ as JSON. It listens on 127.0.0.1 on a port
the OS picks and prints that port on its first line of output.
"""
import json
from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def app(environ, start_response):
    body = json.dumps({k: v for k, v in environ.items() if k.startswith("HTTP_")}).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


with make_server("127.0.0.1", 0, app, handler_class=QuietHandler) as server:
    print(server.server_port, flush=True)
    server.serve_forever()
