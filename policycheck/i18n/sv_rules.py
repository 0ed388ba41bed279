"""Swedish words of the rule docs (``policycheck rules explain``) and of the facts the rule messages
quote: part of the Swedish catalogue (:mod:`policycheck.i18n.sv`; the keys of
:mod:`policycheck.i18n.en_rules` exactly)."""

WORDS: dict[str, str] = {
    "docs.section.what": "Vad regeln kontrollerar",
    "docs.section.why": "Varför det spelar roll",
    "docs.section.example": "Exempel",
    "docs.section.fix": "Så åtgärdar du",
    "docs.label.severity": "Allvarlighetsgrad",
    "docs.label.area": "Område",
    "docs.label.articles": "Artiklar",
    "docs.label.source": "Källa",
    "docs.label.checks": "Kontrollerar",
    "docs.label.each": "varje",
    "docs.label.defined": "Definierad i",
    "docs.label.parameters": "Parametrar",
    "docs.label.params.name": "namn",
    "docs.label.params.default": "standardvärde",
    "docs.label.params.override": "Ändra dem i `policycheck.yaml`",
    "docs.label.message": "Meddelande",
    "docs.label.references": "Referenser",
    "docs.label.examples": "Testade exempel",
    "docs.label.examples.intro": "`policycheck rules test` kör vart och ett av dem.",
    "docs.label.examples.on": "på",
    "docs.label.fires": "slår till",
    "docs.label.passes": "slår inte till",
    # the areas as the gap report names them
    "docs.area.inventory": "Register och ändamål",
    "docs.area.erasure-security": "Radering och säkerhet",
    "docs.area.processors": "Personuppgiftsbiträden",
    "docs.area.transfers": "Överföringar utanför EU/EES",
    "docs.area.readiness": "Policydokument och beredskap",
    "docs.area.evidence": "Underlag och ansvarsskyldighet",
    "docs.area.impact-assessments": "Konsekvensbedömningar",
    "docs.area.registers": "Incidentregister",
    "docs.area.waivers": "Undantag",
    "docs.area.custom": "Organisationens egna regler",
    "fact.why_not.missing": "filen finns inte i repot",
    "fact.why_not.outside": "sökvägen leder ut ur repot: en absolut sökväg, `..` eller en symbolisk länk ut ur det",
    "fact.why_not.not-a-file": "inte en fil (en katalog?)",
    "fact.why_not.http": "en `http://`-adress: använd `https://`-adressen",
    "fact.why_not.url": "en adress som inte börjar med `https://`",
    "fact.condition.missing": "inget `special_condition` anges",
    "fact.condition.unknown": (
        "`special_condition: {value}` är inget villkor i listan (fritext är inget villkor{hint})"
    ),
    "fact.condition.hint": "; menade du `{hint}`?",
    "fact.condition.basis": "`national-law` kräver bestämmelsen i `special_condition_basis`",
    "fact.condition.not-art10": (
        "`{value}` är ett villkor i artikel 9.2 och ger inget stöd för uppgifter om lagöverträdelser: ange "
        "`national-law` med bestämmelsen i `special_condition_basis`"
    ),
    "fact.no_adequacy": "{country} (inget beslut om adekvat skyddsnivå)",
    "fact.dpf_us_only": "{country} (`dpf` gäller bara USA)",
    "fact.levels_field": "fältet `levels`",
    "fact.at_rest.locked": "inlåst förvaring",
    "fact.at_rest.encryption": "kryptering av lagrad data",
}
