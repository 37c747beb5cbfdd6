"""Backups restore into a fresh database and media folder that serve the same portal."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import connection

from wagtail.documents.models import Document

import psycopg
import pytest

from hlp_site.models import HomePage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).absolute().parents[2]
OPS = ROOT / "ops"
PDF = b"%PDF-1.4\n% circular of the Local Government Division\n%%EOF\n"
INTRO = "ইউনিয়ন পরিষদগুলো একে অপরের কাছ থেকে শেখে — পুনরুদ্ধার পরীক্ষা"


def database_url(name):
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name}"
    )


def run(command, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        # The restored portal is checked on its own: database and media only.
        if key not in {"ELASTICSEARCH_URL", "CELERY_BROKER_URL", "REDIS_URL", "DATABASE_URL"}
    }
    environment.update({key: str(value) for key, value in env.items()})
    return subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table_counts(url):
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables
        }


def drop_database(name):
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def portal_with_content(base_data, settings, tmp_path, django_user_model):
    settings.MEDIA_ROOT = tmp_path / "media"
    django_user_model.objects.create_user("backup-editor", password="x-pass-12345")
    document = Document.objects.create(
        title="পরিপত্র", file=ContentFile(PDF, name="udcc-circular.pdf")
    )
    home = HomePage.objects.get()
    home.intro_bn = f"<p>{INTRO}</p>"
    home.save_revision().publish()
    return document


@pytest.fixture
def fresh_database():
    name = f"hlp_restore_{uuid.uuid4().hex[:12]}"
    yield name
    drop_database(name)


def backup(tmp_path, media_root):
    result = run(
        [OPS / "backup.sh", tmp_path / "backups"],
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        MEDIA_ROOT=media_root,
    )
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip().splitlines()[-1])


def test_backup_restores_into_a_fresh_database_that_serves_the_same_portal(
    portal_with_content, fresh_database, settings, tmp_path
):
    document = portal_with_content
    source_counts = table_counts(database_url(connection.settings_dict["NAME"]))
    archive = backup(tmp_path, settings.MEDIA_ROOT)
    assert sorted(path.name for path in archive.iterdir()) == [
        "MANIFEST",
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]

    restored_url = database_url(fresh_database)
    restored_media = tmp_path / "restored" / "media"
    result = run(
        [OPS / "restore.sh", "--create-database", archive],
        DATABASE_URL=restored_url,
        MEDIA_ROOT=restored_media,
    )
    assert result.returncode == 0, result.stderr

    assert table_counts(restored_url) == source_counts
    assert source_counts["auth_user"] >= 1
    assert source_counts["places_area"] > 5000
    assert (restored_media / document.file.name).read_bytes() == PDF

    smoke = run(
        [OPS / "smoke.sh"],
        DATABASE_URL=restored_url,
        MEDIA_ROOT=restored_media,
        HLP_PYTHON=sys.executable,
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke: GET / -> 200" in smoke.stdout

    # The restored portal shows the restored content and serves the restored file.
    page = run(
        [
            ROOT / ".venv/bin/python",
            "manage.py",
            "shell",
            "-c",
            "from django.test import Client\n"
            "client = Client(headers={'host': 'localhost'})\n"
            "print(client.get('/').text)\n"
            f"file = client.get('{document.url}')\n"
            "print('DOCUMENT', file.status_code, b''.join(file.streaming_content).decode())\n",
        ],
        DATABASE_URL=restored_url,
        MEDIA_ROOT=restored_media,
        DJANGO_SETTINGS_MODULE="hlp_site.settings.dev",
    )
    assert page.returncode == 0, page.stderr
    assert INTRO in page.stdout
    assert f"DOCUMENT 200 {PDF.decode()}" in page.stdout


def test_restore_refuses_a_database_that_already_has_tables(
    portal_with_content, settings, tmp_path
):
    archive = backup(tmp_path, settings.MEDIA_ROOT)
    before = table_counts(database_url(connection.settings_dict["NAME"]))
    result = run(
        [OPS / "restore.sh", archive],
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        MEDIA_ROOT=tmp_path / "unused-media",
    )
    assert result.returncode != 0
    assert "restore into a fresh database" in result.stderr
    assert table_counts(database_url(connection.settings_dict["NAME"])) == before


def test_restore_refuses_a_damaged_backup_and_writes_nothing(
    portal_with_content, fresh_database, settings, tmp_path
):
    archive = backup(tmp_path, settings.MEDIA_ROOT)
    dump = archive / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    result = run(
        [OPS / "restore.sh", "--create-database", archive],
        DATABASE_URL=database_url(fresh_database),
        MEDIA_ROOT=tmp_path / "restored-media",
    )
    assert result.returncode != 0
    assert "checksums do not match" in result.stderr
    assert not (tmp_path / "restored-media").exists()
    with psycopg.connect(database_url("postgres")) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [fresh_database]
        ).fetchone()
    assert exists is None
