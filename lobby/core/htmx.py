"""The request as htmx-flask makes it: ``request.htmx`` is true for htmx's own requests.

htmx-flask's ``Htmx`` extension (lobby/extensions.py) gives the app a request class with an
``htmx`` attribute (the HX-* headers); this is Flask's ``request`` typed as that class, so a
view asks ``request.htmx`` rather than reading ``HX-Request`` by hand, and mypy knows it.
"""

from __future__ import annotations

from typing import cast

from flask import request as _request
from htmx_flask.requests import HtmxAwareRequest

request = cast(HtmxAwareRequest, _request)

__all__ = ["request"]
