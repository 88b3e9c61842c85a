from __future__ import annotations

import pytest

from mpv_app.domain.enums import IdentityDocType
from mpv_app.domain.validators import (
    PASSWORD_RULES,
    ValidationError,
    normalize_email,
    password_rule_results,
    ruc_check_digit,
    validate_dni,
    validate_foreigner_card,
    validate_identity,
    validate_passport,
    validate_password,
    validate_phone,
    validate_required,
    validate_ruc,
)

# Real, public RUCs: PETROPERÚ, SUNAT, Banco de Crédito del Perú.
REAL_RUCS = ["20100128218", "20131312955", "20100047218"]
RUC_CHECK_MSG = "El RUC no es válido: revise el dígito verificador."
EMAIL_MSG = "Ingrese un correo electrónico válido."
GOOD_PASSWORD = "Petroperu2026"


def test_validation_error_carries_field_and_message() -> None:
    error = ValidationError("dni", "El DNI debe tener 8 dígitos.")
    assert isinstance(error, ValueError)
    assert (error.field, error.message, str(error)) == (
        "dni",
        "El DNI debe tener 8 dígitos.",
        error.message,
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12345678", "12345678"), (" 01234567 ", "01234567"), ("4567 8901", "45678901")],
)
def test_valid_dni(raw: str, expected: str) -> None:
    assert validate_dni(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", None, "1234567", "123456789", "1234567A", "12.345.678", "١٢٣٤٥٦٧٨"]
)
def test_invalid_dni(raw: str | None) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_dni(raw)
    assert exc.value.field == "document_number"
    assert exc.value.message == "El DNI debe tener 8 dígitos."


@pytest.mark.parametrize("ruc", REAL_RUCS)
def test_real_rucs_pass(ruc: str) -> None:
    assert validate_ruc(ruc) == ruc
    assert validate_ruc(f" {ruc[:5]} {ruc[5:]} ") == ruc
    assert ruc_check_digit(ruc[:10]) == int(ruc[10])


@pytest.mark.parametrize("ruc", REAL_RUCS)
@pytest.mark.parametrize("delta", range(1, 10))
def test_real_rucs_with_wrong_last_digit_fail(ruc: str, delta: int) -> None:
    tampered = ruc[:10] + str((int(ruc[10]) + delta) % 10)
    with pytest.raises(ValidationError, match=RUC_CHECK_MSG) as exc:
        validate_ruc(tampered)
    assert exc.value.message == RUC_CHECK_MSG


@pytest.mark.parametrize(
    ("first_ten", "digit"),
    # Remainder 1 gives r = 10 -> 0; remainder 0 gives r = 11 -> 1.
    [("2010012821", 8), ("1000000009", 0), ("1000000003", 1)],
)
def test_ruc_check_digit_wraps_10_and_11(first_ten: str, digit: int) -> None:
    assert ruc_check_digit(first_ten) == digit


@pytest.mark.parametrize("raw", ["30100128218", "00000000000", "11100128218", "21100128218"])
def test_ruc_bad_prefix(raw: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_ruc(raw)
    assert exc.value.message == "El RUC debe empezar con 10, 15, 16, 17 o 20."


@pytest.mark.parametrize(
    "raw", ["", None, "2010012821", "201001282189", "2010012821A", "20-10012821"]
)
def test_ruc_bad_length_or_characters(raw: str | None) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_ruc(raw)
    assert exc.value.message == "El RUC debe tener 11 dígitos."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("001234567", "001234567"), ("abc123456789", "ABC123456789"), (" x12 345 678 ", "X12345678")],
)
def test_foreigner_card_valid_bounds(raw: str, expected: str) -> None:
    assert validate_foreigner_card(raw) == expected


@pytest.mark.parametrize("raw", ["", "12345678", "1234567890123", "12345678-9", "ÑANDU12345"])
def test_foreigner_card_invalid_bounds(raw: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_foreigner_card(raw)
    assert exc.value.message == "El carné de extranjería debe tener entre 9 y 12 letras o números."


@pytest.mark.parametrize(
    ("raw", "expected"), [("ab1234", "AB1234"), ("123456789012", "123456789012")]
)
def test_passport_valid_bounds(raw: str, expected: str) -> None:
    assert validate_passport(raw) == expected


@pytest.mark.parametrize("raw", ["", "AB123", "1234567890123", "AB-1234"])
def test_passport_invalid_bounds(raw: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_passport(raw)
    assert exc.value.message == "El pasaporte debe tener entre 6 y 12 letras o números."


@pytest.mark.parametrize(
    ("doc_type", "raw", "expected"),
    [
        (IdentityDocType.DNI, "12345678", "12345678"),
        (IdentityDocType.FOREIGNER_CARD, "ce1234567", "CE1234567"),
        (IdentityDocType.PASSPORT, "pa12345", "PA12345"),
        (IdentityDocType.RUC, "20100128218", "20100128218"),
        (IdentityDocType.FOREIGN_TAX_ID, " de 123/45.6-7 ", "DE 123/45.6-7"),
        (IdentityDocType.FOREIGN_TAX_ID, "ab1", "AB1"),
    ],
)
def test_validate_identity_dispatches(doc_type: IdentityDocType, raw: str, expected: str) -> None:
    assert validate_identity(doc_type, raw) == expected


@pytest.mark.parametrize(
    ("doc_type", "raw", "message"),
    [
        (IdentityDocType.DNI, "20100128218", "El DNI debe tener 8 dígitos."),
        (IdentityDocType.RUC, "12345678", "El RUC debe tener 11 dígitos."),
        (
            IdentityDocType.PASSPORT,
            "12345678901234",
            "El pasaporte debe tener entre 6 y 12 letras o números.",
        ),
        *(
            (
                IdentityDocType.FOREIGN_TAX_ID,
                raw,
                "El número de identificación tributaria debe tener entre 3 y 30 caracteres: "
                "letras, números, espacios, puntos, guiones o barras.",
            )
            for raw in ["AB", "A" * 31, "12#45", "---", ""]
        ),
    ],
)
def test_validate_identity_rejects(doc_type: IdentityDocType, raw: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_identity(doc_type, raw)
    assert exc.value.message == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Juan.Perez@PetroPeru.com.PE  ", "juan.perez@petroperu.com.pe"),
        ("ANA@EXAMPLE.ORG", "ana@example.org"),
        ("a+b@mail.co", "a+b@mail.co"),
    ],
)
def test_email_normalization(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        None,
        "juan",
        "@petroperu.com.pe",
        "juan@",
        "juan@localhost",
        "juan@@petroperu.pe",
        "juan@pe@troperu.pe",
        "juan perez@petroperu.pe",
        "juan@.pe",
        "juan@petroperu.",
        "juan@petro..pe",
        "a@" + "b" * 250 + ".pe",
    ],
)
def test_bad_emails(raw: str | None) -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_email(raw)
    assert (exc.value.field, exc.value.message) == ("email", EMAIL_MSG)


