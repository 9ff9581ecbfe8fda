"""A small OpenID Connect provider on loopback, standing in for the agency's identity provider.

It speaks the authorization-code flow over real HTTP: /authorize redirects back with a code,
/token answers with an RS256-signed ID token, /userinfo and /jwks serve claims and the key. The
test says who signs in next and whether the provider asserts multi-factor sign-in.
"""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "mpp-staff"
CLIENT_SECRET = "loopback-test-secret"  # noqa: S105 - the test provider's own secret


class LoopbackProvider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.next_person = {}
        self.next_amr = []
        self.grants = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self):
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
        }

    def _id_token(self, grant):
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": grant["person"]["preferred_username"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "amr": grant["amr"],
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "loopback"})

    def _jwks(self):
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": "loopback", "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.grants[code] = {
                        "person": dict(provider.next_person),
                        "amr": list(provider.next_amr),
                        "nonce": query.get("nonce"),
                    }
                    back = urlencode({"code": code, "state": query["state"]})
                    self.send_response(302)
                    self.send_header("Location", f"{query['redirect_uri']}?{back}")
                    self.end_headers()
                elif url.path == "/userinfo":
                    code = self.headers.get("Authorization", "").removeprefix("Bearer at-")
                    grant = provider.grants.get(code)
                    self._json(grant["person"] if grant else {}, 200 if grant else 401)
                elif url.path == "/jwks":
                    self._json(provider._jwks())
                else:
                    self._json({}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                grant = provider.grants.get(form.get("code"))
                if grant is None or form.get("client_secret") != CLIENT_SECRET:
                    return self._json({"error": "invalid_grant"}, 400)
                self._json(
                    {
                        "access_token": f"at-{form['code']}",
                        "token_type": "Bearer",
                        "id_token": provider._id_token(grant),
                    }
                )

        return Handler
