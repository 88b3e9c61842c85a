"""The Reflex app: pages, theme and the plain HTTP API. Never migrates: see ``make migrate``."""

from __future__ import annotations

import warnings

import reflex as rx

from mpv_app import models, routes
from mpv_app.api import build_api
from mpv_app.pages.home import home

# Reflex compares its registry with the live schema at start; show it ours, all of it. Its merge
# of registries copies each shared table once per model and warns about it: harmless.
rx.ModelRegistry.register(models.User)
warnings.filterwarnings("ignore", message="Table '.*' already exists within the given MetaData")

app = rx.App(
    html_lang="es-PE",
    stylesheets=["/styles.css"],
    api_transformer=build_api(),
    head_components=[rx.el.meta(name="description", content="Mesa de Partes Virtual de PETROPERÚ")],
)
app.add_page(home, route=routes.HOME, title="Inicio | Mesa de Partes Virtual PETROPERÚ")
