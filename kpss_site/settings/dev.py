"""Local development: DEBUG on, a throwaway secret, mail printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# The throwaway key is allowed only while DEBUG is on; otherwise SECRET_KEY must be set.
SECRET_KEY = (
    env("SECRET_KEY", default="dev-only-insecure-key")  # noqa: S105
    if DEBUG
    else env("SECRET_KEY")
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Demo users sign in without a phone; production requires the second factor (README "Security").
KPSS_2FA_ENFORCED = env.bool("KPSS_2FA_ENFORCED", default=False)
KPSS_SERVE_MEDIA = True
