#!/usr/bin/env python3
"""Run a real Neo4j Community server on 127.0.0.1 without Docker.

Machines here have Java 17 and Maven Central but no Docker and no other
download source, so the server's jars come from Maven (``scripts/neo4j/pom.xml``)
and the server is launched directly with ``java``, the way the stock
``bin/neo4j`` launcher would, against a home directory and ``neo4j.conf`` that
this module writes.

Library use (tests)::

    from neo4j_server import start
    srv = start()                 # throwaway home, free port
    ...  srv.uri                  # bolt://127.0.0.1:PORT
    srv.kill(); srv.restart()     # crash + recovery, data kept
    srv.stop()                    # terminate and delete the throwaway home

Command line::

    python scripts/neo4j_server.py fetch             # warm the caches only
    eval "$(python scripts/neo4j_server.py start)"   # sets NEO4J_URI
    python scripts/neo4j_server.py stop --home DIR

Standard library only, so it can run before any project dependency exists.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

# The one place to change the Neo4j version (5.26 is the LTS line on Java 17).
NEO4J_VERSION = "5.26.30"

POM_PATH = Path(__file__).resolve().parent / "neo4j" / "pom.xml"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
HOST = "127.0.0.1"
# HOME/run/PID_FILE names the JVM; HOME/logs/CONSOLE_LOG gets its stdout and
# stderr (Neo4j itself writes neo4j.log and debug.log beside it).
PID_FILE = "cascade-neo4j.pid"
CONSOLE_LOG = "console.log"
# A home holding this file was made by us, so stopping its server deletes it.
THROWAWAY_MARKER = ".cascade-throwaway"
# Seconds between SIGTERM and SIGKILL: a clean shutdown checkpoints first.
DEFAULT_GRACE = 60.0

# JVM flags of the stock Neo4j 5 neo4j.conf (server.jvm.additional) that matter
# when starting the JVM ourselves. -XX:+AlwaysPreTouch is left out on purpose:
# it commits the whole heap up front, which only slows throwaway test servers.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",  # a dead server fails tests clearly; a wedged one hangs them
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)

_SIZE_RE = re.compile(r"^[1-9][0-9]*[kmgKMG]?$")


class Neo4jError(RuntimeError):
    """Anything that keeps the server from being fetched, started or stopped."""


class PortInUseError(Neo4jError):
    """The Bolt port was taken; start() then retries on another free port."""


# --------------------------------------------------------------------------
# Fetching the jars
# --------------------------------------------------------------------------


def cache_dir(version: str = NEO4J_VERSION) -> Path:
    """Where the resolved classpath is kept (jars themselves stay in ~/.m2)."""
    override = os.environ.get("CASCADE_NEO4J_CACHE")
    if override:
        return Path(override).expanduser()
    return Path.home() / ".cache" / "cascade" / f"neo4j-{version}"


def _classpath_file(version: str) -> Path:
    # The version is in the name too, so an overridden cache dir can't mix versions.
    return cache_dir(version) / f"classpath-{version}.txt"


_INSTALL_HINT = "Install a JDK 17 (or 21) and Maven 3.6+, e.g. `apt-get install openjdk-17-jdk-headless maven`."


def _require_tool(name: str, why: str) -> str:
    path = shutil.which(name)
    if not path:
        raise Neo4jError(
            f"`{name}` was not found on PATH; it is needed to {why}. {_INSTALL_HINT}"
        )
    return path


def java_executable() -> str:
    """JAVA_HOME wins over PATH, as with the stock launcher."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    java = _require_tool("java", "run Neo4j")
    out = subprocess.run(
        [java, "-version"], capture_output=True, text=True, check=False
    ).stderr
    m = re.search(r'version "(\d+)', out)
    if m and int(m.group(1)) < 17:
        raise Neo4jError(
            f"Neo4j {NEO4J_VERSION} needs Java 17 or 21, found: {out.splitlines()[0]}"
        )
    return java


