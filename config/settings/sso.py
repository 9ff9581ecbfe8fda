"""Single sign-on (accounts.sso): the agency's OpenID Connect identity provider. Off by default."""

from config.settings.base import env

OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_TIMEOUT = 10
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", default="preferred_username")
OIDC_GROUP_CLAIM = env("OIDC_GROUP_CLAIM", default="groups")
# The provider's group names mapped to ours, e.g. "MPP-CBP=cbp,MPP-USCIS=uscis".
OIDC_GROUP_MAP = env.dict("OIDC_GROUP_MAP", default={})
# amr values that mean the person used more than one factor (RFC 8176): PIV is "sc"/"hwk".
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa", "hwk", "sc"])
OIDC_CALLBACK_CLASS = "accounts.sso.StaffOIDCCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "two_factor:login"
