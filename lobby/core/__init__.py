"""The lobby's plumbing, without routes: Kore access, session, security, limits, logs, languages, templates, error pages."""
