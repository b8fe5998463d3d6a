"""Flask extensions, created unbound and initialised by the app factory."""

from flask import request
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

babel = Babel()
cache = Cache()
csrf = CSRFProtect()
htmx = Htmx()
# Per client address (after the trusted proxies); limits are set per view in lobby/limits.py.
limiter = Limiter(key_func=lambda: request.remote_addr or "unknown", strategy="moving-window")
