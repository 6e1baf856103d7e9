import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import StaffFactory


@pytest.mark.parametrize("password", ["short-pass1", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


def test_long_passphrases_are_accepted() -> None:
    validate_password("a quiet ox grazes near the blue river " * 4)  # 152 characters


def test_passwords_are_stored_with_argon2id(db: None, settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = StaffFactory(email="argon@provider.test", password="a quiet ox grazes near the river")
    assert user.password.startswith("argon2$argon2id$")
    assert authenticate(email="argon@provider.test", password="a quiet ox grazes near the river") == user
    assert authenticate(email="argon@provider.test", password="wrong password entirely") is None