def _read_classpath(path: Path) -> str | None:
    """The cached classpath, or None if absent or if ~/.m2 lost any of its jars."""
    try:
        cp = path.read_text().strip()
    except FileNotFoundError:
        return None
    if not cp or not all(Path(p).is_file() for p in cp.split(os.pathsep)):
        return None
    return cp


def fetch(version: str = NEO4J_VERSION, *, quiet: bool = True) -> str:
    """Resolve the server's jars with Maven once; return the classpath string.

    Later calls read the cached classpath file and never run Maven, unless a
    jar it names has disappeared from the local Maven repository.
    """
    cp_file = _classpath_file(version)
    cp = _read_classpath(cp_file)
    if cp:
        return cp
    mvn = _require_tool("mvn", "download Neo4j from Maven Central")
    cp_file.parent.mkdir(parents=True, exist_ok=True)
    # A lock so parallel test workers don't run Maven on one ~/.m2 at once.
    with _file_lock(cp_file.parent / ".lock"):
        cp = _read_classpath(cp_file)
        if cp:
            return cp
        tmp = cp_file.with_name(f"{cp_file.name}.{os.getpid()}.tmp")
        cmd = [
            mvn,
            "-B",
            "-f",
            str(POM_PATH),
            f"-Dneo4j.version={version}",
            "-Dmdep.includeScope=runtime",
            f"-Dmdep.outputFile={tmp}",
            "dependency:build-classpath",
        ]
        if quiet:
            cmd.insert(2, "-q")
        # Up to a minute or two of silent downloading: say why we are waiting.
        print(
            f"Resolving Neo4j {version} with Maven (first time only)...",
            file=sys.stderr,
        )
        proc = subprocess.run(cmd, capture_output=quiet, text=True, check=False)
        if proc.returncode != 0:
            tail = _tail_text((proc.stdout or "") + (proc.stderr or ""), 40)
            raise Neo4jError(
                f"Maven could not resolve Neo4j {version} (exit {proc.returncode}):\n{tail}"
            )
        os.replace(tmp, cp_file)
    cp = _read_classpath(cp_file)
    if not cp:
        raise Neo4jError(f"Maven wrote no usable classpath to {cp_file}")
    return cp


@contextlib.contextmanager
def _file_lock(path: Path):
    try:
        import fcntl
    except ImportError:  # not POSIX: run unlocked
        yield
        return
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --------------------------------------------------------------------------
# Home directory and configuration
# --------------------------------------------------------------------------


