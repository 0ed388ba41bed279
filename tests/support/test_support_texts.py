"""The support outputs' text catalog and plain-language wording."""

from __future__ import annotations

import string

import pytest

from policycheck.i18n import en, en_support, sv, sv_support
from policycheck.support import wording
from policycheck.support.phrase import tr
from policycheck.support.templating import cite


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_support_words_are_in_the_one_catalogue_per_language() -> None:
    assert set(en_support.WORDS) == set(sv_support.WORDS)
    assert all(key.startswith("support.") for key in en_support.WORDS)
    for key in en_support.WORDS:
        assert en.WORDS[key] == en_support.WORDS[key] and sv.WORDS[key] == sv_support.WORDS[key], key
    with pytest.raises(KeyError):
        tr("no.such.key", "en")


@pytest.mark.parametrize("key", sorted(en_support.WORDS))
def test_every_text_exists_in_both_languages_with_the_same_fields(key: str) -> None:
    texts = {"en": en_support.WORDS[key], "sv": sv_support.WORDS[key]}
    assert all(text.strip() for text in texts.values()), key
    assert _fields(texts["en"]) == _fields(texts["sv"]), key


@pytest.mark.parametrize(
    ("iso", "en", "sv"),
    [
        ("P2Y", "2 years", "2 år"),
        ("P1Y", "1 year", "1 år"),
        ("P6M", "6 months", "6 månader"),
        ("P1M", "1 month", "1 månad"),
        ("P90D", "90 days", "90 dagar"),
        ("P1D", "1 day", "1 dag"),
        ("P2W", "2 weeks", "2 veckor"),
        ("P1Y6M", "1 year and 6 months", "1 år och 6 månader"),
        ("P1Y2M3D", "1 year, 2 months and 3 days", "1 år, 2 månader och 3 dagar"),
    ],
)
def test_durations_in_plain_words(iso: str, en: str, sv: str) -> None:
    assert wording.duration(iso, "en") == en
    assert wording.duration(iso, "sv") == sv


def test_retention_with_its_start() -> None:
    from policycheck.model.types import Duration

    assert wording.retention(Duration.parse("P2Y"), "case-closed", "en") == "2 years after the case is closed"
    assert wording.retention(Duration.parse("P2Y"), "case-closed", "sv") == "2 år efter att ärendet har avslutats"
    assert wording.retention(Duration.parse("P3M"), "first-login", "en") == "3 months counted from “first login”"
    assert wording.retention(None, None, "sv") == "[lagringstid saknas]"


def test_laws_are_matched_to_the_reference() -> None:
    (bfl,) = wording.laws("Bokföringslagen (1999:1078) 7 kap. 2 §")
    assert (bfl.id, bfl.period, bfl.verified) == ("bokforingslagen-7-kap-2", "P7Y", False)
    kkl, ptl = wording.laws("Konsumentköplagen (2022:260) 5 kap. 2 §; Preskriptionslagen (1981:130) 2 §")
    assert (kkl.id, ptl.id) == ("konsumentkoplagen-5-kap-2", "preskriptionslagen-2")
    assert wording.erasure_exception((kkl, ptl)) == "Art. 17(3)(e)"
    assert wording.erasure_exception((bfl,)) == "Art. 17(3)(b)"
    (unknown,) = wording.laws("Lag om något annat (2030:1)")
    assert unknown.id is None and wording.erasure_exception((unknown,)) == "Art. 17(3)(b)"


def test_articles_are_cited_in_swedish_style() -> None:
    assert cite("Art. 17(3)(b)", "sv") == "art. 17.3 b"
    assert cite("(Art. 12(3): one month)", "sv") == "(art. 12.3: one month)"
    assert cite("Art. 19", "sv") == "art. 19"
    assert cite("Art. 28(3)(e)(g)", "sv") == "art. 28.3 e och g"
    assert cite("Art. 17(3)(b)", "en") == "Art. 17(3)(b)"


def test_safeguards_and_bases_in_plain_words() -> None:
    assert "Data Privacy Framework" in wording.safeguard("US", "dpf", "adequacy-partial", False, "en")
    ch = wording.safeguard("CH", "adequacy", "adequacy", False, "sv")
    assert ch.startswith("EU-kommissionen har beslutat att Schweiz")
    assert wording.safeguard("IN", None, "none", False, "en").startswith("no safeguard")
    assert wording.safeguard("US", "scc", "safeguard", True, "en").endswith("with an assessment of the country's laws")
    assert wording.lawful_basis("legal-obligation", "sv") == "för att lagen kräver det"
    assert wording.lawful_basis(None, "en") == "[lawful basis not declared]"
    assert wording.country_name("US", "en") == "the United States"
    assert wording.country_label("US", "sv") == "USA (US)"
    assert wording.country_name("KR", "en", article=False) == "South Korea"
    assert tr("subject.the.customer", "sv") == "kunden"
    assert wording.subject_the("job-applicant", "en") == "the job applicant"
    assert wording.subject_the("job-applicant", "sv") == "den registrerade"


@pytest.mark.parametrize(
    ("start", "en", "sv"),
    [
        ("call", "90 days after the call", "90 dagar efter samtalet"),
        ("case-closed", "90 days after the case is closed", "90 dagar efter att ärendet har avslutats"),
        ("collection", "90 days after we receive the data", "90 dagar efter att vi har fått uppgifterna"),
        ("consent-withdrawn", "90 days after you withdraw your consent",
         "90 dagar efter att du har återkallat ditt samtycke"),
        ("contract-ended", "90 days after the contract ends", "90 dagar efter att avtalet har upphört"),
        ("order-delivered", "90 days after delivery", "90 dagar efter leveransen"),
        ("account-closed", "90 days after the account is closed", "90 dagar efter att kontot har avslutats"),
        ("last-contact", "90 days after your last contact with us", "90 dagar efter din senaste kontakt med oss"),
        ("first-login", "90 days counted from “first login”", "90 dagar räknat från ”first login”"),
    ],
)
def test_retention_starts_in_words(start: str, en: str, sv: str) -> None:
    from policycheck.model.types import Duration

    assert wording.retention(Duration.parse("P90D"), start, "en") == en
    assert wording.retention(Duration.parse("P90D"), start, "sv") == sv


def test_backup_retention_and_the_unverified_marker() -> None:
    from policycheck.model.types import Duration

    assert wording.backup_retention(Duration.parse("P35D"), "en") == (
        "copies are kept for up to 35 days after the data is deleted from the source"
    )
    assert wording.unverified("sv") == "(ej verifierat: kontrollera innan du förlitar dig på det)"
    refs = wording.laws("Bokföringslagen 7 kap. 2 §")
    assert wording.law_text("BFL", refs, "en") == "BFL (unverified: confirm before relying on it)"
    unknown = wording.laws("Lag om något annat (2030:1)")
    assert wording.law_text("X", unknown, "en") == "X"  # not reference data: nothing to mark


def test_country_names_come_from_the_catalogue() -> None:
    assert wording.country_name("GB", "en") == "the United Kingdom"
    assert wording.country_name("GB", "en", article=False) == "United Kingdom"
    assert wording.country_name("GB", "sv") == "Storbritannien"
    # countries named in English only before: Swedish names now
    assert (wording.country_name("KP", "sv"), wording.country_name("MD", "sv")) == ("Nordkorea", "Moldavien")
    # a country the catalogue does not name: the reference data's name
    assert wording.country_name("DE", "en") == "Germany" and wording.country_name("KE", "en") == "Kenya"
