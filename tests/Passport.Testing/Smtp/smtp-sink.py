#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd, Debian's python3-aiosmtpd): stores each received message as
<folder>/<n>.eml and its envelope as <n>.json (mail from, recipients, authenticated login, whether TLS was on).

usage: smtp-sink.py --port N --folder DIR [--cert PEM --key PEM [--implicit-tls]] [--user U --password P]
With --cert and no --implicit-tls the server offers STARTTLS and requires it; with --user it requires AUTH (after TLS
when TLS is configured). Prints READY when listening. Stopped by the tests with a kill of its process id."""
import argparse, asyncio, json, os, ssl, sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            n = len([f for f in os.listdir(args.folder) if f.endswith(".eml")]) + 1
            base = os.path.join(args.folder, f"{n:05d}")
            meta = {"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos,
                    "login": getattr(session, "passport_login", None),
                    "tls": server.transport.get_extra_info("ssl_object") is not None}
            with open(base + ".json.tmp", "w") as f:
                json.dump(meta, f)
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content)
            # The .eml appears last and whole: a reader never sees half a message.
            os.replace(base + ".json.tmp", base + ".json")
            os.replace(base + ".eml.tmp", base + ".eml")
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        if ok:
            session.passport_login = args.user
        return AuthResult(success=ok)

    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    kwargs = {"hostname": "localhost"}
    if args.user:
        # aiosmtpd only counts STARTTLS as TLS for auth_require_tls; over implicit TLS the whole session is encrypted.
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=tls is not None and not args.implicit_tls)
    if tls is not None and not args.implicit_tls:
        kwargs.update(tls_context=tls, require_starttls=True)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(Handler(), **kwargs), host="127.0.0.1", port=args.port,
        ssl=tls if args.implicit_tls else None))
    print("READY", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
