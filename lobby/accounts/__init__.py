"""Accounts: sign-in and its outcomes, registration, verification, password, the account page."""
