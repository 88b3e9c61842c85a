"""Every knob of the app, read from ``MPV_*`` environment variables (or ``.env``).

One cached instance (``get_settings``) so the whole process agrees on paths and limits; tests
call ``get_settings.cache_clear()`` after changing the environment.
"""

from __future__ import annotations

import os
import secrets
from datetime import time
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MPV_", env_file=".env", extra="ignore")

    var_dir: Path = Path("var")
    database_url: str = "sqlite:///var/mpv.db"
    storage_dir: Path = Path("var/files")
    mail_dir: Path = Path("var/mail")
    smtp_url: str = ""
    mail_from: str = "Mesa de Partes Virtual PETROPERÚ <mesadepartes@petroperu.com.pe>"
    secret_key: str = ""
    base_url: str = "http://localhost:3000"
    office_open: time = time(7, 0)
    office_close: time = time(16, 36)
    timezone: str = "America/Lima"
    max_filing_mb: int = Field(default=20, ge=1, le=200)
    redis_url: str = ""
    session_idle_minutes: float = Field(default=30, gt=0)
    session_warning_minutes: float = Field(default=2, gt=0)
    session_check_seconds: float = Field(default=30, gt=0)
    confirm_token_hours: int = Field(default=48, ge=1)
    reset_token_minutes: int = Field(default=60, ge=5)
    # Wrong passwords for one account from one IP before that pair is locked for the window.
    login_max_failures: int = Field(default=5, ge=1)
    # Wrong passwords for one account from any IPs before the account itself is locked.
    login_max_failures_per_account: int = Field(default=20, ge=1)
    # Wrong passwords from one IP (any account) before its logins are slowed (never refused).
    login_max_failures_per_ip: int = Field(default=5, ge=1)
    login_ip_delay_max_seconds: float = Field(default=8, ge=0, le=60)
    login_window_minutes: int = Field(default=15, ge=1)
    # argon2id cost (OWASP's minimum: 19 MiB, 2 passes, 1 lane; ~25 ms of one core here). A
    # hash made with other figures is redone at its next successful login.
    password_memory_kib: int = Field(default=19_456, ge=8_192, le=4_194_304)
    password_time_cost: int = Field(default=2, ge=1, le=20)
    # "Olvidé mi contraseña" and "reenviar confirmación": requests per address and per IP.
    mail_request_max_per_address: int = Field(default=3, ge=1)
    mail_request_max_per_ip: int = Field(default=10, ge=1)
    mail_request_window_minutes: int = Field(default=60, ge=1)
    mail_poll_seconds: float = Field(default=2.0, gt=0)
    staging_ttl_hours: int = Field(default=24, ge=1)
    maintenance_seconds: float = Field(default=600, gt=0)
    # The sweep deletes a stored object only this long after its last publish: longer than
    # any submit's transaction can last (the statement and lock timeouts bound that).
    store_grace_minutes: float = Field(default=60, ge=0)
    # An export of a staff search holds at most this many rows (the audit row says how many).
    export_max_rows: int = Field(default=10_000, ge=1, le=100_000)
    # PETROPERÚ's RUC: an electronic invoice filed here must be addressed to it.
    institution_ruc: str = Field(default="20100128218", pattern=r"^\d{11}$")
    # An XML annex larger than this is kept as a plain annex without reading it as an invoice.
    invoice_xml_max_kb: int = Field(default=1024, ge=16, le=16384)
    # No request waits on the database longer than these (0 turns one off, for bulk jobs).
    db_connect_timeout_s: float = Field(default=5, ge=0)
    db_statement_timeout_s: float = Field(default=20, ge=0)
    db_lock_timeout_s: float = Field(default=10, ge=0)
    # MPV_ATTENTION_BUSINESS_DAYS: the staff dashboard lists Registrada / En proceso filings
    # received more than this many business days ago as "sin atender".
    # MPV_LOG_MAX_CHARS: every log record is cut to one line of at most this many characters.
    log_max_chars: int = Field(default=2000, ge=200, le=100_000)
    # MPV_LOG_TRACEBACKS: print full tracebacks (development); off, an error is one line.
    log_tracebacks: bool = False
    attention_business_days: int = Field(default=5, ge=0, le=365)
    # MPV_OBSERVATION_BUSINESS_DAYS: business days an observed sender has to subsanar
    # (TUO Ley 27444 art. 136: two).
    observation_business_days: int = Field(default=2, ge=1, le=30)
    # PEM (or DER) root certificates a digital signature must chain to: in production the
    # IOFE-accredited roots. Empty or missing: no signature is trusted.
    signature_trust_dir: Path = Path("var/trust")
    # The institution's key (PEM, unencrypted) and certificate that sign every cargo (PAdES).
    # Unset: a self-signed development pair in var/ (``make run`` creates it and says so).
    cargo_key_file: str = ""
    cargo_cert_file: str = ""
    # Production topology (deploy/run_prod.py, `make run-prod`): nginx listens on
    # MPV_PROD_PORT and spreads over MPV_PROD_WORKERS backends on consecutive ports from
    # MPV_PROD_BACKEND_PORT. X-Forwarded-For is believed only from MPV_TRUSTED_PROXIES
    # (comma-separated addresses or networks; empty: never; `make run` has no proxy, and
    # a browser on the same host sends no X-Forwarded-For).
    # MPV_PROD_HOST / MPV_PROD_BACKEND_HOST: where nginx and the backends listen;
    # MPV_PROD_UPSTREAMS: more backends on other machines ("10.0.0.12:8001,10.0.0.12:8002").
    prod_host: str = "127.0.0.1"
    prod_port: int = Field(default=3000, ge=1, le=65535)
    prod_workers: int = Field(default=3, ge=0, le=64)
    prod_backend_host: str = "127.0.0.1"
    prod_backend_port: int = Field(default=8001, ge=1, le=65535)
    prod_upstreams: str = ""
    # MPV_WORKER_CPU: the core a backend worker keeps to (``mpv_app.cpu_affinity``): "auto"
    # spreads workers by process id, a number is an index into the allowed cores, "off".
    worker_cpu: str = Field(default="auto", pattern=r"^(auto|off|[0-9]{1,4})$")
    # MPV_GIL_SWITCH_MS: how long a backend worker's thread may keep the GIL while another
    # waits for it (``mpv_app.cpu_affinity.shorten_gil_turns``); Python's own is 5 ms.
    gil_switch_ms: float = Field(default=0.5, gt=0, le=100)
    # MPV_GC_YOUNG_OBJECTS: new objects that start a young garbage collection in a backend
    # worker (``mpv_app.cpu_affinity.collect_young_every``); Python's own is 700.
    gc_young_objects: int = Field(default=5000, gt=0, le=1_000_000)
    trusted_proxies: str = "127.0.0.1,::1"
    # Catalogs and office hours are cached per process; any write to their tables (this
    # process: at once; other workers: through a version in Redis) drops the cache, and no
    # entry lives longer than this (writers outside the app, e.g. SQL by hand). 0: no cache.
    catalog_cache_seconds: float = Field(default=60, ge=0)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)  # fail at start, not at the first filing
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def max_filing_bytes(self) -> int:
        return self.max_filing_mb * 1024 * 1024

    def resolved_secret_key(self) -> str:
        """The signing key; generated once into ``var/secret_key`` so restarts keep links valid."""
        if self.secret_key:
            return self.secret_key
        key_file = self.var_dir / "secret_key"
        if key_file.exists():
            return key_file.read_text().strip()
        self.var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
