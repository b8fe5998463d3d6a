"""The lobby page: games by category, provider and search, jackpots, play and launch."""
