"""The Spanish (Peru) messages the app sends, each rendered as plain text and HTML.

Both bodies are built from the same pieces so they never say different things, and every
value that comes from a user goes through ``html.escape``: a sender's name is untrusted input
that ends up in someone's mail client.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

BRAND = "PETROPERÚ – Mesa de Partes Virtual"
SUBJECT_SUFFIX = " – Mesa de Partes Virtual PETROPERÚ"
CONTACT_LINE = (
    "Trámite Documentario: 6145000 anexo 14344 · "
    "Mesa de Servicios Digitales: 0800 76001 y 6145000 anexo 77777"
)
AUTOMATIC_LINE = "Este es un mensaje automático, no lo responda."

_BLUE = "#00529b"
_YELLOW = "#f5b800"


@dataclass(frozen=True, slots=True)
class RenderedEmail:
    """What the outbox stores: a template's output, independent of who receives it."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True, slots=True)
class _Link:
    url: str
    label: str


def _plural(count: int, singular: str, plural: str) -> str:
    if count < 1:
        raise ValueError(f"a validity period must be positive, got {count}")
    return f"{count} {singular if count == 1 else plural}"


def _render(
    *,
    subject: str,
    greeting: str,
    before: list[str],
    link: _Link | None = None,
    after: list[str] | None = None,
) -> RenderedEmail:
    """Lay out one message; paragraphs are plain text and are escaped here, once."""
    after = after or []
    text_parts = [BRAND, "", greeting, "", *(p + "\n" for p in before)]
    if link is not None:
        text_parts += [f"{link.label}:", link.url, ""]
    text_parts += [*(p + "\n" for p in after), "--", CONTACT_LINE, AUTOMATIC_LINE, ""]
    text = "\n".join(text_parts)

    paragraph = '<p style="margin:0 0 16px 0;line-height:1.5;">{}</p>'
    body = [paragraph.format(escape(greeting))]
    body += [paragraph.format(escape(p)) for p in before]
    if link is not None:
        url = escape(link.url, quote=True)
        body.append(
            '<p style="margin:24px 0;text-align:center;">'
            f'<a href="{url}" style="background:{_BLUE};color:#ffffff;padding:12px 24px;'
            'border-radius:4px;text-decoration:none;font-weight:bold;display:inline-block;">'
            f"{escape(link.label)}</a></p>"
            '<p style="margin:0 0 16px 0;font-size:13px;color:#555555;">'
            "Si el botón no funciona, copie y pegue este enlace en su navegador:<br>"
            f'<a href="{url}" style="color:{_BLUE};word-break:break-all;">{url}</a></p>'
        )
    body += [paragraph.format(escape(p)) for p in after]
    html = _layout(subject, "\n".join(body))
    return RenderedEmail(subject=subject, text=text, html=html)


def _layout(subject: str, body_html: str) -> str:
    """The branded frame; inline styles only, because mail clients drop ``<style>`` blocks."""
    return f"""<!DOCTYPE html>
<html lang="es-PE">
<head><meta charset="utf-8"><title>{escape(subject)}</title></head>
<body style="margin:0;padding:0;background:#f2f4f7;font-family:Arial,Helvetica,sans-serif;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"
 style="background:#f2f4f7;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0"
 style="max-width:600px;background:#ffffff;border-radius:6px;overflow:hidden;">
<tr><td style="background:{_BLUE};color:#ffffff;padding:20px 24px;
 border-bottom:4px solid {_YELLOW};font-size:20px;font-weight:bold;">{escape(BRAND)}</td></tr>
<tr><td style="padding:24px;color:#222222;font-size:15px;">
{body_html}
</td></tr>
<tr><td style="background:#f7f7f7;color:#666666;font-size:12px;padding:16px 24px;
 line-height:1.5;">{escape(CONTACT_LINE)}<br>{escape(AUTOMATIC_LINE)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
"""


