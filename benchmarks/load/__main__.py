"""Load test: 100 visitors for 60 s against gunicorn with the production settings, with the
page cache on and then off.

    python -m benchmarks.load    (or `make load`; needs `apt-get install wrk nginx`)

Builds a throwaway portal on loopback only: a new PostgreSQL database `hlp_load_…` on the server
of DATABASE_URL (default postgres://hlp:hlp@127.0.0.1:5432), the demo content and the accounts
of the signed-in visitors (build.py), an Elasticsearch index under its own prefix
(ELASTICSEARCH_URL, default http://127.0.0.1:9200; when it is empty or does not answer, search
runs on PostgreSQL and the output says so) and a private Redis server for cache, sessions and
broker. Then, twice, with PAGE_CACHE_SECONDS=300 and with PAGE_CACHE_SECONDS=0, it serves the
portal with gunicorn behind nginx, as it is deployed (new ports each time, and a control socket
of gunicorn's own), reads every address of the mix once, and sends it the same visitors for the
same time with wrk, a load generator written in C. At the end it removes everything it created.

The visitors (visitors.lua): 80 % read public pages without signing in (home, practices, search,
dashboard, open data API, in Bangla and English); 20 % are UP editors and NILG curators, signed
in once before the run through the sign-in form, reading the home page, the catalogue, their own
union's practices and others, the workshops and their "my work" page. Each visitor reads for
0.5 to 2 s between pages. The two groups are two wrk processes running side by side, so each
has its own latency figures. Every process runs where the system puts it: wrk, written in C,
uses under 2 % of a core, so keeping a core for it would halve what a two-core server has.
With LOAD_PIN=1 (and two cores or more) gunicorn and nginx run on the first core and wrk on the
second (`taskset`). The output says which, with the share of a core gunicorn, nginx and wrk
used, how long gunicorn waited for a core, and the load average at the start and end of each
phase: on a busy machine the figures move with its load.

Prints, per phase and group, requests/s, p50/p95/p99, errors (a socket error, a status outside
2xx/3xx, or a signed-in visitor sent to the sign-in page) and page-cache hits, then how many
times better the page cache makes the p95 and requests/s. Exits 1 when, with the cache on, the
anonymous p95 is above 300 ms or the signed-in p95 above 500 ms, or when any request of either
phase failed.

Knobs: LOAD_USERS (100), LOAD_SIGNED_IN_SHARE (0.2), LOAD_SECONDS (60), LOAD_WORKERS
(gunicorn workers, 4), LOAD_THINK_MS (500-2000), LOAD_P95_TARGET_MS (300),
LOAD_SIGNED_IN_P95_TARGET_MS (500), LOAD_PIN (0; 1 pins them as above),
LOAD_REGISTRY_PERSONS (2,000), LOAD_EDITORS (3) and LOAD_CURATORS (1) (see build.py).

Last measured at 648a6a3 on 2 cores, starting on a quiet machine (load average 1.4; the run
itself raises it to 4), search on Elasticsearch: with the cache, anonymous p50 6 ms / p95 73 ms,
signed-in p95 178 ms, 77.4 requests/s in all, 0 errors; without, p95 1,137 / 1,184 ms, 49.6
requests/s (15.6 / 6.7 times better, 1.56× the requests/s); wrk used 1.8 % of a core. Pinned
(LOAD_PIN=1), gunicorn on one core, the same run missed: p95 493 / 634 ms with the cache. The
README's "Operating" table keeps them.
"""

import contextlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Databases the load test must never create or drop: the portal's and the developers' own.
RESERVED_DATABASES = {"hlp", "hlp_mine", "postgres", "template0", "template1"}

