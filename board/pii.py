"""Personal data in observation text: e-mail addresses, phone numbers and payment card numbers.

``find`` names what a text holds; ``mask`` replaces each with a placeholder. Card numbers are
recognised by length and the Luhn checksum, so ordinary long numbers (amounts, case ids) survive.
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 13-19 digits, optionally grouped by spaces or dashes
CARD = re.compile(r"(?<![\w])(?:\d[ -]?){12,18}\d(?![\w])")
# an optional +country code, then 8-15 digits with common separators
PHONE = re.compile(r"(?<![\w])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .-]?\d){6,13}(?![\w])")
PLACEHOLDER = {"email": "[email]", "card_number": "[card number]", "phone": "[phone]"}


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _cards(text: str):
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            yield m


def mask(text: str) -> tuple[str, list[str]]:
    """``text`` with personal data replaced, and the kinds found (e.g. ``["email", "phone"]``)."""
    found: list[str] = []

    def sub(kind: str, pattern_matches, value: str) -> str:
        out, last = [], 0
        for m in pattern_matches(value):
            out.append(value[last:m.start()])
            out.append(PLACEHOLDER[kind])
            last = m.end()
            if kind not in found:
                found.append(kind)
        return "".join(out) + value[last:]

    text = sub("email", EMAIL.finditer, text)
    text = sub("card_number", _cards, text)  # before phones: a card number also looks like one
    text = sub("phone", PHONE.finditer, text)
    return text, found


def find(text: str) -> list[str]:
    """The kinds of personal data in ``text``."""
    return mask(text)[1]
