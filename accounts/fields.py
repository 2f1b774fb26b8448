from __future__ import annotations

from django.db import models

from accounts import crypto


class EncryptedCharField(models.TextField):
    """A text column that only ever holds Fernet ciphertext.

    Python code sees the plain value; SQL sees ciphertext. Not searchable: pair it
    with a blind-index column for lookups.
    """

    description = "Encrypted text"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))
