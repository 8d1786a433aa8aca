"""Accounts, roles and API tokens over the ``gl_users`` / ``gl_tokens`` / ``gl_settings`` tables
(SQLAlchemy Core; no web framework here: :mod:`geo_layout.web.auth` turns these into sessions,
bearer tokens and HTTP statuses).

- Roles: ``editor`` may change the records of the plans listed for them; ``admin`` manages
  users and plans and may edit every plan. Anyone may read; that needs no account.
- Passwords are stored as argon2id hashes (argon2-cffi, memory-hard); a hash made with older
  parameters is replaced at the next good login.
- A login is refused with one message whatever the reason (unknown name, wrong password,
  disabled or locked account): :class:`LoginRefused`. An unknown name still costs one hash
  verification, so timing does not tell names apart. After ``MAX_FAILURES`` failures in a row
  the account is locked for ``LOCK_TIME``; a locked account is refused even with the right
  password.
- API tokens: the secret (``gl_<id>_<random>``) is shown once; only its SHA-256 is stored.
  Tokens may expire and be revoked; a disabled user's tokens stop working.
- ``secret_key()``: one random key kept in ``gl_settings`` so several servers on one database
  sign the same session cookies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import BadRequest, GeoLayoutError, NotFound
from .db_engine import writing
from .db_schema import settings, tokens, users

ROLES = ("editor", "admin")
MAX_NAME = 80
MIN_PASSWORD = 10
#: longer is refused: hashing a megabyte on every attempt would be a cheap way to load us
MAX_PASSWORD = 1024
MAX_FAILURES = 5
LOCK_TIME = timedelta(minutes=15)
TOKEN_PREFIX = "gl_"
SECRET_KEY_SETTING = "secret_key"


class AccountError(BadRequest):
    """An account's name, role, plans or password is not acceptable."""

    code = "invalid-account"


class UserExists(GeoLayoutError):
    status = 409
    code = "user-exists"


class UnknownUser(NotFound):
    code = "unknown-user"


class UnknownToken(NotFound):
    code = "unknown-token"


class LoginRefused(GeoLayoutError):
    """The one answer to every refused login (unknown name, wrong password, disabled or
    locked account): the message never says which."""

    status = 403
    code = "login-refused"

    def __init__(self):
        super().__init__(key="auth.refused")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    plans: tuple[str, ...] = ()
    disabled: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_edit(self, plan_id: str) -> bool:
        """Admins edit every plan; editors the plans listed for them; disabled users none."""
        if self.disabled:
            return False
        return self.role == "admin" or (self.role == "editor" and plan_id in self.plans)


