"""The texts a sender accepts at registration; the version is stored with each consent."""

from __future__ import annotations

TERMS_VERSION = "2026.1"
PRIVACY_VERSION = "2026.1"

TERMS_TITLE = "Términos y condiciones de uso de la Mesa de Partes Virtual"
TERMS_TEXT = (
    "1. La Mesa de Partes Virtual de PETROPERÚ S.A. permite presentar correspondencia sin acudir "
    "a nuestras oficinas. Está disponible las 24 horas; lo presentado fuera del horario de "
    "atención (lunes a viernes de 07:00 a 16:36, hora de Lima, excepto feriados) se considera "
    "recibido el siguiente día hábil.",
    "2. El usuario es responsable de la veracidad de los datos y documentos que presenta, y de "
    "custodiar su contraseña. Toda presentación hecha con su cuenta se le atribuye.",
    "3. El registro de la correspondencia no implica su conformidad ni aceptación: PETROPERÚ "
    "revisa cada documento y puede rechazarlo indicando el motivo.",
    "4. El documento principal debe presentarse en PDF. Los contratos, órdenes de servicio y OTT "
    "solo se aceptan firmados digitalmente. El tamaño total por envío no puede superar 20 MB.",
    "5. Las notificaciones sobre el estado de su trámite se envían al correo electrónico "
    "registrado, que el usuario se compromete a mantener activo.",
)

PRIVACY_TITLE = "Política de protección de datos personales"
PRIVACY_TEXT = (
    "En cumplimiento de la Ley N.° 29733, Ley de Protección de Datos Personales, y su "
    "reglamento, PETROPERÚ S.A. informa que los datos personales que usted registre serán "
    "tratados para gestionar su cuenta, atender la correspondencia que presente y comunicarle "
    "su estado.",
    "Sus datos se almacenan en el banco de datos de PETROPERÚ S.A., no se ceden a terceros salvo "
    "obligación legal, y se conservan durante el plazo que exige la normativa de archivo.",
    "Puede ejercer sus derechos de acceso, rectificación, cancelación y oposición escribiendo a "
    "Trámite Documentario (6145000 anexo 14344).",
)
