"""Passwords hidden from anything shown or logged: one rule for messages, logs and
remembered targets. No SQLAlchemy here, so the command line's error path stays light."""

from __future__ import annotations

import re

MASK = "***"
# scheme://user:password@ in any text (a message, an argument echoed back by a driver).
URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][\w+.-]*://[^:/@\s]*:)[^@\s]*@")
# password=… in a connection string or a driver's message.
_PASSWORD_PARAM = re.compile(r"(?i)\b(password|passwd|pwd)=[^&\s'\"]*")


def mask_passwords(text: str) -> str:
    """``text`` with every URL password and ``password=`` value shown as ``***``."""
    text = URL_PASSWORD.sub(lambda m: m["head"] + MASK + "@", text)
    return _PASSWORD_PARAM.sub(lambda m: f"{m[1]}={MASK}", text)
