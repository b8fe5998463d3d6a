"""Settings of one sandbox instance, read from the environment once."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass
class SandboxConfig:
    brand_id: str = "KoreDemo"
    #: The shared secret for the privileged grant types (brand_credentials, …).
    secret: str = "sandbox-secret"  # noqa: S105 - the sandbox's documented demo secret
    #: A player session ends after this many idle seconds (the doc says "typically 20 minutes").
    idle_timeout: float = 1200.0
    #: Delay added to every /v3/api request, in milliseconds.
    latency_ms: int = 0
    #: Fault rules in force after start-up and after every reset (see faults.py).
    faults: list[dict[str, Any]] = field(default_factory=list)
    captcha_required: bool = False
    #: Seed of the sandbox's random.Random (user ids, spins, uuids).
    seed: int = 20240101
    version: str = "3.35.0 (sandbox)"
    #: Seconds between the SignalR hub's pings (ASP.NET Core's KeepAliveInterval: 15 s).
    hub_ping_interval: float = 15.0
    #: The sandbox's public address (``http://127.0.0.1:8001``): the base of every URL it hands
    #: out (links, play and page URLs, the hub's chat_url). Empty: ``SandboxServer`` uses its
    #: own address; an app served otherwise (gunicorn, a test client) the request's.
    public_url: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "SandboxConfig":
        env = os.environ if environ is None else environ
        config = cls()
        if env.get("SANDBOX_LATENCY_MS"):
            config.latency_ms = int(env["SANDBOX_LATENCY_MS"])
        if env.get("SANDBOX_FAULTS"):
            faults = json.loads(env["SANDBOX_FAULTS"])
            if not isinstance(faults, list):
                raise ValueError("SANDBOX_FAULTS must be a JSON list of fault rules")
            config.faults = faults
        if env.get("SANDBOX_IDLE_TIMEOUT"):
            config.idle_timeout = float(env["SANDBOX_IDLE_TIMEOUT"])
        if env.get("SANDBOX_HUB_PING_INTERVAL"):
            config.hub_ping_interval = float(env["SANDBOX_HUB_PING_INTERVAL"])
        if env.get("SANDBOX_PUBLIC_URL"):
            config.public_url = env["SANDBOX_PUBLIC_URL"].rstrip("/")
        return config
