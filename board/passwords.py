"""Password rules, checked wherever a password is chosen (invitation, reset, change, the CLI)."""
from __future__ import annotations

from .errors import Invalid

MIN_LENGTH, MAX_LENGTH = 10, 256
# The most used passwords of ten characters or more in public breach lists, lower-cased.
COMMON = frozenset("""
1234567890 0123456789 1q2w3e4r5t 1qaz2wsx3edc 1234qwer qwertyuiop password12 password123 password1234
passw0rd123 qwerty1234 qwerty12345 qwerty123456 abcdefghij abc1234567 iloveyou12 1111111111 0000000000
1234512345 9876543210 asdfghjkl1 zaq12wsxcde letmein123 welcome123 welcome1234 changeme123 administrator
football123 baseball123 princess12 sunshine12 superman123 trustno1234 monkey1234 dragon1234 starwars12
123456789a a123456789 q1w2e3r4t5 zxcvbnm123 qazwsxedc123 123qweasdzxc p@ssw0rd12 p@ssword123 passwordpassword
""".split())


def check(password: str, *, email: str = "", name: str = "") -> None:
    """422 naming ``password`` and the rule it breaks, or nothing."""
    if len(password) < MIN_LENGTH:
        raise Invalid("password", f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise Invalid("password", f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if len(set(lowered)) < 5:
        raise Invalid("password", "Use at least 5 different characters.")
    if lowered in COMMON:
        raise Invalid("password", "This is one of the most used passwords; choose another.")
    for own in (email.strip().lower(), email.strip().lower().split("@")[0], name.strip().lower()):
        if len(own) >= 4 and (lowered == own or own in lowered and len(own) >= len(lowered) - 3):
            raise Invalid("password", "Do not use your e-mail address or your name as the password.")
