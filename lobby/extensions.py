"""Flask extensions, created unbound and initialised by the app factory."""

from flask_babel import Babel
from flask_caching import Cache
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

babel = Babel()
cache = Cache()
csrf = CSRFProtect()
htmx = Htmx()
