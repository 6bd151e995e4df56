"""Personal data in observation text: e-mail addresses, phone numbers and payment card numbers.

``find`` names what a text holds; ``mask`` replaces each with a placeholder. Card numbers are
recognised by length and the Luhn checksum. Phone numbers are read by libphonenumber
(``phonenumbers``), so amounts, dates and case ids survive: see ``_is_phone`` for the rule, which
frontend/src/lib/pii.ts follows too (tests/vectors/pii.json holds the cases both must agree on).
"""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, ValidationResult

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 13-19 digits, optionally grouped by spaces or dashes
CARD = re.compile(r"(?<![\w])(?:\d[ -]?){12,18}\d(?![\w])")
# a phone number's text begins with a +, a ( or the 0 that starts a run of digits: without one, the
# matcher (tens of microseconds a text) need not run
MAYBE_PHONE = re.compile(r"[+(]|(?<!\d)0")
REGION = "GB"  # numbers written without a country code are read as numbers of this region
PLACEHOLDER = {"email": "[email]", "card_number": "[card number]", "phone": "[phone]"}


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _emails(text: str):
    return (m.span() for m in EMAIL.finditer(text))


def _cards(text: str):
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            yield m.span()


def _is_phone(raw: str, number: phonenumbers.PhoneNumber) -> bool:
    """Written with a country code or an area code in brackets: a number of a possible length for
    its country (fictional and unallocated ones too). Otherwise a valid number written with its
    leading 0 (trunk or international prefix): bare digit runs (amounts, ids, dates) never are."""
    if raw[0] in "+(":
        return phonenumbers.is_possible_number_with_reason(number) == ValidationResult.IS_POSSIBLE
    return raw[0] == "0" and phonenumbers.is_valid_number(number)


def _phones(text: str):
    if not MAYBE_PHONE.search(text):
        return
    for m in PhoneNumberMatcher(text, REGION, leniency=Leniency.POSSIBLE):
        if _is_phone(m.raw_string, m.number):
            yield m.start, m.end


def mask(text: str) -> tuple[str, list[str]]:
    """``text`` with personal data replaced, and the kinds found (e.g. ``["email", "phone"]``)."""
    found: list[str] = []

    def sub(kind: str, spans, value: str) -> str:
        out, last = [], 0
        for start, end in spans(value):
            out.append(value[last:start])
            out.append(PLACEHOLDER[kind])
            last = end
            if kind not in found:
                found.append(kind)
        return "".join(out) + value[last:]

    text = sub("email", _emails, text)
    text = sub("card_number", _cards, text)  # before phones: a card number may also read as one
    text = sub("phone", _phones, text)
    return text, found


def find(text: str) -> list[str]:
    """The kinds of personal data in ``text``."""
    return mask(text)[1]