@pytest.mark.parametrize(
    "raw", ["987654321", "+51 987 654 321", "(01) 614-5000", "123456", " 01 6145000 "]
)
def test_valid_phone(raw: str) -> None:
    assert validate_phone(raw) == raw.strip()


@pytest.mark.parametrize(
    "raw", ["", None, "12345", "+51 (1) 23", "98765432a", "9" * 21, "987.654.321", "+-() +-() 12"]
)
def test_invalid_phone(raw: str | None) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_phone(raw)
    assert exc.value.field == "phone"
    assert exc.value.message.startswith("Ingrese un teléfono válido")


def test_validate_required() -> None:
    assert validate_required("subject", "  Solicitud de información  ", "el asunto", 30) == (
        "Solicitud de información"
    )
    for empty in ("", "   ", None):
        with pytest.raises(ValidationError) as exc:
            validate_required("subject", empty, "el asunto", 30)
        assert (exc.value.field, exc.value.message) == ("subject", "Ingrese el asunto.")
    with pytest.raises(ValidationError) as exc:
        validate_required("subject", "x" * 31, "el asunto", 30)
    assert exc.value.message == "El asunto admite como máximo 30 caracteres."
    assert validate_required("subject", "x" * 30, "el asunto", 30) == "x" * 30


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", "Ingrese una contraseña."),
        ("Petro2026", "La contraseña debe tener al menos 10 caracteres."),
        ("petroperu2026", "La contraseña debe tener una letra mayúscula."),
        ("PETROPERU2026", "La contraseña debe tener una letra minúscula."),
        ("PetroperuTalara", "La contraseña debe tener un número."),
        # Several failures: the first rule in display order is named.
        ("abc", "La contraseña debe tener al menos 10 caracteres."),
    ],
)
def test_password_rules_one_by_one(password: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_password(password, password)
    assert (exc.value.field, exc.value.message) == ("password", message)


def test_password_valid_and_returned_unchanged() -> None:
    assert validate_password(GOOD_PASSWORD, GOOD_PASSWORD) == GOOD_PASSWORD
    assert validate_password(" Ñandú 2026 x ", " Ñandú 2026 x ") == " Ñandú 2026 x "


def test_password_mismatch() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_password(GOOD_PASSWORD, GOOD_PASSWORD + "x")
    assert (exc.value.field, exc.value.message) == (
        "password_confirmation",
        "Las contraseñas no coinciden.",
    )


@pytest.mark.parametrize(
    ("password", "email"),
    [("Jperez2026!", "jperez@petroperu.com.pe"), ("xxJPEREZx99", "JPerez@mail.com")],
)
def test_password_must_not_contain_email(password: str, email: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_password(password, password, email=email)
    assert (exc.value.field, exc.value.message) == (
        "password",
        "La contraseña no debe contener su correo.",
    )


def test_short_email_local_part_is_not_checked() -> None:
    # "ana" is under 4 characters: too common to forbid inside a password.
    assert validate_password("Banana2026x", "Banana2026x", email="ana@mail.com") == "Banana2026x"


def test_password_rule_results_show_which_pass() -> None:
    labels = [rule.label for rule in PASSWORD_RULES]
    assert labels == [
        "Al menos 10 caracteres",
        "Una letra mayúscula",
        "Una letra minúscula",
        "Un número",
    ]
    assert password_rule_results("") == [(label, False) for label in labels]
    assert password_rule_results("abc1") == list(
        zip(labels, [False, False, True, True], strict=True)
    )
    assert password_rule_results("ABCDEFGHIJ") == list(
        zip(labels, [True, True, False, False], strict=True)
    )
    assert password_rule_results(GOOD_PASSWORD) == [(label, True) for label in labels]
    assert [rule.key for rule in PASSWORD_RULES] == [
        "min_length",
        "uppercase",
        "lowercase",
        "digit",
    ]
