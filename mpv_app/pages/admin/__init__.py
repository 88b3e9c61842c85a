"""The administrator's pages, registered by ``mpv_app.mpv_app`` from ``ADMIN_PAGES``."""

from __future__ import annotations

from typing import Any

from mpv_app import routes
from mpv_app.pages.admin.calendar import calendar_page
from mpv_app.pages.admin.centers import centers_page
from mpv_app.pages.admin.departments import departments_page
from mpv_app.pages.admin.document_types import document_types_page
from mpv_app.pages.admin.index import admin_index_page
from mpv_app.pages.admin.staff import staff_page
from mpv_app.state.admin_calendar import AdminCalendarState
from mpv_app.state.admin_centers import AdminCentersState
from mpv_app.state.admin_departments import AdminDepartmentsState
from mpv_app.state.admin_document_types import AdminDocumentTypesState
from mpv_app.state.admin_index import AdminIndexState
from mpv_app.state.admin_staff import AdminStaffState

# (page, route, title, on_load handlers): the same shape as ``PAGES`` in mpv_app.mpv_app.
ADMIN_PAGES: list[tuple[Any, str, str, list[Any]]] = [
    (admin_index_page, routes.ADMIN, "Administración", [AdminIndexState.load]),
    (centers_page, routes.ADMIN_CENTERS, "Centros de gestión", [AdminCentersState.load]),
    (departments_page, routes.ADMIN_DEPARTMENTS, "Dependencias", [AdminDepartmentsState.load]),
    (
        document_types_page,
        routes.ADMIN_DOCUMENT_TYPES,
        "Tipos de correspondencia",
        [AdminDocumentTypesState.load],
    ),
    (
        calendar_page,
        routes.ADMIN_CALENDAR,
        "Feriados y horario de atención",
        [AdminCalendarState.load],
    ),
    (staff_page, routes.ADMIN_STAFF, "Cuentas del personal", [AdminStaffState.load]),
]
