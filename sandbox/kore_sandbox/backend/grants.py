"""The grant types of Kore's tokens, by the names the sandbox uses for them."""

from __future__ import annotations

BRAND_PUBLIC = "brand_public_credentials"
PLAYER = "player_credentials"
VERIFICATION = "player_verification_credentials"
CHANGE_PASSWORD = "player_change_password"  # noqa: S105 - a name, not a secret
EXTRA_INFO = "extra_player_info"
OFFLINE_SIGNON = "offline_signon"
LAUNCH_GAME = "launch_game"
#: Privileged grant types of POST auth/{grant_type}/token. ``leaderboad`` is the doc's
#: own spelling in the endpoint index; both are accepted and echoed back as sent.
PRIVILEGED_GRANTS = frozenset(
    {"brand_credentials", "restricted_activity_subscriber", "tracking", "leaderboard", "leaderboad"}
)
#: Grant types that must never be requested from a browser (server_only_credentials).
SERVER_ONLY_GRANTS = frozenset({"tracking"})
#: The privileged grant types of the user-activity endpoints.
ACTIVITY_GRANTS = ("brand_credentials", "restricted_activity_subscriber")
LEADERBOARD_GRANTS = ("leaderboard", "leaderboad")
