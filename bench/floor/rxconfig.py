"""The floor for bench/load.py: a bare Reflex app with the MPV's theme (run from bench/floor)."""

import reflex as rx

config = rx.Config(
    app_name="floor_app",
    show_built_with_reflex=False,
    telemetry_enabled=False,
    state_manager_mode="memory",  # the same as the app under test in one process
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="blue", radius="medium"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
