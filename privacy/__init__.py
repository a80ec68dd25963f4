"""Personal data (GDPR): everything the site stores about a person, its export and its erasure.

A person is a user account, one or more working-group member records, or both. Each source of
personal data is a *collector*: it exports what it holds about the person and erases or
pseudonymises it. The audit trail (revisions, log entries, history rows, audit rows, approval
records) is kept: its rows stay linked to the same account, which becomes pseudonymous, and only
the copies of names and e-mails inside them are replaced (docs/gdpr.md explains the trade-off).

The registry is ``privacy.registry``. Each app adds its sources through the
``register_gdpr_collectors`` Wagtail hook, a function returning collector instances (see
``base.Collector``); a relation to the user model that no collector claims is still exported,
under "ostatni".
"""
