"""Reflex configuration; every value comes from MPV settings (see mpv_app/settings.py)."""

import reflex as rx

from mpv_app.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="mpv_app",
    show_built_with_reflex=False,
    telemetry_enabled=False,
    db_url=_settings.database_url,
    redis_url=_settings.redis_url or None,
    # One process keeps tab state in memory (no pickling per event); several share it in Redis.
    state_manager_mode="redis" if _settings.redis_url else "memory",
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="blue", radius="medium"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
