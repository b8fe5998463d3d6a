"""The live lobby: Kore's SignalR notifications passed on to the player's open pages.

Kore pushes BalanceUpdate, UserLogout and OperatorInitiatedChat over a SignalR hub that
takes the player's bearer token. The token never leaves the server, so the browser cannot
connect itself; instead the lobby is served as one ASGI application (``server.py``): the
Flask app as before, plus one asynchronous endpoint, ``/live/events``, that streams
Server-Sent Events to a page (htmx's ``sse`` extension swaps them in). For each session
the process holds a single hub connection (``relay.py``, ``hub.py``) whatever the number
of tabs, opened with the first page and closed when the last one leaves.

- ``hub.py``: the hub client (JSON hub protocol over ``websockets``);
- ``relay.py``: one upstream per session and process, reconnecting with backoff;
- ``stream.py``: the SSE endpoint (who the page is comes from the Flask app itself);
- ``views.py``: the Flask side (the page's identity, chat polling, chat panels);
- ``render.py``: events as the HTML fragments pages swap in;
- ``server.py``: the ASGI application that serves both.

docs/live.md tells the whole story and the production recipe.
"""
