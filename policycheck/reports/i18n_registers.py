"""Words of the DPIA screening, the breach register and the transfer register, in English and Swedish.

Merged into :data:`policycheck.reports.i18n.STRINGS` (same keys in both languages).
"""

from __future__ import annotations

REGISTER_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "area.impact-assessments": "Impact assessments",
        "area.registers": "Breach register",
        # the nine WP248 criteria
        "dpia.criterion.scoring": "evaluation or scoring",
        "dpia.criterion.automated-decisions": "automated decisions with legal or similar effect",
        "dpia.criterion.monitoring": "systematic monitoring",
        "dpia.criterion.sensitive": "special categories or data of a highly personal nature",
        "dpia.criterion.large-scale": "large scale",
        "dpia.criterion.combining": "matching or combining datasets",
        "dpia.criterion.vulnerable": "vulnerable data subjects",
        "dpia.criterion.innovative": "innovative use of technology",
        "dpia.criterion.blocks-rights": "prevents exercising a right or using a service",
        # evidence
        "dpia.ev.category": "category {v}",
        "dpia.ev.system": "system {v}",
        "dpia.ev.processor": "processor {v}",
        "dpia.ev.path": "path {v}",
        "dpia.ev.flow": "flow {v} (holds data for {purposes})",
        "dpia.ev.subjects": "subjects {v}",
        "dpia.ev.estimate": "subjects_estimate {v} ≥ {threshold}",
        "dpia.ev.declared": "declared in dpia_criteria",
        "dpia.ev.declared_too": "also declared in dpia_criteria",
        # verdicts
        "dpia.verdict.required": "DPIA required",
        "dpia.verdict.likely": "DPIA likely required",
        "dpia.verdict.not-indicated": "not indicated",
        "dpia.verdict.art35_3.a": "Art. 35(3)(a): systematic evaluation with automated decisions",
        "dpia.verdict.art35_3.b": "Art. 35(3)(b): special categories on a large scale",
    },
    "sv": {
        "area.impact-assessments": "Konsekvensbedömningar",
        "area.registers": "Incidentregister",
        "dpia.criterion.scoring": "utvärdering eller poängsättning",
        "dpia.criterion.automated-decisions": (
            "automatiserat beslutsfattande med rättslig eller liknande betydande verkan"
        ),
        "dpia.criterion.monitoring": "systematisk övervakning",
        "dpia.criterion.sensitive": "känsliga uppgifter eller uppgifter av mycket personlig karaktär",
        "dpia.criterion.large-scale": "behandling i stor omfattning",
        "dpia.criterion.combining": "matchning eller sammanförande av datamängder",
        "dpia.criterion.vulnerable": "sårbara registrerade",
        "dpia.criterion.innovative": "innovativ användning av teknik",
        "dpia.criterion.blocks-rights": "hindrar de registrerade att utöva en rättighet eller använda en tjänst",
        "dpia.ev.category": "kategorin {v}",
        "dpia.ev.system": "systemet {v}",
        "dpia.ev.processor": "biträdet {v}",
        "dpia.ev.path": "vägen {v}",
        "dpia.ev.flow": "flödet {v} (har uppgifter för {purposes})",
        "dpia.ev.subjects": "registrerade {v}",
        "dpia.ev.estimate": "subjects_estimate {v} ≥ {threshold}",
        "dpia.ev.declared": "angivet i dpia_criteria",
        "dpia.ev.declared_too": "även angivet i dpia_criteria",
        "dpia.verdict.required": "Konsekvensbedömning krävs",
        "dpia.verdict.likely": "Konsekvensbedömning krävs sannolikt",
        "dpia.verdict.not-indicated": "inte indikerad",
        "dpia.verdict.art35_3.a": "art. 35.3 a: systematisk utvärdering med automatiserade beslut",
        "dpia.verdict.art35_3.b": "art. 35.3 b: känsliga uppgifter i stor omfattning",
    },
}
