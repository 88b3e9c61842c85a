"""Password hashing with argon2id, at the cost ``MPV_PASSWORD_*`` sets.

The default is OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): about 25 ms of one
core here, where argon2-cffi's RFC 9106 profile (64 MiB, 3 passes, 4 lanes) took 95–150 ms and
made logins the first thing to queue when many people arrive at once. A stored hash made with
other figures still verifies, and ``needs_rehash`` tells the login to redo it.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from mpv_app.settings import get_settings


@lru_cache(maxsize=4)
def _hasher_for(memory_kib: int, time_cost: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)


def _hasher() -> PasswordHasher:
    settings = get_settings()
    return _hasher_for(settings.password_memory_kib, settings.password_time_cost)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return False  # "!" (no password yet) is not a hash to redo


@lru_cache(maxsize=4)
def _dummy_hash(memory_kib: int, time_cost: int) -> str:
    return _hasher_for(memory_kib, time_cost).hash("not-a-real-password")


def burn_verification_time(password: str) -> None:
    """Spend one verification on an unknown account, so timing does not reveal which exist."""
    settings = get_settings()
    dummy = _dummy_hash(settings.password_memory_kib, settings.password_time_cost)
    verify_password(dummy, password)