def free_port() -> int:
    """A port the kernel considers free right now (tiny race until Neo4j binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def write_config(
    home: Path, port: int, *, heap: str = "512m", pagecache: str = "256m", auth: bool = False
) -> Path:
    """Write HOME/conf/neo4j.conf: loopback Bolt only, no auth (unless `auth`:
    then user neo4j, password neo4j, to be changed at first login), everything under HOME."""
    home = home.resolve()
    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    settings = {
        # Local test/dev server: no credentials, nothing reachable off the machine.
        "dbms.security.auth_enabled": "true" if auth else "false",
        "server.default_listen_address": HOST,
        "server.default_advertised_address": HOST,
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"{HOST}:{port}",
        "server.bolt.advertised_address": f"{HOST}:{port}",
        "server.bolt.tls_level": "DISABLED",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.usage_report.enabled": "false",
        # Absolute, so the server never writes outside HOME whatever its cwd.
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "server.directories.plugins": str(home / "plugins"),
        # Sized for a 2-core / 24 GB machine that also runs the tests. The heap
        # settings are informational here: the JVM gets -Xms/-Xmx from us.
        "server.memory.heap.initial_size": heap,
        "server.memory.heap.max_size": heap,
        "server.memory.pagecache.size": pagecache,
        # Keep transaction logs small: throwaway data, no backups.
        "db.tx_log.rotation.retention_policy": "2 files",
        "db.tx_log.rotation.size": "16M",
        "db.tx_log.preallocate": "false",
        # Stop in ~1 s instead of ~11 s: the Bolt server otherwise idles 5 s for
        # connections and 5 s for Netty's quiet period. Open transactions get 2 s.
        "db.shutdown_transaction_end_timeout": "2s",
        "internal.server.bolt.connection_shutdown_wait_time": "1s",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        "internal.dbms.bolt.netty_server_shutdown_timeout": "2",
    }
    text = "# Written by scripts/neo4j_server.py; rewritten on every start.\n"
    text += "".join(f"{k}={v}\n" for k, v in settings.items())
    conf = home / "conf" / "neo4j.conf"
    conf.write_text(text)
    return conf


def _configured_port(home: Path) -> int | None:
    try:
        text = (home / "conf" / "neo4j.conf").read_text()
    except FileNotFoundError:
        return None
    m = re.search(r"^server\.bolt\.listen_address=.*:(\d+)\s*$", text, re.MULTILINE)
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------
# Readiness: a real Bolt handshake
# --------------------------------------------------------------------------

_BOLT_MAGIC = b"\x60\x60\xb0\x17"
# Proposals, each big-endian [0, range, minor, major]: 5.0-5.8, 4.2-4.4, 3.0, none.
_BOLT_PROPOSALS = bytes([0, 8, 8, 5, 0, 2, 4, 4, 0, 0, 0, 3, 0, 0, 0, 0])


def bolt_handshake(
    host: str, port: int, timeout: float = 2.0
) -> tuple[int, int] | None:
    """Return the (major, minor) Bolt version the server agrees to, else None.

    A bare TCP connect succeeds as soon as the socket is bound, before the
    DBMS can serve anything; an agreed protocol version means Bolt is live.
    """
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(_BOLT_MAGIC + _BOLT_PROPOSALS)
            reply = b""
            while len(reply) < 4:
                chunk = s.recv(4 - len(reply))
                if not chunk:
                    return None
                reply += chunk
    except OSError:
        return None
    (version,) = struct.unpack(">I", reply)
    if version == 0:
        return None
    return version & 0xFF, (version >> 8) & 0xFF


# --------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie still answers kill(0) but is gone for our purposes
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_our_server(pid: int, home: Path) -> bool:
    """Guard against a stale pid file naming some unrelated, reused pid."""
    if not Path("/proc/self").exists():
        return True  # no procfs (not Linux): trust the pid file
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    args = [a.decode(errors="replace") for a in cmdline]
    return MAIN_CLASS in args and f"--home-dir={home.resolve()}" in args


def _wait_gone(pid: int, proc: subprocess.Popen | None, timeout: float) -> bool:
    if proc is not None:
        try:
            proc.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return True
        time.sleep(0.1)
    return not _pid_alive(pid)


def _signal(pid: int, proc: subprocess.Popen | None, sig: int) -> bool:
    """Signal our server; False if it is already gone.

    With a Popen at hand, it does the signalling: it never signals a pid it
    has already reaped, which may belong to someone else by now.
    """
    if proc is not None:
        if proc.poll() is not None:
            return False
        proc.send_signal(sig)
        return True
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return False
    return True


def _terminate(pid: int, proc: subprocess.Popen | None, grace: float) -> None:
    """SIGTERM (Neo4j shuts down cleanly), then SIGKILL if it outlives `grace`."""
    if not _signal(pid, proc, signal.SIGTERM) or _wait_gone(pid, proc, grace):
        return
    _signal(pid, proc, signal.SIGKILL)
    if not _wait_gone(pid, proc, 30):
        raise Neo4jError(f"Neo4j pid {pid} survived SIGKILL")


def _tail_text(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 64 * 1024))
            return _tail_text(fh.read().decode(errors="replace"), lines)
    except OSError:
        return "(no log)"


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


@dataclasses.dataclass
class Server:
    """A running Neo4j started by this module; stop() it when done."""

    uri: str
    pid: int
    home: Path
    log_path: Path
    port: int
    heap: str = "512m"
    pagecache: str = "256m"
    auth: bool = False
    owns_home: bool = False  # True: stop() deletes home
    _proc: subprocess.Popen | None = dataclasses.field(
        default=None, repr=False, compare=False
    )
    _detached: bool = dataclasses.field(default=True, repr=False, compare=False)

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / PID_FILE

    def is_running(self) -> bool:
        if self._proc is not None:
            return self._proc.poll() is None
        return _pid_alive(self.pid)

    def stop(self, grace: float = DEFAULT_GRACE) -> None:
        """Shut down cleanly (SIGKILL after `grace` s); delete home if we made it."""
        _terminate(self.pid, self._proc, grace)
        self.pid_file.unlink(missing_ok=True)
        if self.owns_home:
            shutil.rmtree(self.home, ignore_errors=True)

    def kill(self) -> None:
        """SIGKILL, as a crash would: no checkpoint, no clean shutdown. Home is kept."""
        _signal(self.pid, self._proc, signal.SIGKILL)
        if not _wait_gone(self.pid, self._proc, 30):
            raise Neo4jError(f"Neo4j pid {self.pid} survived SIGKILL")
        self.pid_file.unlink(missing_ok=True)

    def restart(self, timeout: float = 180, grace: float = DEFAULT_GRACE) -> Server:
        """Start again on the same home and port; the data survives (recovering after kill())."""
        if self.is_running():
            _terminate(self.pid, self._proc, grace)
        fresh = _launch(
            self.home,
            self.port,
            heap=self.heap,
            pagecache=self.pagecache,
            timeout=timeout,
            detach=self._detached,
            auth=self.auth,
        )
        self.pid, self._proc, self.log_path = fresh.pid, fresh._proc, fresh.log_path
        return self

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _check_sizes(heap: str, pagecache: str) -> None:
    for name, value in (("heap", heap), ("pagecache", pagecache)):
        if not _SIZE_RE.match(value):
            raise ValueError(f"{name} must look like 512m or 2g, got {value!r}")


def _launch(
    home: Path, port: int, *, heap: str, pagecache: str, timeout: float, detach: bool, auth: bool = False
) -> Server:
    """Write the config, start the JVM and wait for a Bolt handshake."""
    _check_sizes(heap, pagecache)
    java = java_executable()
    classpath = fetch()
    home = home.resolve()
    write_config(home, port, heap=heap, pagecache=pagecache, auth=auth)
    log_path = home / "logs" / CONSOLE_LOG
    cmd = [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",
    ]
    # CLASSPATH via the environment: ~200 jars would bury the command line in ps.
    env = dict(os.environ, CLASSPATH=classpath)
    with open(log_path, "ab") as log:
        log_offset = log.tell()
        log.write(
            f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} cascade: starting Neo4j "
            f"{NEO4J_VERSION} on {HOST}:{port}\n".encode()
        )
        log.flush()
        proc = subprocess.Popen(
            cmd,
            cwd=home,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Detached: own session, so it outlives the CLI and ignores its Ctrl-C.
            # Attached (tests): shares the process group, so Ctrl-C reaches it too.
            start_new_session=detach,
        )
    (home / "run" / PID_FILE).write_text(f"{proc.pid}\n")
    server = Server(
        uri=f"bolt://{HOST}:{port}",
        pid=proc.pid,
        home=home,
        log_path=log_path,
        port=port,
        heap=heap,
        pagecache=pagecache,
        auth=auth,
        _proc=proc,
        _detached=detach,
    )
    try:
        _wait_for_bolt(proc, port, log_path, log_offset, timeout)
    except BaseException:
        # Timeout, early death or Ctrl-C: never leave a half-started JVM behind.
        server.stop(grace=10)
        raise
    return server


def _wait_for_bolt(
    proc: subprocess.Popen, port: int, log_path: Path, log_offset: int, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while not bolt_handshake(HOST, port, timeout=1.0):
        if proc.poll() is not None:
            with open(log_path, "rb") as fh:
                fh.seek(log_offset)
                this_run = fh.read().decode(errors="replace")
            error = (
                PortInUseError if "Address already in use" in this_run else Neo4jError
            )
            raise error(
                f"Neo4j exited with code {proc.returncode} during startup. "
                f"Last lines of {log_path}:\n{_tail_text(this_run, 40)}"
            )
        if time.monotonic() > deadline:
            raise Neo4jError(
                f"Neo4j did not answer Bolt on {HOST}:{port} within {timeout:.0f}s. "
                f"Last lines of {log_path}:\n{_tail(log_path)}"
            )
        time.sleep(0.25)


def start(
    home: Path | None = None,
    *,
    heap: str = "512m",
    pagecache: str = "256m",
    timeout: float = 180,
    port: int | None = None,
    detach: bool = False,
    auth: bool = False,
) -> Server:
    """Start Neo4j and return once it speaks Bolt.

    With `auth`, the server checks credentials: user neo4j, initial password
    neo4j, which must be changed before anything else (tests use this).

    With no `home`, a temporary one is created and deleted again by stop().
    With a `home`, its data is kept and reused; `port` defaults to the one
    that home used before, else a free one.
    """
    # Fail on a bad argument or a missing java/mvn before touching the disk.
    _check_sizes(heap, pagecache)
    java_executable()
    fetch()
    owns = home is None
    if home is None:
        home = Path(tempfile.mkdtemp(prefix="cascade-neo4j-"))
    home = Path(home).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    running = _running_pid(home)
    if running:
        raise Neo4jError(
            f"a Neo4j (pid {running}) is already running on {home}; stop it first"
        )
    # An explicit port is a must; the home's previous port is only a preference.
    ports: list[int | None] = [port] if port else [_configured_port(home), None, None]
    try:
        for attempt, candidate in enumerate(ports):
            try:
                server = _launch(
                    home,
                    candidate or free_port(),
                    heap=heap,
                    pagecache=pagecache,
                    timeout=timeout,
                    detach=detach,
                    auth=auth,
                )
            except PortInUseError:
                # Taken, e.g. grabbed between our probe and the JVM's bind: next one.
                if attempt + 1 < len(ports):
                    continue
                raise
            server.owns_home = owns
            if owns:
                (home / THROWAWAY_MARKER).touch()
            if not detach:
                _ATTACHED.append(server)
            return server
    except BaseException:
        if owns:
            shutil.rmtree(home, ignore_errors=True)
        raise
    raise AssertionError("unreachable")


# Servers started attached (tests): stopped at interpreter exit if still up, so
# a test run that forgets stop() does not leave JVMs behind. A SIGKILLed Python
# still leaks them; the CLI's detached servers are deliberately not tracked.
_ATTACHED: list[Server] = []


@atexit.register
def _stop_attached() -> None:
    for server in _ATTACHED:
        if server._proc is not None and server.is_running():
            with contextlib.suppress(Exception):
                server.stop(grace=15)


def _running_pid(home: Path) -> int | None:
    try:
        pid = int((home / "run" / PID_FILE).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _pid_alive(pid) and _is_our_server(pid, home) else None


def attach(home: Path) -> Server | None:
    """The Server running on `home` (e.g. started by the CLI), or None."""
    home = Path(home).expanduser().resolve()
    pid = _running_pid(home)
    port = _configured_port(home)
    if pid is None or port is None:
        return None
    return Server(
        uri=f"bolt://{HOST}:{port}",
        pid=pid,
        home=home,
        log_path=home / "logs" / CONSOLE_LOG,
        port=port,
        owns_home=(home / THROWAWAY_MARKER).exists(),
    )


def stop_home(home: Path, grace: float = DEFAULT_GRACE) -> bool:
    """Stop the server running on `home`; False if none was running."""
    server = attach(home)
    if server is None:
        (Path(home) / "run" / PID_FILE).unlink(missing_ok=True)
        return False
    server.stop(grace=grace)
    return True


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def _cmd_fetch(args: argparse.Namespace) -> int:
    t0 = time.monotonic()
    cp = fetch(quiet=not args.verbose)
    java_executable()
    n = len(cp.split(os.pathsep))
    print(
        f"Neo4j {NEO4J_VERSION}: {n} jars ready ({time.monotonic() - t0:.1f}s); "
        f"classpath in {_classpath_file(NEO4J_VERSION)}",
        file=sys.stderr,
    )
    return 0


def _cmd_start(args: argparse.Namespace) -> int:
    home = (
        Path(args.home)
        if args.home
        else Path(tempfile.mkdtemp(prefix="cascade-neo4j-"))
    )
    if not args.home:
        (home / THROWAWAY_MARKER).touch()  # `stop` deletes it
    t0 = time.monotonic()
    try:
        server = start(
            home,
            heap=args.heap,
            pagecache=args.pagecache,
            timeout=args.timeout,
            port=args.port,
            detach=True,
        )
    except BaseException:
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)
        raise
    print(
        f"# Neo4j {NEO4J_VERSION} pid {server.pid} ready in {time.monotonic() - t0:.1f}s; "
        f"home {server.home}; log {server.log_path}",
        file=sys.stderr,
    )
    print(f"export NEO4J_URI={server.uri}")
    print(f"export CASCADE_NEO4J_HOME={server.home}")
    return 0


def _cmd_stop(args: argparse.Namespace) -> int:
    home = Path(args.home).expanduser().resolve()
    throwaway = (home / THROWAWAY_MARKER).exists()
    if stop_home(home, grace=args.grace):
        print(
            f"stopped Neo4j on {home}" + (" and removed it" if throwaway else ""),
            file=sys.stderr,
        )
        return 0
    if throwaway:  # it crashed or was killed: still clean up what `start` made
        shutil.rmtree(home, ignore_errors=True)
    print(
        f"no running Neo4j on {home}" + ("; removed it" if throwaway else ""),
        file=sys.stderr,
    )
    return 1


def _cmd_status(args: argparse.Namespace) -> int:
    server = attach(Path(args.home))
    if server is None:
        print("not running", file=sys.stderr)
        return 1
    version = bolt_handshake(HOST, server.port)
    state = f"Bolt {version[0]}.{version[1]}" if version else "not answering Bolt"
    print(f"pid {server.pid} {server.uri} {state}", file=sys.stderr)
    return 0 if version else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=f"Real Neo4j Community {NEO4J_VERSION} on {HOST}"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("fetch", help="download the jars only (CI warm-up)")
    p.add_argument("--verbose", action="store_true", help="show Maven's output")
    p.set_defaults(func=_cmd_fetch)

    env_home = os.environ.get("CASCADE_NEO4J_HOME")
    p = sub.add_parser(
        "start", help="start in the background; prints export NEO4J_URI=..."
    )
    p.add_argument(
        "--home", help="server home (kept); default: a new temp dir removed by stop"
    )
    p.add_argument(
        "--port", type=int, help="Bolt port (default: previous one of HOME, else free)"
    )
    p.add_argument(
        "--heap",
        default="512m",
        help="Java heap of the server, e.g. 1g or 4g (default 512m: enough for the seed "
        "and the tests; a national dataset of 10^6 elements loads on 1g)",
    )
    p.add_argument(
        "--pagecache",
        default="256m",
        help="page cache: the graph kept in memory, e.g. 1g (default 256m)",
    )
    p.add_argument(
        "--timeout", type=float, default=180, help="seconds to wait for Bolt (default 180)"
    )
    p.set_defaults(func=_cmd_start)

    for name, func, text in (
        ("stop", _cmd_stop, "stop the server of HOME"),
        ("status", _cmd_status, "is the server of HOME answering Bolt"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument(
            "--home",
            default=env_home,
            required=env_home is None,
            help="server home (default: $CASCADE_NEO4J_HOME)",
        )
        if name == "stop":
            p.add_argument(
                "--grace",
                type=float,
                default=DEFAULT_GRACE,
                help="seconds to wait after SIGTERM before SIGKILL",
            )
        p.set_defaults(func=func)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (Neo4jError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