USERS = int(os.environ.get("LOAD_USERS", "100"))
SIGNED_IN_SHARE = float(os.environ.get("LOAD_SIGNED_IN_SHARE", "0.2"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
THINK_MS = [int(n) for n in os.environ.get("LOAD_THINK_MS", "500-2000").split("-")][:2]
P95_TARGET_MS = float(os.environ.get("LOAD_P95_TARGET_MS", "300"))
SIGNED_IN_P95_TARGET_MS = float(os.environ.get("LOAD_SIGNED_IN_P95_TARGET_MS", "500"))
PIN = os.environ.get("LOAD_PIN", "0") == "1"
PHASES = (("cache on", 300), ("cache off", 0))

# What a visitor reads, by weight: the locust scenario's mix before it, for visitors who are
# not signed in; editors and curators mostly read their own union's practices and their work.
ANONYMOUS_MIX = {"home": 3, "practice_lists": 3, "practices": 4, "search": 3, "dashboards": 2,
                 "api": 2}  # fmt: skip
SIGNED_IN_MIX = {"home": 2, "practice_lists": 2, "own_practices": 3, "practices": 1,
                 "workshops": 2, "my_work": 2}  # fmt: skip
TERMS = ["আর্সেনিক", "উন্মুক্ত বাজেট", "ইউনিয়ন পরিষদের", "প্রতিবন্ধী", "নারী", "UDCC", "arsenic",
         "disability", "২০১৯", "পানি নলকূপ"]  # fmt: skip
LINES_PER_VISITOR = 500
# The reverse proxy in front of gunicorn, as in a deployment: it keeps the visitors'
# connections and hands gunicorn each request whole, and the answer back.
NGINX_CONF = """{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    keepalive_timeout 75s;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


def say(message):
    print(f"[load] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def loopback_only(url, what):
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"{what} must be on loopback for the load test, not {host!r}")
    return url


def responds(url):
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status < 500
    except (urllib.error.URLError, OSError):
        return False


def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise SystemExit(f"{what} did not come up within {seconds} s")


def cores():
    """(server core, generator core) when they can be kept apart, otherwise (None, None)."""
    available = sorted(os.sched_getaffinity(0))
    if PIN and len(available) >= 2 and shutil.which("taskset"):
        return available[0], available[1]
    return None, None


def pinned(command, core):
    return command if core is None else [shutil.which("taskset"), "-c", str(core), *command]


def server_time(root):
    """(CPU seconds used, seconds spent waiting for a CPU) so far by a process and its children
    (gunicorn's master and workers), from the scheduler's figures of each of their threads."""
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        if int(entry.name) == root or int(text[text.rindex(")") + 2 :].split()[1]) == root:
            pids.append(entry.name)
    used = waited = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for task in os.scandir(f"/proc/{pid}/task"):
                running, waiting, _slices = Path(task.path, "schedstat").read_text().split()
                used += int(running)
                waited += int(waiting)
    return used / 1e9, waited / 1e9


def revision():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no").strip()
    return f"{commit} (with uncommitted changes)" if changed else commit


class Stack:
    """Everything the run creates, removed again in `close()` whatever happened."""

    def __init__(self):
        self.tag = f"{os.getpid()}{secrets.token_hex(2)}"
        self.work = Path(tempfile.mkdtemp(prefix="hlp-load-"))
        server = os.environ.get("DATABASE_URL", "")
        if not server.startswith(("postgres://", "postgresql://")):
            server = "postgres://hlp:hlp@127.0.0.1:5432/hlp"
        parts = urlsplit(loopback_only(server, "PostgreSQL"))
        self.database = f"hlp_load_{self.tag}"
        assert self.database not in RESERVED_DATABASES
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.database_url = urlunsplit(parts._replace(path=f"/{self.database}"))
        self.elasticsearch = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
        if not self.elasticsearch:
            say("ELASTICSEARCH_URL is empty: search uses PostgreSQL")
        elif not responds(
            loopback_only(self.elasticsearch, "Elasticsearch").rstrip("/") + "/_cluster/health"
        ):
            say(f"Elasticsearch does not answer at {self.elasticsearch}: search uses PostgreSQL")
            self.elasticsearch = ""
        self.index_prefix = f"hlp-load-{self.tag}"
        self.password = secrets.token_urlsafe(18)
        self.created_database = False
        self.redis = None
        self.redis_port = free_port()
        self.gunicorn = None
        self.nginx = None
        self.port = None

    def environment(self, served=False, cache_seconds=None):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "ELASTICSEARCH_URL", "CELERY_BROKER_URL", "REDIS_URL"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="hlp_site.settings.production",
            SECRET_KEY=self.secret("secret-key"),
            REGISTRY_ID_KEY=self.secret("registry-id-key"),
            REGISTRY_ENCRYPTION_KEY=self.secret("registry-encryption-key"),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # nginx stands in front of gunicorn, as in production.
            TRUSTED_PROXY_COUNT="1",
            # Plain HTTP on loopback: no TLS in front of gunicorn here.
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=self.database_url,
            STATIC_ROOT=str(self.work / "static"),
            MEDIA_ROOT=str(self.work / "media"),
            SEARCH_INDEX_PREFIX=self.index_prefix,
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/1",
            LOG_LEVEL="WARNING",
        )
        if self.elasticsearch:
            env["ELASTICSEARCH_URL"] = self.elasticsearch
        # Building the demo runs its tasks inline; the served portal has a real broker.
        if served:
            env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
        if cache_seconds is not None:
            env["PAGE_CACHE_SECONDS"] = str(cache_seconds)
        return env

    def secret(self, name):
        if not hasattr(self, "_secrets"):
            self._secrets = {}
        return self._secrets.setdefault(name, secrets.token_urlsafe(48))

    def run(self, args, what, timeout, env=None):
        result = subprocess.run(
            [PYTHON, *args],
            cwd=ROOT,
            env=env or self.environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise SystemExit(f"{what} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def build(self):
        import psycopg

        started = time.monotonic()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')
        self.created_database = True
        self.redis = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--bind", "127.0.0.1",
             "--port", str(self.redis_port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.run(["manage.py", "migrate", "--noinput"], "manage.py migrate", 1800)
        self.run(
            ["-m", "benchmarks.load.build"],
            "loading the demo",
            3600,
            env=dict(self.environment(), LOAD_PASSWORD=self.password),
        )
        self.run(["manage.py", "collectstatic", "--noinput"], "manage.py collectstatic", 1800)
        urls = self.run(["-m", "benchmarks.load.urls"], "listing the demo URLs", 300)
        (self.work / "urls.json").write_text(urls, encoding="utf-8")
        say(f"portal built in {time.monotonic() - started:.0f} s (database {self.database})")
        return json.loads(urls)

    def serve(self, cache_seconds, core):
        """gunicorn behind nginx, as the portal is deployed, each on new ports. nginx buffers
        every request before gunicorn sees it: without it a sync worker would wait on each
        connection a visitor has opened but not yet sent anything on, as wrk does while a
        visitor reads. gunicorn gets a control socket of its own (two gunicorns of this version
        would otherwise share ~/.gunicorn/gunicorn.ctl)."""
        upstream, self.port = free_port(), free_port()
        log = open(self.work / f"gunicorn-{upstream}.log", "wb")  # noqa: SIM115 (the child keeps it)
        command = [
            PYTHON, "-m", "gunicorn", "hlp_site.wsgi", "--bind", f"127.0.0.1:{upstream}",
            "--workers", str(WORKERS), "--timeout", "30", "--graceful-timeout", "5",
            "--control-socket", str(self.work / f"gunicorn-{upstream}.ctl"),
        ]  # fmt: skip
        self.gunicorn = subprocess.Popen(
            pinned(command, core),
            cwd=ROOT,
            env=self.environment(served=True, cache_seconds=cache_seconds),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for(lambda: responds(f"http://127.0.0.1:{upstream}/health/"), 60, "gunicorn")
        prefix = self.work / f"nginx-{self.port}"
        prefix.mkdir()
        (prefix / "nginx.conf").write_text(
            NGINX_CONF.format(
                user="user root;" if os.geteuid() == 0 else "",
                prefix=prefix,
                port=self.port,
                upstream=upstream,
            ),
            encoding="utf-8",
        )
        self.nginx = subprocess.Popen(
            pinned([shutil.which("nginx"), "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                    "-e", str(prefix / "error.log")], core),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: responds(f"{self.base}/health/"), 30, "nginx")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        for name in ("nginx", "gunicorn"):
            process = getattr(self, name, None)
            if process and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(5)
            setattr(self, name, None)

    def close(self):
        self.stop()
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(10)
        if self.elasticsearch:
            with contextlib.suppress(Exception):
                from elasticsearch import Elasticsearch

                client = Elasticsearch(self.elasticsearch, request_timeout=30)
                names = list(client.indices.get(index=f"{self.index_prefix}*"))
                if names:
                    client.indices.delete(index=",".join(names))
        if self.created_database:
            with contextlib.suppress(Exception):
                import psycopg

                with psycopg.connect(self.admin_url, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.work, ignore_errors=True)


def quoted(url):
    return urllib.parse.quote(url, safe="/?=&%")


def sign_in(base, username, password):
    """Sign in through the portal's form, as a browser does; returns the session cookie.

    The production settings mark cookies Secure, which a cookie jar keeps from plain HTTP, so
    the CSRF and session cookies are read from the responses here."""
    address = urlsplit(base)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        conn.request("GET", "/sign-in/")
        response = conn.getresponse()
        page = response.read().decode("utf-8", "replace")
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if response.status != 200 or token is None or "csrftoken" not in cookies:
            raise SystemExit(f"the sign-in form did not come (HTTP {response.status})")
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        )
        conn.request(
            "POST",
            "/sign-in/",
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookies['csrftoken'].value}",
            },
        )
        response = conn.getresponse()
        response.read()
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        if response.status != 302 or "sessionid" not in cookies:
            raise SystemExit(f"{username} could not sign in (HTTP {response.status})")
        return cookies["sessionid"].value
    finally:
        conn.close()


def visitor_lines(urls, sessions, seed=2026):
    """The two request files for visitors.lua: anonymous visitors' paths, and signed-in
    visitors' paths each with the session of the user reading it, repeated by the mix."""
    rng = random.Random(seed)

    def pick(kind, user=None):
        if kind == "search":
            prefix = "/en" if rng.random() < 0.3 else ""
            return f"{prefix}/search/?q={rng.choice(TERMS)}"
        if kind == "own_practices":
            return rng.choice(user["own_practices"] or urls["practices"])
        return rng.choice(urls[kind])

    def mixed(mix):
        return rng.choices(list(mix), weights=list(mix.values()))[0]

    anonymous = [
        quoted(pick(mixed(ANONYMOUS_MIX)))
        for _ in range(LINES_PER_VISITOR * max(1, USERS - len(sessions)))
    ]
    signed_in = [
        f"{quoted(pick(mixed(SIGNED_IN_MIX), user))}\t{session}"
        for user, session in sessions
        for _ in range(LINES_PER_VISITOR)
    ]
    return anonymous, signed_in


def warm_up(base, lines):
    """Every address of the mix read once before the clock starts, so that both phases measure
    a portal in its steady state rather than its first minute: with the cache on, every page
    is then in it (as the popular pages of a busy portal are), with it off the pages are made
    afresh from the parts kept per data version (FRAGMENT_CACHE_SECONDS) in both phases.
    Returns the number of addresses and the seconds it took."""
    from concurrent.futures import ThreadPoolExecutor

    visits = set()
    for path in lines.values():
        for line in path.read_text(encoding="utf-8").splitlines():
            address, _tab, session = line.partition("\t")
            visits.add((address, session))

    def visit(pair):
        address, session = pair
        request = urllib.request.Request(base + address, headers={"Accept-Encoding": "gzip"})
        if session:
            request.add_header("Cookie", f"sessionid={session}")
        with contextlib.suppress(urllib.error.URLError, OSError):
            urllib.request.urlopen(request, timeout=60).read()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(visit, sorted(visits)))
    return len(visits), time.monotonic() - started


class Generator:
    """One wrk process: a group of visitors, its latency figures and the CPU it used."""

    def __init__(self, group, lines, connections, base, core, work, seed):
        self.group = group
        self.connections = connections
        self.output = work / f"wrk-{group.replace(' ', '-')}-{seed}.txt"
        command = [
            shutil.which("wrk"), "-t1", f"-c{connections}", f"-d{SECONDS}s", "--timeout", "30s",
            "-s", str(HERE / "visitors.lua"), base,
            "--", str(lines), str(THINK_MS[0]), str(THINK_MS[-1]), str(seed),
        ]  # fmt: skip
        with open(self.output, "wb") as out:
            self.started = time.monotonic()
            self.process = subprocess.Popen(pinned(command, core), stdout=out, stderr=out)

    def finish(self):
        """Waits for wrk (reaping it here for its CPU time) and reads what it printed."""
        deadline = self.started + SECONDS + 60
        while True:
            pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                self.process.kill()
            time.sleep(0.1)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self.wall = time.monotonic() - self.started
        self.cpu = usage.ru_utime + usage.ru_stime
        text = self.output.read_text(encoding="utf-8", errors="replace")
        figures = {}
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "hlp":
                figures[parts[1]] = float(parts[2])
        if self.process.returncode != 0 or "requests" not in figures:
            raise SystemExit(f"wrk ({self.group}) failed:\n{text[-3000:]}")
        self.figures = figures
        return self

    @property
    def statuses(self):
        return {
            int(name.removeprefix("status_")): int(count)
            for name, count in self.figures.items()
            if name.startswith("status_")
        }

    def errors(self):
        """Every failed request, by kind: socket errors, statuses outside 2xx/3xx, and
        signed-in visitors sent to sign in again."""
        found = {
            f"socket {name.removeprefix('socket_')}": int(count)
            for name, count in self.figures.items()
            if name.startswith("socket_") and count
        }
        found |= {
            f"HTTP {status}": count
            for status, count in self.statuses.items()
            if not 200 <= status < 400
        }
        if self.figures.get("signed_out"):
            found["sent to sign in"] = int(self.figures["signed_out"])
        return found

    def summary(self):
        requests = int(self.figures["requests"])
        return {
            "requests": requests,
            "rps": requests / (self.figures["duration_us"] / 1e6),
            "p50": self.figures["p50_us"] / 1000,
            "p95": self.figures["p95_us"] / 1000,
            "p99": self.figures["p99_us"] / 1000,
            "errors": sum(self.errors().values()),
            "hits": int(self.figures["cache_hits"]) / requests if requests else 0.0,
            "cpu": self.cpu / self.wall,
        }


def run_phase(stack, name, cache_seconds, urls, sessions, lines, server_core, generator_core):
    stack.serve(cache_seconds, server_core)
    try:
        if sessions is None:
            # Signed in once, before the first phase; the sessions (database and Redis) last.
            users = urls["users"]
            signed = round(USERS * SIGNED_IN_SHARE)
            sessions = [
                (user, sign_in(stack.base, user["username"], stack.password))
                for user in (users[n % len(users)] for n in range(signed))
            ]
            anonymous, signed_in = visitor_lines(urls, sessions)
            lines["anonymous"].write_text("\n".join(anonymous) + "\n", encoding="utf-8")
            lines["signed in"].write_text("\n".join(signed_in) + "\n", encoding="utf-8")
            say(
                f"{len(sessions)} sessions of {len({u['username'] for u, _ in sessions})} UP "
                "editors and NILG curators signed in"
            )
        count, seconds = warm_up(stack.base, lines)
        say(f"{name}: {count:,} addresses read once in {seconds:.0f} s before the run")
        load_start = os.getloadavg()
        servers = (stack.gunicorn.pid, stack.nginx.pid)
        server_start = [server_time(pid) for pid in servers]
        started = time.monotonic()
        say(f"{name}: {USERS} visitors for {SECONDS} s against gunicorn ({WORKERS} workers)")
        groups = [("anonymous", USERS - len(sessions)), ("signed in", len(sessions))]
        generators = [
            Generator(group, lines[group], count, stack.base, generator_core, stack.work, seed)
            for seed, (group, count) in enumerate(groups, start=1)
            if count
        ]
        results = {generator.group: generator.finish() for generator in generators}
        server_end = [server_time(pid) for pid in servers]
        wall = time.monotonic() - started
        (gunicorn, nginx) = [
            [(b - a) / wall for a, b in zip(start, end, strict=True)]
            for start, end in zip(server_start, server_end, strict=True)
        ]
        load_end = os.getloadavg()
    finally:
        stack.stop()
    return sessions, {
        "name": name,
        "groups": results,
        "server_cpu": gunicorn[0],
        "server_wait": gunicorn[1],
        "proxy_cpu": nginx[0],
        "load": (load_start[0], load_end[0]),
    }


def report(phases, server_core, generator_core, load):
    on, off = phases
    columns = ("page cache", "visitors", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms",
               "errors", "cache hits", "target")  # fmt: skip
    targets = {
        ("cache on", "anonymous"): P95_TARGET_MS,
        ("cache on", "signed in"): SIGNED_IN_P95_TARGET_MS,
    }
    lines, problems = [], []
    for phase in phases:
        for group, generator in phase["groups"].items():
            figures = generator.summary()
            target = targets.get((phase["name"], group))
            verdict = "no errors" if target is None else f"p95 < {target:.0f} ms"
            missed = figures["errors"] or (target is not None and figures["p95"] > target)
            lines.append((
                phase["name"].removeprefix("cache "),
                f"{generator.connections} {group}",
                f"{figures['requests']:,}",
                f"{figures['rps']:.1f}",
                f"{figures['p50']:.0f}",
                f"{figures['p95']:.0f}",
                f"{figures['p99']:.0f}",
                str(figures["errors"]),
                f"{figures['hits']:.0%}",
                f"{verdict} {'✗' if missed else '✓'}",
            ))  # fmt: skip
            for kind, count in sorted(generator.errors().items()):
                problems.append(f"error: {phase['name']}, {group}: {kind} ({count}×)")
            if missed:
                problems.append(f"missed: {phase['name']}, {group}: {verdict}")
    widths = [max(len(c), *(len(line[i]) for line in lines)) for i, c in enumerate(columns)]
    print()
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
    print()
    where = (
        f"gunicorn on core {server_core}, wrk on core {generator_core}"
        if server_core is not None
        else "gunicorn and wrk not pinned to cores"
    )
    for phase in phases:
        shares = ", ".join(
            f"{group} {generator.cpu / generator.wall:.1%}"
            for group, generator in phase["groups"].items()
        )
        total = sum(generator.cpu / generator.wall for generator in phase["groups"].values())
        print(
            f"{phase['name']}: load average {phase['load'][0]:.2f} → {phase['load'][1]:.2f}; "
            f"gunicorn used {phase['server_cpu']:.0%} of a core and its processes waited "
            f"{phase['server_wait']:.2f} s a second for one, nginx {phase['proxy_cpu']:.1%}; "
            f"wrk used {total:.1%} ({shares})"
        )
    print(f"{where}; load average {load[0]:.2f} at the start, {load[1]:.2f} at the end")
    answers = "; ".join(
        f"{phase['name']}, {group}: "
        + ", ".join(f"{count:,}× {status}" for status, count in sorted(generator.statuses.items()))
        for phase in phases
        for group, generator in phase["groups"].items()
    )
    print(f"responses: {answers}")

    def ratio(group, key, inverse=False):
        a = on["groups"].get(group)
        b = off["groups"].get(group)
        if a is None or b is None:
            return None
        x, y = a.summary()[key], b.summary()[key]
        return (y / x if inverse else x / y) if (x and y) else None

    def total_rps(phase):
        return sum(generator.summary()["rps"] for generator in phase["groups"].values())

    parts = [
        f"{label} p95 {value:.1f} times better"
        for label, value in (
            ("anonymous", ratio("anonymous", "p95", inverse=True)),
            ("signed-in", ratio("signed in", "p95", inverse=True)),
        )
        if value is not None
    ]
    rps_on, rps_off = total_rps(on), total_rps(off)
    print(
        f"page cache on vs off: {', '.join(parts)}; requests/s {rps_on / rps_off:.2f}× "
        f"({rps_on:.1f} vs {rps_off:.1f})"
    )
    for problem in problems:
        print(problem)
    verdict = not problems
    print(f"\nload test: {'OK' if verdict else 'MISSED'}")
    return verdict


def main():
    missing = [name for name in ("wrk", "nginx") if not shutil.which(name)]
    if missing:
        raise SystemExit(
            f"the load test needs {' and '.join(missing)}: apt-get install {' '.join(missing)}"
        )
    server_core, generator_core = cores()
    stack = Stack()
    try:
        urls = stack.build()
        say(f"at {revision()}")
        lines = {group: stack.work / f"{group.replace(' ', '-')}.txt"
                 for group in ("anonymous", "signed in")}  # fmt: skip
        load_start = os.getloadavg()
        sessions, phases = None, []
        for name, cache_seconds in PHASES:
            sessions, phase = run_phase(
                stack, name, cache_seconds, urls, sessions, lines, server_core, generator_core
            )
            phases.append(phase)
        load_end = os.getloadavg()
        return 0 if report(phases, server_core, generator_core, (load_start[0], load_end[0])) else 1
    finally:
        stack.close()


if __name__ == "__main__":
    sys.exit(main())
