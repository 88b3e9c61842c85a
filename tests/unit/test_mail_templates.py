"""The Spanish templates: right words, the link in both bodies, user input never becomes HTML."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pytest

from mpv_app.mail.templates import (
    AUTOMATIC_LINE,
    CONTACT_LINE,
    RenderedEmail,
    confirm_email,
    password_changed,
    password_reset,
)

LINK = "https://mpv.petroperu.com.pe/confirmar?token=abc.DEF-123&next=/inicio"
HOSTILE = '<script>alert("x")</script> & "Pérez"'


def test_confirm_email() -> None:
    email = confirm_email(name="María Quispe", link=LINK, hours_valid=24)
    assert email.subject.startswith("Confirme su correo electrónico")
    assert "PETROPERÚ" in email.subject
    for body in (email.text, email.html):
        assert "María Quispe" in body
        assert "24 horas" in body
    assert LINK in email.text
    assert f'href="{escape(LINK)}"' in email.html
    assert "&next=" not in email.html  # a raw ampersand would be invalid HTML


def test_password_reset_says_it_can_be_ignored() -> None:
    email = password_reset(link=LINK, minutes_valid=30)
    assert email.subject.startswith("Restablecimiento de contraseña")
    assert LINK in email.text
    assert escape(LINK) in email.html
    for body in (email.text, email.html):
        assert "30 minutos" in body
        assert "Si usted no solicitó este cambio, puede ignorar este mensaje" in body


def test_password_changed() -> None:
    email = password_changed(name="Jorge Chávez")
    assert email.subject.startswith("Su contraseña fue cambiada")
    for body in (email.text, email.html):
        assert "Jorge Chávez" in body
        assert "0800 76001" in body


def test_singular_period() -> None:
    assert "1 hora " in confirm_email(name="Ana", link=LINK, hours_valid=1).text
    assert "1 minuto " in password_reset(link=LINK, minutes_valid=1).text
    with pytest.raises(ValueError):
        password_reset(link=LINK, minutes_valid=0)


TEMPLATES_WITH_NAME: list[Callable[[str], RenderedEmail]] = [
    lambda name: confirm_email(name=name, link=LINK, hours_valid=24),
    password_changed,
]


@pytest.mark.parametrize("render", TEMPLATES_WITH_NAME, ids=["confirm_email", "password_changed"])
def test_names_are_escaped_in_html(render: Callable[[str], RenderedEmail]) -> None:
    email = render(HOSTILE)
    assert "<script>" not in email.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Pérez&quot;" in email.html
    assert HOSTILE in email.text  # plain text is shown as text: nothing to escape


def test_hostile_link_cannot_break_out_of_the_attribute() -> None:
    email = password_reset(link='https://x.pe/"><img src=x onerror=alert(1)>', minutes_valid=30)
    assert "<img" not in email.html
    assert 'href="https://x.pe/&quot;&gt;&lt;img' in email.html


@pytest.mark.parametrize(
    "email",
    [
        confirm_email(name="Ana", link=LINK, hours_valid=24),
        password_reset(link=LINK, minutes_valid=30),
        password_changed(name="Ana"),
    ],
    ids=["confirm_email", "password_reset", "password_changed"],
)
def test_branded_layout(email: RenderedEmail) -> None:
    assert email.text.startswith("PETROPERÚ – Mesa de Partes Virtual")
    assert '<html lang="es-PE">' in email.html
    assert "PETROPERÚ – Mesa de Partes Virtual" in email.html
    for line in (CONTACT_LINE, AUTOMATIC_LINE):
        assert line in email.text
        assert escape(line) in email.html
    assert "Trámite Documentario: 6145000 anexo 14344" in CONTACT_LINE
    assert "Mesa de Servicios Digitales: 0800 76001 y 6145000 anexo 77777" in CONTACT_LINE
    assert AUTOMATIC_LINE == "Este es un mensaje automático, no lo responda."
    assert "\n" not in email.subject
