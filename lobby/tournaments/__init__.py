"""Tournaments and competitions: lists, details, leaderboards, registration, rebuy, news."""
