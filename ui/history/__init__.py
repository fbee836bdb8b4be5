"""The history screens: the audit trail in words, a page at a time."""
