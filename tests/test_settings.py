from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            "STATIC_COMPRESS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "EMAIL_BACKEND",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "CAIO_ENV_FILE": "", **env},  # a developer's .env must not change these tests
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY must be set when DEBUG is off (see .env.example)"
    ]


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_bad_debug_value_is_a_configuration_error(value):
    result = run_manage("check", DEBUG=value)
    assert result.returncode != 0
    assert f"DEBUG must be one of 1/0, true/false, yes/no, on/off; got {value!r}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_database_url_is_a_configuration_error():
    result = run_manage("check", DEBUG="1", DATABASE_URL="nosuchdb://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-with-entropy-93f1c2",
    "ALLOWED_HOSTS": "example.com",
    "CSRF_TRUSTED_ORIGINS": "https://example.com",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_production_settings_pass_the_deployment_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [["check"], ["db_worker", "--batch"], ["migrate", "--check"]])
def test_production_refuses_to_start_without_a_mail_backend(command):
    # Security round 3, finding 14: the web and worker processes started and printed reset links to the log.
    without_mail = {name: value for name, value in PRODUCTION.items() if name != "EMAIL_BACKEND"}
    result = run_manage(*command, **without_mail)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: EMAIL_BACKEND must be set when DEBUG is off: the console would print working "
        "links to the log (see .env.example)"
    ]


def test_production_refuses_the_console_mail_backend():
    result = run_manage(
        "check", **PRODUCTION | {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
    assert result.returncode != 0
    assert "EMAIL_BACKEND must send mail when DEBUG is off, not print it" in result.stderr


def test_the_web_process_refuses_to_start_without_a_mail_backend():
    code = "import caio.wsgi"
    without_mail = {name: value for name, value in PRODUCTION.items() if name != "EMAIL_BACKEND"}
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "EMAIL_BACKEND"}}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**base, "CAIO_ENV_FILE": "", **without_mail},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0 and "EMAIL_BACKEND must be set when DEBUG is off" in result.stderr


def test_debug_on_works_without_a_secret_key():
    result = run_manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_sqlite_named_by_database_url_keeps_wal_and_immediate_transactions(tmp_path):
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS'];"
        "print(o['transaction_mode'], 'journal_mode=WAL' in o['init_command'], o['timeout'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "caio.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["IMMEDIATE", "True", "20"], result.stderr


def test_the_readmes_assess_example_runs_with_the_development_env_file_and_no_secret_key(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# written by make run\nDEBUG=1\nSECRET_KEY=dev-key-from-the-env-file-0123456789abcdefghijklmnop\n"
    )
    result = run_manage("assess", "examples/northwind.json", "--format", "text", CAIO_ENV_FILE=str(env_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("CAIO Advisor: Northwind Logistics\nRecommendation:")


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\n")
    result = run_manage("check", DEBUG="0", CAIO_ENV_FILE=str(env_file))
    assert result.returncode != 0 and "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_malformed_env_file_is_a_one_line_error(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG\n")
    result = run_manage("check", CAIO_ENV_FILE=str(env_file))
    assert result.returncode != 0 and ".env line 1: expected NAME=value, got 'DEBUG'" in result.stderr


def test_every_command_line_example_in_the_readme_runs_as_written(tmp_path):
    """The README's `assess` and `render_report` lines, run from a fresh shell with the development .env."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## How it decides", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.startswith(".venv/bin/python manage.py")]
    assert len(commands) == 6
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\nSECRET_KEY=dev-key-from-the-env-file-0123456789abcdefghijklmnop\n")
    for command in commands:
        shell = command.replace(".venv/bin/python", sys.executable).replace(
            "results.jsonl", str(tmp_path / "r.jsonl")
        )
        shell = shell.replace("-o st-brigid.pdf", f"-o {tmp_path / 'st-brigid.pdf'}")
        shell = shell.replace("-o northwind-de.pdf", f"-o {tmp_path / 'northwind-de.pdf'}")
        env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
        result = subprocess.run(
            shell, shell=True, cwd=ROOT, env={**env, "CAIO_ENV_FILE": str(env_file)}, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stderr)
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 3
    assert (tmp_path / "st-brigid.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "northwind-de.pdf").read_bytes().startswith(b"%PDF")
