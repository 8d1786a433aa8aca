"""``geo-layout users …`` and ``geo-layout tokens …``: the first admin from the command line,
passwords only on stdin, tokens printed once."""

from __future__ import annotations

import sqlalchemy as sa
from click.testing import CliRunner

from geo_layout.cli import main
from geo_layout.data import db_engine
from geo_layout.data.accounts import Accounts
from geo_layout.data.db_schema import tokens, users

PASSWORD = "correct horse battery"


def _run(db, *args, stdin=None):
    result = CliRunner().invoke(main, [*args, "--database", str(db)], input=stdin)
    return result


def test_the_first_admin_on_a_fresh_database(tmp_path):
    db = tmp_path / "fresh" / "geo-layout.gpkg"
    result = _run(db, "users", "add", "ana", "--role", "admin", "--password-stdin",
                  stdin=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "added admin: ana" in result.stdout
    engine = db_engine.open_engine(db)
    assert Accounts(engine).check_login("ana", PASSWORD).role == "admin"
    with engine.connect() as conn:
        assert conn.execute(sa.select(users.c.password_hash)).scalar_one().startswith(
            "$argon2id$")
    listed = _run(db, "users", "list")
    assert listed.stdout == "ana\tadmin\t*\tactive\n"


def test_the_password_comes_only_from_stdin(tmp_path):
    db = tmp_path / "t.gpkg"
    no_flag = _run(db, "users", "add", "ana", "--role", "admin", stdin=PASSWORD + "\n")
    assert no_flag.exit_code == 2 and "--password-stdin" in no_flag.output
    as_argument = _run(db, "users", "add", "ana", "--role", "admin", "--password", PASSWORD)
    assert as_argument.exit_code == 2
    assert _run(db, "users", "list").stdout == ""


def test_editors_with_plans_and_refusals(tmp_path):
    db = tmp_path / "t.gpkg"
    ok = _run(db, "users", "add", "ed", "--role", "editor", "--plan", "a", "--plan", "b",
              "--password-stdin", stdin=PASSWORD + "\n")
    assert ok.exit_code == 0 and "added editor of a, b: ed" in ok.stdout
    for args, stdin, words in [
        (("users", "add", "ed", "--role", "editor", "--password-stdin"), PASSWORD, "exists"),
        (("users", "add", "x", "--role", "editor", "--password-stdin"), "short\n",
         "at least 10"),
        (("users", "add", "x", "--role", "editor", "--password-stdin"), "", "at least 10"),
        (("users", "add", "a\tb", "--role", "editor", "--password-stdin"), PASSWORD,
         "user name"),
        (("users", "disable", "nobody"), None, "no user 'nobody'"),
        (("users", "passwd", "nobody", "--password-stdin"), PASSWORD, "no user 'nobody'"),
        (("tokens", "create", "--user", "nobody"), None, "no user 'nobody'"),
        (("tokens", "revoke", "nope"), None, "no token 'nope'"),
    ]:
        result = _run(db, *args, stdin=stdin)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("error: ") and words in result.stderr, result.stderr
        assert "Traceback" not in result.output
    bad_role = _run(db, "users", "add", "x", "--role", "root", "--password-stdin", stdin=PASSWORD)
    assert bad_role.exit_code == 2
    assert _run(db, "users", "list").stdout == "ed\teditor\ta,b\tactive\n"


def test_passwd_and_disable(tmp_path):
    db = tmp_path / "t.gpkg"
    _run(db, "users", "add", "ed", "--role", "editor", "--password-stdin", stdin=PASSWORD)
    result = _run(db, "users", "passwd", "ed", "--password-stdin",
                  stdin="a brand new password\nignored second line\n")
    assert result.exit_code == 0 and "password changed: ed" in result.stdout
    accounts = Accounts(db_engine.open_engine(db))
    assert accounts.check_login("ed", "a brand new password").name == "ed"
    assert _run(db, "users", "disable", "ed").exit_code == 0
    assert accounts.user("ed") is None
    assert _run(db, "users", "list").stdout == "ed\teditor\t-\tdisabled\n"


def test_tokens_are_printed_once_and_stored_hashed(tmp_path):
    db = tmp_path / "t.gpkg"
    _run(db, "users", "add", "ed", "--role", "editor", "--plan", "a", "--password-stdin",
         stdin=PASSWORD)
    created = _run(db, "tokens", "create", "--user", "ed", "--expires", "30")
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()
    assert secret.startswith("gl_") and "\n" not in secret
    token_id = secret.split("_")[1]
    assert f"token {token_id} for ed, expires 20" in created.stderr
    accounts = Accounts(db_engine.open_engine(db))
    assert accounts.user_for_token(secret).name == "ed"
    engine = db_engine.open_engine(db)
    with engine.connect() as conn:
        row = conn.execute(sa.select(tokens)).one()
    assert secret not in tuple(str(v) for v in row)
    listed = _run(db, "tokens", "list")
    assert listed.stdout.startswith(f"{token_id}\ted\t") and listed.stdout.endswith("\tactive\n")
    assert secret not in listed.output
    assert _run(db, "tokens", "revoke", token_id).exit_code == 0
    assert accounts.user_for_token(secret) is None
    line = _run(db, "tokens", "list", "--user", "ed").stdout.rstrip("\n").split("\t")
    assert line[0] == token_id and line[3].startswith("20") and line[4] == "revoked"
    never = _run(db, "tokens", "create", "--user", "ed")
    assert "expires never" in never.stderr
    assert _run(db, "tokens", "create", "--user", "ed", "--expires", "0").exit_code == 2


def test_the_database_defaults_to_the_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.gpkg"
    monkeypatch.setenv("GEO_LAYOUT_DATABASE_URL", str(db))
    result = CliRunner().invoke(main, ["users", "add", "ana", "--role", "admin",
                                       "--password-stdin"], input=PASSWORD)
    assert result.exit_code == 0, result.output
    assert db.is_file()