@dataclass(frozen=True)
class Token:
    """A token as listed (never its secret)."""

    id: str
    user_name: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None

    def active(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    if not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME:
        raise AccountError(key="account.bad_name", max=MAX_NAME)
    if name != name.strip() or any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                                   for c in name):
        raise AccountError(key="account.bad_name", max=MAX_NAME)
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(key="account.bad_role", roles=", ".join(ROLES))
    return role


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise AccountError(key="account.short_password", n=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise AccountError(key="account.long_password", n=MAX_PASSWORD)
    return password


def _check_plans(plans) -> tuple[str, ...]:
    out = []
    for plan in plans or ():
        if not isinstance(plan, str) or not 1 <= len(plan) <= 120 or plan != plan.strip() \
                or any(unicodedata.category(c) == "Cc" for c in plan):
            raise AccountError(key="account.bad_plan")
        if plan not in out:
            out.append(plan)
    return tuple(out)


class Accounts:
    """Users and tokens of one database. ``hasher``: an argon2 ``PasswordHasher`` (the
    library's defaults unless given; tests pass cheaper parameters)."""

    def __init__(self, engine: sa.Engine, hasher: PasswordHasher | None = None):
        self.engine = engine
        self.hasher = hasher or PasswordHasher()
        self._dummy: str | None = None

    # --- users ---------------------------------------------------------------------------

    def add_user(self, name: str, password: str, role: str, plans=()) -> User:
        check_name(name)
        check_role(role)
        plans = _check_plans(plans)
        check_password(password)
        hashed = self.hasher.hash(password)
        with writing(self.engine) as conn:
            if conn.execute(sa.select(users.c.name).where(users.c.name == name)).first():
                raise UserExists(key="account.exists", name=name)
            try:
                conn.execute(users.insert().values(
                    name=name, password_hash=hashed, role=role, plans=json.dumps(list(plans)),
                    disabled=False, failed_logins=0, locked_until=None, created_at=utcnow()))
            except sa.exc.IntegrityError:  # another process added the name meanwhile
                raise UserExists(key="account.exists", name=name) from None
        return User(name, role, plans, False)

    def disable(self, name: str) -> None:
        """The user can no longer sign in, and their sessions and tokens stop working."""
        with writing(self.engine) as conn:
            done = conn.execute(users.update().where(users.c.name == name)
                                .values(disabled=True)).rowcount
        if not done:
            raise UnknownUser(key="account.unknown", name=name)

    def set_password(self, name: str, password: str) -> None:
        """A new password (also clears a lock: the admin who sets it has vouched for it).
        Existing browser sessions of the user end (see :meth:`session_stamp`)."""
        check_password(password)
        hashed = self.hasher.hash(password)
        with writing(self.engine) as conn:
            done = conn.execute(users.update().where(users.c.name == name).values(
                password_hash=hashed, failed_logins=0, locked_until=None)).rowcount
        if not done:
            raise UnknownUser(key="account.unknown", name=name)

    def user(self, name: str) -> User | None:
        """The enabled user called ``name`` (None: unknown or disabled)."""
        row = self._row(name)
        if row is None or row.disabled:
            return None
        return _user(row)

    def list_users(self) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(users).order_by(users.c.name)).all()
        return [_user(row) for row in rows]

    def session_stamp(self, name: str) -> str | None:
        """A short digest of the user's password hash (None: unknown or disabled). A session
        keeps the stamp of its login; a new password changes it and so ends the session."""
        row = self._row(name)
        if row is None or row.disabled:
            return None
        return hashlib.sha256(row.password_hash.encode("utf-8")).hexdigest()[:16]

    def _row(self, name: str):
        if not isinstance(name, str) or len(name) > MAX_NAME:
            return None
        with self.engine.connect() as conn:
            return conn.execute(sa.select(users).where(users.c.name == name)).first()

    # --- logins --------------------------------------------------------------------------

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def check_login(self, name: str, password: str, now: datetime | None = None) -> User:
        """The user, when ``name`` and ``password`` admit them now; else :class:`LoginRefused`
        (one message for every reason). Failures are counted; the ``MAX_FAILURES``-th in a row
        locks the account for ``LOCK_TIME``."""
        now = now or utcnow()
        if not isinstance(password, str) or len(password) > MAX_PASSWORD:
            password = ""
        row = self._row(name) if isinstance(name, str) else None
        if row is None:
            self._verify(self._dummy_hash(), password)  # the same work as for a real name
            raise LoginRefused()
        locked = row.locked_until is not None and _aware(row.locked_until) > now
        ok = self._verify(row.password_hash, password)
        if locked or row.disabled:
            raise LoginRefused()
        if not ok:
            self._count_failure(row.name, now)
            raise LoginRefused()
        changes = {}
        if row.failed_logins or row.locked_until is not None:
            changes.update(failed_logins=0, locked_until=None)
        if self.hasher.check_needs_rehash(row.password_hash):
            changes["password_hash"] = self.hasher.hash(password)
        if changes:
            with writing(self.engine) as conn:
                conn.execute(users.update().where(users.c.name == row.name).values(**changes))
        return _user(row)

    def _count_failure(self, name: str, now: datetime) -> None:
        with writing(self.engine) as conn:
            conn.execute(users.update().where(users.c.name == name)
                         .values(failed_logins=users.c.failed_logins + 1))
            count = conn.execute(sa.select(users.c.failed_logins)
                                 .where(users.c.name == name)).scalar_one()
            if count >= MAX_FAILURES:
                conn.execute(users.update().where(users.c.name == name)
                             .values(failed_logins=0, locked_until=now + LOCK_TIME))

    # --- tokens --------------------------------------------------------------------------

    def create_token(self, user_name: str, expires_days: int | None = None,
                     now: datetime | None = None) -> tuple[str, str]:
        """(token id, secret). The secret is returned this once; only its SHA-256 is kept."""
        now = now or utcnow()
        if expires_days is not None and (isinstance(expires_days, bool)
                                         or not isinstance(expires_days, int)
                                         or not 1 <= expires_days <= 36500):
            raise AccountError(key="account.bad_expiry")
        token_id = secrets.token_hex(8)
        secret = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        with writing(self.engine) as conn:
            row = conn.execute(sa.select(users.c.disabled)
                               .where(users.c.name == user_name)).first()
            if row is None:
                raise UnknownUser(key="account.unknown", name=user_name)
            if row.disabled:
                raise AccountError(key="account.disabled", name=user_name)
            conn.execute(tokens.insert().values(
                id=token_id, user_name=user_name, token_hash=token_hash(secret),
                created_at=now, revoked_at=None,
                expires_at=None if expires_days is None else now + timedelta(days=expires_days)))
        return token_id, secret

    def revoke_token(self, token_id: str, now: datetime | None = None) -> None:
        with writing(self.engine) as conn:
            row = conn.execute(sa.select(tokens.c.revoked_at)
                               .where(tokens.c.id == token_id)).first()
            if row is None:
                raise UnknownToken(key="account.unknown_token", id=token_id)
            if row.revoked_at is None:
                conn.execute(tokens.update().where(tokens.c.id == token_id)
                             .values(revoked_at=now or utcnow()))

    def user_for_token(self, secret: str, now: datetime | None = None) -> User | None:
        """The user a bearer secret stands for; None when it is malformed, unknown, revoked,
        expired, or its user is disabled."""
        if not isinstance(secret, str) or not secret.startswith(TOKEN_PREFIX) \
                or len(secret) > 200:
            return None
        token_id = secret[len(TOKEN_PREFIX):].split("_", 1)[0]
        now = now or utcnow()
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(tokens, users.c.role, users.c.plans, users.c.disabled)
                .join(users, users.c.name == tokens.c.user_name)
                .where(tokens.c.token_hash == token_hash(secret))).first()
        if row is None or not hmac.compare_digest(row.id, token_id):
            return None
        if row.revoked_at is not None or row.disabled:
            return None
        if row.expires_at is not None and _aware(row.expires_at) <= now:
            return None
        return User(row.user_name, row.role, tuple(json.loads(row.plans or "[]")), False)

    def list_tokens(self, user: str | None = None) -> list[Token]:
        query = sa.select(tokens).order_by(tokens.c.user_name, tokens.c.created_at)
        if user is not None:
            query = query.where(tokens.c.user_name == user)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [Token(r.id, r.user_name, _aware(r.created_at), _aware(r.expires_at),
                      _aware(r.revoked_at)) for r in rows]

    # --- the servers' shared secret --------------------------------------------------------

    def secret_key(self) -> str:
        """The key that signs session cookies: made once, then read by every server."""
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(settings.c.value)
                                 .where(settings.c.key == SECRET_KEY_SETTING)).scalar()
        if value:
            return value
        try:
            with writing(self.engine) as conn:
                value = conn.execute(sa.select(settings.c.value)
                                     .where(settings.c.key == SECRET_KEY_SETTING)).scalar()
                if not value:
                    value = secrets.token_urlsafe(48)
                    conn.execute(settings.insert().values(key=SECRET_KEY_SETTING, value=value))
        except sa.exc.IntegrityError:  # another server wrote it first: use theirs
            with self.engine.connect() as conn:
                value = conn.execute(sa.select(settings.c.value)
                                     .where(settings.c.key == SECRET_KEY_SETTING)).scalar_one()
        return value


def _user(row) -> User:
    return User(row.name, row.role, tuple(json.loads(row.plans or "[]")), bool(row.disabled))


__all__ = ["AccountError", "Accounts", "LOCK_TIME", "LoginRefused", "MAX_FAILURES",
           "MIN_PASSWORD", "ROLES", "Token", "UnknownToken", "UnknownUser", "User",
           "UserExists", "token_hash", "utcnow"]