def confirm_email(name: str, link: str, hours_valid: int) -> RenderedEmail:
    """Sent right after registration: the account cannot log in until this link is opened."""
    return _render(
        subject="Confirme su correo electrónico" + SUBJECT_SUFFIX,
        greeting=f"Estimado(a) {name}:",
        before=[
            "Gracias por registrarse en la Mesa de Partes Virtual de PETROPERÚ. "
            "Para activar su cuenta, confirme su correo electrónico con el siguiente enlace."
        ],
        link=_Link(url=link, label="Confirmar mi correo electrónico"),
        after=[
            f"El enlace es válido por {_plural(hours_valid, 'hora', 'horas')} "
            "y solo puede usarse una vez.",
            "Si usted no creó esta cuenta, puede ignorar este mensaje.",
        ],
    )


def password_reset(link: str, minutes_valid: int) -> RenderedEmail:
    """No name on purpose: anyone can request a reset for any address, so we reveal nothing."""
    return _render(
        subject="Restablecimiento de contraseña" + SUBJECT_SUFFIX,
        greeting="Estimado(a) usuario(a):",
        before=[
            "Recibimos una solicitud para restablecer la contraseña de su cuenta en la "
            "Mesa de Partes Virtual de PETROPERÚ. Para elegir una nueva contraseña, "
            "use el siguiente enlace."
        ],
        link=_Link(url=link, label="Restablecer mi contraseña"),
        after=[
            f"El enlace es válido por {_plural(minutes_valid, 'minuto', 'minutos')} "
            "y solo puede usarse una vez.",
            "Si usted no solicitó este cambio, puede ignorar este mensaje: "
            "su contraseña actual seguirá vigente.",
        ],
    )


def password_changed(name: str) -> RenderedEmail:
    """Tells the owner after the fact, so a change they did not make does not go unnoticed."""
    return _render(
        subject="Su contraseña fue cambiada" + SUBJECT_SUFFIX,
        greeting=f"Estimado(a) {name}:",
        before=[
            "Le informamos que la contraseña de su cuenta en la Mesa de Partes Virtual "
            "de PETROPERÚ fue cambiada correctamente.",
            "Si usted no realizó este cambio, comuníquese de inmediato con la Mesa de "
            "Servicios Digitales al 0800 76001 o al 6145000 anexo 77777.",
        ],
    )


def filing_registered(
    *,
    name: str,
    tracking_number: str,
    subject: str,
    destination: str,
    submitted_at_text: str,
    received_on_text: str,
    link: str,
    reception_note: str,
) -> RenderedEmail:
    """The sender's proof by mail, with the same facts as the confirmation window."""
    return _render(
        subject=f"Correspondencia registrada {tracking_number}" + SUBJECT_SUFFIX,
        greeting=f"Estimado(a) {name}:",
        before=[
            f"Su correspondencia fue registrada con el número de trámite {tracking_number}.",
            f"Asunto: {subject}",
            f"Destino: {destination}",
            f"Fecha y hora de envío: {submitted_at_text} (hora de Lima).",
            f"Fecha de recepción: {received_on_text}. {reception_note}",
            "El registro de la correspondencia no implica su conformidad ni aceptación.",
            "Adjuntamos el cargo de recepción en PDF.",
        ],
        link=_Link(url=link, label="Ver el detalle de mi trámite"),
    )


def filing_status_changed(
    *,
    name: str,
    tracking_number: str,
    subject: str,
    headline: str,
    status_label: str,
    destination: str,
    when_text: str,
    note_label: str,
    note: str,
    link: str,
) -> RenderedEmail:
    """Every change a sender should know of: new state, date, and the reason or note in full."""
    before = [
        f"{headline} Número de trámite: {tracking_number}.",
        f"Asunto: {subject}",
        f"Estado: {status_label}",
        f"Dependencia a cargo: {destination}",
        f"Fecha y hora: {when_text} (hora de Lima).",
    ]
    if note:
        before.append(f"{note_label}: {note}")
    return _render(
        subject=f"Correspondencia {tracking_number}: {status_label}" + SUBJECT_SUFFIX,
        greeting=f"Estimado(a) {name}:",
        before=before,
        link=_Link(url=link, label="Ver el detalle y el historial de su trámite"),
    )
