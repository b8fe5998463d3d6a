"""The Kore sandbox: a stateful local implementation of the Kore API v3 over HTTP.

``SandboxServer(port=0).start()`` serves it; ``.url`` is where; ``.backend`` is its state.
"""
