"""Notifications: e-mail templates per client (with defaults), queued e-mails, and in-app notifications."""
