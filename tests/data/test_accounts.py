"""Accounts, logins and API tokens (geo_layout/data/accounts.py): refusals as carefully as
successes."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from geo_layout.data import db_engine
from geo_layout.data.accounts import (LOCK_TIME, MAX_FAILURES, AccountError, Accounts,
                                      LoginRefused, UnknownToken, UnknownUser, User, UserExists,
                                      token_hash, utcnow)
from geo_layout.data.db_schema import settings, tokens, users
from geo_layout.errors import GeoLayoutError

PASSWORD = "correct horse battery"
#: argon2id with small costs: the tests verify many passwords
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture()
def db(tmp_path):
    engine = db_engine.open_engine(tmp_path / "t.gpkg")
    db_engine.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture()
def accounts(db):
    return Accounts(db, hasher=CHEAP)


def _row(engine, name):
    with engine.connect() as conn:
        return conn.execute(sa.select(users).where(users.c.name == name)).first()


# --- users -------------------------------------------------------------------------------

def test_a_user_is_stored_with_an_argon2id_hash_only(accounts, db, tmp_path):
    user = accounts.add_user("ana", PASSWORD, "editor", ["yunnan"])
    assert user == User("ana", "editor", ("yunnan",), False)
    row = _row(db, "ana")
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    db_engine.checkpoint(db)
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert PASSWORD.encode() not in data


def test_the_default_hasher_is_argon2id(db):
    accounts = Accounts(db)
    accounts.add_user("dflt", PASSWORD, "admin")
    assert _row(db, "dflt").password_hash.startswith("$argon2id$")
    assert accounts.check_login("dflt", PASSWORD).name == "dflt"


@pytest.mark.parametrize("name", ["", "x" * 81, " ana", "ana ", "a\nb", "a\x00b", "a\u202eb",
                                  None, 5])
def test_bad_names_are_refused(accounts, name):
    with pytest.raises(AccountError) as err:
        accounts.add_user(name, PASSWORD, "editor")
    assert err.value.status == 400


def test_names_may_be_any_printable_text(accounts):
    for name in ("张三", "<b>x</b>&\"'", "x" * 80):
        accounts.add_user(name, PASSWORD, "editor")
    assert {u.name for u in accounts.list_users()} == {"张三", "<b>x</b>&\"'", "x" * 80}


@pytest.mark.parametrize("role", ["", "root", "Admin", "reader", None])
def test_bad_roles_are_refused(accounts, role):
    with pytest.raises(AccountError):
        accounts.add_user("ana", PASSWORD, role)


@pytest.mark.parametrize("password", ["", "short", "123456789", None, "x" * 1025])
def test_bad_passwords_are_refused(accounts, password):
    with pytest.raises(AccountError):
        accounts.add_user("ana", password, "editor")
    assert accounts.list_users() == []


def test_a_duplicate_name_is_a_409(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    with pytest.raises(UserExists) as err:
        accounts.add_user("ana", PASSWORD + "!", "admin")
    assert err.value.status == 409
    assert "ana" in err.value.text("zh") and "ana" in err.value.description


def test_roles_and_plans(accounts):
    editor = accounts.add_user("ed", PASSWORD, "editor", ["a", "b", "a"])
    admin = accounts.add_user("root", PASSWORD, "admin")
    assert editor.plans == ("a", "b")
    assert editor.may_edit("a") and editor.may_edit("b") and not editor.may_edit("c")
    assert admin.may_edit("a") and admin.may_edit("anything")
    assert not User("gone", "admin", (), True).may_edit("a")
    assert not User("odd", "reader", ("a",)).may_edit("a")


def test_unknown_users_cannot_be_disabled_or_reset(accounts):
    with pytest.raises(UnknownUser) as err:
        accounts.disable("nobody")
    assert err.value.status == 404
    with pytest.raises(UnknownUser):
        accounts.set_password("nobody", PASSWORD)


# --- logins ------------------------------------------------------------------------------

def _refusal(accounts, name, password, now=None) -> GeoLayoutError:
    with pytest.raises(LoginRefused) as err:
        accounts.check_login(name, password, now=now)
    return err.value


def test_a_good_login(accounts):
    accounts.add_user("ana", PASSWORD, "editor", ["a"])
    assert accounts.check_login("ana", PASSWORD) == User("ana", "editor", ("a",), False)


def test_every_refusal_looks_the_same(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    accounts.add_user("off", PASSWORD, "editor")
    accounts.disable("off")
    refusals = [_refusal(accounts, "ana", "wrong password"),
                _refusal(accounts, "nobody", PASSWORD),
                _refusal(accounts, "off", PASSWORD),
                _refusal(accounts, "", ""),
                _refusal(accounts, "x" * 500, PASSWORD),
                _refusal(accounts, "ana", None)]
    assert {(e.status, e.code, e.description, e.text("zh")) for e in refusals} == {
        (403, "login-refused", refusals[0].description, refusals[0].text("zh"))}
    assert "Wrong name or password" in refusals[0].description


def test_an_unknown_name_still_costs_a_hash(accounts, monkeypatch):
    calls = []
    real = accounts._verify
    monkeypatch.setattr(accounts, "_verify", lambda h, p: calls.append(h) or real(h, p))
    _refusal(accounts, "nobody", PASSWORD)
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")


def test_five_failures_lock_the_account_for_a_while(accounts, db):
    accounts.add_user("ana", PASSWORD, "editor")
    start = utcnow()
    for i in range(MAX_FAILURES - 1):
        _refusal(accounts, "ana", "wrong password", now=start)
    assert _row(db, "ana").failed_logins == MAX_FAILURES - 1
    assert accounts.check_login("ana", PASSWORD, now=start).name == "ana"  # resets the count
    assert _row(db, "ana").failed_logins == 0
    for i in range(MAX_FAILURES):
        _refusal(accounts, "ana", "wrong password", now=start)
    # locked: the right password is refused too, with the same message
    locked = _refusal(accounts, "ana", PASSWORD, now=start + timedelta(minutes=1))
    assert locked.description == _refusal(accounts, "nobody", PASSWORD).description
    _refusal(accounts, "ana", PASSWORD, now=start + LOCK_TIME - timedelta(seconds=1))
    # the lock ends by itself
    assert accounts.check_login("ana", PASSWORD, now=start + LOCK_TIME + timedelta(seconds=1))
    row = _row(db, "ana")
    assert row.failed_logins == 0 and row.locked_until is None


def test_failures_while_locked_do_not_extend_the_lock(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    start = utcnow()
    for _ in range(MAX_FAILURES):
        _refusal(accounts, "ana", "wrong password", now=start)
    for _ in range(20):
        _refusal(accounts, "ana", "wrong password", now=start + timedelta(minutes=10))
    assert accounts.check_login("ana", PASSWORD, now=start + LOCK_TIME + timedelta(seconds=1))


def test_a_new_password_replaces_the_old_and_unlocks(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    for _ in range(MAX_FAILURES):
        _refusal(accounts, "ana", "wrong password")
    stamp = accounts.session_stamp("ana")
    accounts.set_password("ana", "another good password")
    assert accounts.session_stamp("ana") != stamp
    _refusal(accounts, "ana", PASSWORD)
    assert accounts.check_login("ana", "another good password").name == "ana"
    with pytest.raises(AccountError):
        accounts.set_password("ana", "short")


def test_a_disabled_user_is_refused_and_gone(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    accounts.disable("ana")
    _refusal(accounts, "ana", PASSWORD)
    assert accounts.user("ana") is None
    assert accounts.session_stamp("ana") is None
    assert accounts.list_users()[0].disabled


def test_an_outdated_hash_is_replaced_at_login(db):
    old = Accounts(db, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    old.add_user("ana", PASSWORD, "editor")
    before = _row(db, "ana").password_hash
    new = Accounts(db, hasher=PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    assert new.check_login("ana", PASSWORD).name == "ana"
    after = _row(db, "ana").password_hash
    assert after != before and after.startswith("$argon2id$v=19$m=2048,t=2")


# --- tokens ------------------------------------------------------------------------------

def test_a_token_is_stored_hashed_and_stands_for_its_user(accounts, db, tmp_path):
    accounts.add_user("ana", PASSWORD, "editor", ["a"])
    token_id, secret = accounts.create_token("ana")
    assert secret.startswith(f"gl_{token_id}_") and len(secret) > 40
    assert accounts.user_for_token(secret) == User("ana", "editor", ("a",), False)
    with db.connect() as conn:
        row = conn.execute(sa.select(tokens)).one()
    assert row.token_hash == token_hash(secret) and secret not in row.token_hash
    db_engine.checkpoint(db)
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert secret.encode() not in data
    listed = accounts.list_tokens()
    assert [(t.id, t.user_name, t.expires_at, t.revoked_at) for t in listed] == [
        (token_id, "ana", None, None)]
    assert accounts.list_tokens(user="other") == []


def test_tokens_expire(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    start = utcnow()
    token_id, secret = accounts.create_token("ana", expires_days=2, now=start)
    assert accounts.user_for_token(secret, now=start + timedelta(days=1)).name == "ana"
    assert accounts.user_for_token(secret, now=start + timedelta(days=2)) is None
    token = accounts.list_tokens()[0]
    assert token.expires_at == start + timedelta(days=2)
    assert not token.active(start + timedelta(days=3)) and token.active(start)


@pytest.mark.parametrize("days", [0, -1, 36501, 1.5, "3", True])
def test_bad_expiries_are_refused(accounts, days):
    accounts.add_user("ana", PASSWORD, "editor")
    with pytest.raises(AccountError):
        accounts.create_token("ana", expires_days=days)


def test_revoked_tokens_and_disabled_users_stop_working(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    accounts.add_user("bob", PASSWORD, "admin")
    id_a, secret_a = accounts.create_token("ana")
    _, secret_b = accounts.create_token("bob")
    accounts.revoke_token(id_a)
    accounts.revoke_token(id_a)  # twice is fine
    assert accounts.user_for_token(secret_a) is None
    assert accounts.list_tokens(user="ana")[0].revoked_at is not None
    accounts.disable("bob")
    assert accounts.user_for_token(secret_b) is None
    with pytest.raises(UnknownToken) as err:
        accounts.revoke_token("nope")
    assert err.value.status == 404


def test_tokens_need_a_known_enabled_user(accounts):
    with pytest.raises(UnknownUser):
        accounts.create_token("nobody")
    accounts.add_user("ana", PASSWORD, "editor")
    accounts.disable("ana")
    with pytest.raises(AccountError):
        accounts.create_token("ana")


def test_garbage_secrets_stand_for_nobody(accounts):
    accounts.add_user("ana", PASSWORD, "editor")
    token_id, secret = accounts.create_token("ana")
    other_id, _ = accounts.create_token("ana")
    for garbage in ["", "gl_", secret + "x", secret[:-1], token_id, token_hash(secret),
                    secret.replace(token_id, other_id), "gl_" + "a" * 300, None, 42,
                    "Bearer " + secret]:
        assert accounts.user_for_token(garbage) is None, garbage


# --- the shared session key --------------------------------------------------------------

def test_the_secret_key_is_made_once_and_shared(db):
    first = Accounts(db).secret_key()
    assert len(first) >= 40
    assert Accounts(db).secret_key() == first
    with db.connect() as conn:
        assert conn.execute(sa.select(settings.c.value)
                            .where(settings.c.key == "secret_key")).scalar_one() == first


def test_the_secret_key_race_has_one_winner(tmp_path):
    url = tmp_path / "race.gpkg"
    db_engine.upgrade(db_engine.open_engine(url))
    keys, barrier = [], threading.Barrier(4)

    def server():
        engine = db_engine.open_engine(url)
        barrier.wait()
        keys.append(Accounts(engine).secret_key())
        engine.dispose()

    threads = [threading.Thread(target=server) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(keys) == 4 and len(set(keys)) == 1
