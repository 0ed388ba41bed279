"""Swedish words of the support answers (erasure-plan, access-plan, breach-impact, transparency).

Merged into :data:`policycheck.i18n.sv.WORDS`; keys are ``support.<...>`` (the keys of
:mod:`policycheck.i18n.en_support` exactly, with the same fields). Swedish follows the terms
of the Swedish GDPR text and IMY: personuppgiftsincident, personuppgiftsbiträde, underbiträde,
den registrerade, dataskyddsombud, Integritetsskyddsmyndigheten (IMY).
"""

WORDS: dict[str, str] = {
    # --- shared words ---------------------------------------------------------------------
    "support.yes": "ja",
    "support.no": "nej",
    "support.unknown": "okänt",
    "support.none": "inga",
    "support.and": "och",
    "support.not_declared": "inte angivet",
    "support.unverified": "ej verifierat: kontrollera innan du förlitar dig på det",
    "support.special_mark": "särskild kategori (art. 9)",
    "support.criminal_mark": "uppgifter om lagöverträdelser (art. 10)",
    "support.kind_system": "system",
    "support.kind_processor": "personuppgiftsbiträde",
    "support.kind_recipient": "mottagare",
    "support.recipient_role": "mottagare (självständigt personuppgiftsansvarig)",
    "support.subprocessor_role": "underbiträde",
    "support.declared_in": "deklarerat i {file}:{line}",
    "support.placeholder": "[{what}]",
    "support.purpose_unnamed": "ändamål inte angivet",
    # --- system kinds -------------------------------------------------------------------------
    "support.system_kind.phone": "telefon",
    "support.system_kind.email": "e-post",
    "support.system_kind.chat": "chatt",
    "support.system_kind.ticketing": "ärendehantering",
    "support.system_kind.crm": "kundregister (CRM)",
    "support.system_kind.analytics": "statistik",
    "support.system_kind.knowledge-base": "kunskapsbas",
    "support.system_kind.notes": "anteckningar",
    "support.system_kind.paper": "papper",
    "support.system_kind.backup": "säkerhetskopior",
    "support.system_kind.other": "övrigt",
    # --- Art. 9(2) conditions -------------------------------------------------------------------
    "support.condition.for": "för {categories}: {condition}",
    "support.condition.missing": "för {categories}: inget villkor enligt art. 9.2 är angivet",
    "support.condition.explicit-consent": "ditt uttryckliga samtycke (art. 9.2 a)",
    "support.condition.employment": "skyldigheter inom arbetsrätt och socialt skydd (art. 9.2 b)",
    "support.condition.vital-interests": (
        "för att skydda någons grundläggande intressen när samtycke inte kan ges (art. 9.2 c)"
    ),
    "support.condition.non-profit": "vår verksamhet som ideell organisation, för våra medlemmar (art. 9.2 d)",
    "support.condition.made-public": "uppgifter som du själv har offentliggjort (art. 9.2 e)",
    "support.condition.legal-claims": "för att fastställa, göra gällande eller försvara rättsliga anspråk (art. 9.2 f)",
    "support.condition.substantial-public-interest": "ett viktigt allmänintresse enligt lag (art. 9.2 g)",
    "support.condition.health-care": "hälso- och sjukvård eller social omsorg (art. 9.2 h)",
    "support.condition.public-health": "folkhälsa (art. 9.2 i)",
    "support.condition.archiving-research": "arkivering, forskning eller statistik (art. 9.2 j)",
    "support.retention_missing": "[lagringstid saknas]",
    # a backup's own retention: how long copies outlive the data in the source
    "support.retention.backup": (
        "kopiorna sparas i upp till {duration} efter att uppgifterna har raderats i källsystemet"
    ),
    # --- lawful bases in plain words --------------------------------------------------------------
    "support.basis.consent": "ditt samtycke, som du när som helst kan återkalla",
    "support.basis.contract": "för att fullgöra vårt avtal med dig",
    "support.basis.legal-obligation": "för att lagen kräver det",
    "support.basis.vital-interests": "för att skydda någons liv eller hälsa",
    "support.basis.public-task": "för att utföra en uppgift av allmänt intresse",
    "support.basis.legitimate-interests": "vårt berättigade intresse, som vi har vägt mot ditt intresse av integritet",
    "support.basis.missing": "[rättslig grund saknas]",
    # --- transfer safeguards in plain words -----------------------------------------------------
    "support.safeguard.adequacy": (
        "EU-kommissionen har beslutat att {country} har en adekvat skyddsnivå för personuppgifter"
    ),
    "support.safeguard.dpf": (
        "företaget är certifierat enligt EU-U.S. Data Privacy Framework, som EU-kommissionen har bedömt ger en "
        "adekvat skyddsnivå"
    ),
    "support.safeguard.adequacy-partial": (
        "företaget omfattas av EU-kommissionens beslut om adekvat skyddsnivå för {country}"
    ),
    "support.safeguard.scc": "EU:s standardavtalsklausuler (EU-kommissionens standardavtal)",
    "support.safeguard.bcr": "bindande företagsbestämmelser som har godkänts av dataskyddsmyndigheter",
    "support.safeguard.derogation": "ett undantag för särskilda situationer (artikel 49 i dataskyddsförordningen)",
    "support.safeguard.none": "inget skydd enligt dataskyddsförordningens regler om överföringar finns ännu på plats",
    "support.safeguard.tia": "med en bedömning av landets lagar",
    # --- data subjects ------------------------------------------------------------------------
    # Swedish has no word for an arbitrary subject type: "den registrerade" stands for all (the
    # field is there, formatted to nothing, so that both languages take the same fields)
    "support.subject.the": "den registrerade{subject:.0}",
    "support.subject.the.customer": "kunden",
    "support.subject.possessive": "den registrerades{subject:.0}",
    "support.subject.possessive.customer": "kundens",
    # --- rights (Art. 15-22, 7(3), 77) ----------------------------------------------------------
    "support.right.access": "Tillgång: du kan begära en kopia av de personuppgifter vi har om dig (registerutdrag).",
    "support.right.rectification": "Rättelse: du kan få felaktiga eller ofullständiga uppgifter rättade.",
    "support.right.erasure": (
        "Radering: du kan få dina uppgifter raderade när vi inte längre behöver dem eller inte har rätt att spara "
        "dem. Vissa uppgifter måste vi spara enligt lag, till exempel bokföring."
    ),
    "support.right.restriction": (
        "Begränsning: du kan begära att vi sparar dina uppgifter men inte använder dem, till exempel medan vi "
        "utreder en rättelse du har begärt."
    ),
    "support.right.notification": (
        "Vi meddelar dem som vi har lämnat ut dina uppgifter till när vi rättar, raderar eller begränsar dem, och "
        "berättar vilka de är om du frågar."
    ),
    "support.right.portability": (
        "Dataportabilitet: du kan få ut de uppgifter du själv har lämnat i ett maskinläsbart format när vi använder "
        "dem med stöd av vårt avtal med dig eller ditt samtycke."
    ),
    "support.right.objection": (
        "Invändning: du kan invända mot att vi använder dina uppgifter med stöd av vårt berättigade intresse, och "
        "alltid mot direktmarknadsföring."
    ),
    "support.right.automated": (
        "Du har rätt att inte bli föremål för ett beslut som enbart grundas på automatiserad behandling och som "
        "påverkar dig i betydande grad."
    ),
    "support.right.withdraw": (
        "När vi stöder oss på ditt samtycke kan du när som helst återkalla det; det påverkar inte det vi har gjort "
        "innan."
    ),
    "support.right.complaint": "Du kan klaga hos tillsynsmyndigheten, {authority}{website}.",
    "support.right.answer_time": (
        "Vi svarar på begäranden inom en månad. Är en begäran komplicerad kan vi behöva ytterligare två månader; i "
        "så fall meddelar vi dig inom den första månaden."
    ),
    "support.authority_unknown": "[tillsynsmyndigheten i det land där du bor eller arbetar]",
    # --- erasure plan -------------------------------------------------------------------------
    "support.erasure.title": "Raderingsplan för {subject}: {org}",
    "support.erasure.subject_type": "Registrerade: {id}",
    "support.recipient_kind.authority": "myndighet",
    "support.recipient_kind.partner": "samarbetspartner",
    "support.recipient_kind.other": "annan personuppgiftsansvarig",
    "support.erasure.deadline": (
        "Begäran mottogs {as_of}. Tidsfrist: {deadline} (art. 12.3: en månad). Är begäran komplicerad kan fristen "
        "förlängas med två månader, till {extended}; meddela i så fall {subject} före {deadline}."
    ),
    "support.erasure.summary": "{n} steg: {counts}.",
    "support.erasure.summary.1": "{n} steg: {counts}.",
    "support.erasure.nothing": "Inget ställe innehåller {subjects} uppgifter: det finns inget att radera.",
    "support.erasure.gaps": "Blockerande luckor",
    "support.erasure.gaps.intro": "Raderingen kan inte slutföras förrän dessa är åtgärdade:",
    "support.erasure.no_gaps": "Inga blockerande luckor: alla ställen som tar emot uppgifterna har en rutin.",
    "support.erasure.fix": "Åtgärd",
    "support.erasure.steps": "Steg",
    "support.erasure.data": "Uppgifter",
    "support.erasure.do": "Gör",
    "support.erasure.procedure": "Rutin",
    "support.erasure.owner": "Ägare",
    "support.erasure.processor": "Personuppgiftsbiträde",
    "support.erasure.via": "Instruera via",
    "support.erasure.fed_by": "Uppgifterna kommer från",
    "support.erasure.notes": "Att tänka på",
    "support.erasure.automated": "automatisk",
    "support.erasure.manual": "manuell",
    "support.erasure.within_days": "inom {days}",
    "support.erasure.rotation_until": "sista kopian överskriven senast {date}",
    "support.erasure.channel": "kundkanal",
    "support.erasure.special": "innehåller känsliga personuppgifter, art. 9",
    "support.erasure.criminal": "innehåller uppgifter om lagöverträdelser, art. 10",
    "support.erasure.recipients": "Mottagare att informera (art. 19)",
    "support.erasure.caveats": "Förbehåll",
    "support.erasure.anonymized": "Tar bara emot anonymiserade uppgifter (inget steg)",
    "support.erasure.anonymized.item": "{name}: tar bara emot {categories} i anonymiserad form, från {sources}.",
    "support.erasure.cycles": "Slingor (radera tillsammans)",
    "support.erasure.closing_title": "När alla steg är klara",
    "support.erasure.closing": (
        "Bekräfta skriftligen för {subject} vad som har raderats, vad som sparas och varför (lagen och hur länge), "
        "och vilka mottagare som har informerats. Dokumentera begäran och svaret."
    ),
    "support.erasure.overview": "Översikt",
    "support.erasure.col.place": "Ställe",
    "support.erasure.col.kind": "Typ",
    "support.erasure.col.action": "Åtgärd",
    "support.erasure.col.owner": "Ägare",
    "support.action.delete": "radera",
    "support.action.anonymize": "anonymisera",
    "support.action.restrict": "behåll och begränsa",
    "support.action.no-routine": "RUTIN SAKNAS",
    "support.action.instruct": "instruera biträde",
    "support.action.inform": "informera mottagare",
    "support.action.none": "inget sparas",
    "support.erasure.order_rationale": (
        "Varför denna ordning: uppströms först. Varje ställe kommer efter alla ställen som skickar uppgifterna dit, "
        "så att inget flöde från ett ställe som ännu inte har raderats kan skicka tillbaka uppgifterna till ett "
        "ställe som redan har raderats (raderar man nedströms först kan till exempel en chattintegration återskapa "
        "ett raderat ärende). Personuppgiftsbiträden kommer efter systemen de driver, underbiträden efter sitt "
        "biträde och mottagare sist. Ställen som skickar uppgifter till varandra i en slinga raderas tillsammans, "
        "med flödena mellan dem pausade."
    ),
    "support.erasure.kept": (
        "Behåll {categories} som sparas för ”{purpose}”: {law} kräver att uppgifterna sparas ({article}). Begränsa "
        "behandlingen: använd uppgifterna bara för det lagen kräver och radera dem när tiden har gått ut "
        "({retention})."
    ),
    "support.erasure.kept.claims": (
        "Behåll {categories} som sparas för ”{purpose}”: uppgifterna kan behövas för att fastställa, göra gällande "
        "eller försvara rättsliga anspråk inom fristerna i {claims_law} ({article}); fristerna innebär ingen "
        "skyldighet att spara. Begränsa behandlingen: använd uppgifterna bara för rättsliga anspråk och radera dem "
        "när tiden har gått ut ({retention})."
    ),
    "support.erasure.kept.both": (
        "Behåll {categories} som sparas för ”{purpose}”: {law} kräver att uppgifterna sparas, och de kan behövas för "
        "rättsliga anspråk inom fristerna i {claims_law} ({article}). Begränsa behandlingen: använd uppgifterna bara "
        "för det lagen kräver och för rättsliga anspråk och radera dem när tiden har gått ut ({retention})."
    ),
    "support.erasure.note.copy": (
        "{categories} som sparas för ”{purpose}” behålls enligt lag i {records}, där originalet finns; här finns en "
        "kopia, så radera den här (bara den kopia som behövs för skyldigheten behålls, art. 17.3)."
    ),
    "support.erasure.note.copy.more": "{n} till (`--format json` listar alla i delens kept_at)",
    "support.erasure.except": "Undantag:",
    "support.erasure.system.no-routine": (
        "Här finns ingen deklarerad raderingsrutin, så {subjects} uppgifter ({categories}) kan inte raderas på ett "
        "säkert sätt. Be ägaren att leta upp och radera dem manuellt nu och att ta fram en rutin."
    ),
    "support.erasure.system.restrict": "Radera inte.",
    "support.erasure.system.none": (
        "Här finns inget att radera: {name} sparar inga av {subjects} uppgifter utan skickar bara vidare dem "
        "({categories}) till {targets}, där de raderas. Visar det sig att {name} ändå sparar kopior (utskrifter, "
        "loggar), radera dem manuellt och deklarera dem under `stores`."
    ),
    "support.erasure.system.delete": "Radera {subjects} uppgifter ({categories}) enligt rutinen.",
    "support.erasure.system.anonymize": (
        "Anonymisera {subjects} uppgifter ({categories}) enligt rutinen, så att de inte längre kan kopplas till "
        "{subject}."
    ),
    "support.erasure.gap.system": (
        "{name} innehåller {subjects} uppgifter ({categories}) men har ingen deklarerad raderingsrutin."
    ),
    "support.erasure.gap.unmapped": (
        "{name} är en kundkanal, men enligt deklarationen sparas ingenting där och inga personuppgifter skickas "
        "vidare: det kunderna berättar där finns inte med i kartläggningen, så det kan varken hittas, raderas eller "
        "lämnas ut."
    ),
    "support.erasure.gap.unmapped.fix": (
        "Sök manuellt i kanalen tills vidare; deklarera dess `stores` (eller flöden) i {file}."
    ),
    "support.access.gaps": "Inte kartlagt: kan inte samlas in",
    "support.erasure.gap.arrives": "Uppgifterna kommer in via flöden från {sources}.",
    "support.erasure.gap.system.fix": (
        "Deklarera en `erasure`-rutin (method, procedure, within_days) i {file}; till dess kan raderingen varken "
        "slutföras eller bekräftas."
    ),
    "support.erasure.gap.processor": (
        "Ett flöde från {sources} skickar {subjects} uppgifter till {name}, som saknar personuppgiftsbiträdesavtal: "
        "ingen rutin förpliktar biträdet att radera."
    ),
    "support.erasure.gap.processor.fix": (
        "Teckna ett personuppgiftsbiträdesavtal med {name} som förpliktar biträdet att bistå vid begäranden och att "
        "radera (art. 28.3 e och g), och deklarera det under `dpa` i {file}."
    ),
    "support.erasure.processor.no-routine": (
        "Ett flöde från {sources} skickar {subjects} uppgifter till {name}, men det finns inget "
        "personuppgiftsbiträdesavtal, så inget förpliktar {name} att radera dem. Be {name} skriftligen att radera "
        "dem nu."
    ),
    "support.erasure.processor.subs": ", även hos dess underbiträden {subs} (art. 28.4)",
    "support.erasure.processor.hosted": (
        "Instruera {name} enligt personuppgiftsbiträdesavtalet (art. 28.3 e) att bekräfta att {subjects} uppgifter i "
        "{systems} är raderade i tjänsten, även biträdets egna kopior och säkerhetskopior{subs}."
    ),
    "support.erasure.processor.direct": (
        "Instruera {name} enligt personuppgiftsbiträdesavtalet (art. 28.3 e) att radera {subjects} uppgifter som "
        "biträdet har fått från {sources}{subs}."
    ),
    "support.erasure.processor.passes": (
        "{systems} sparar ingenting, men {subjects} uppgifter passerar genom tjänsten hos {name}: instruera {name} "
        "enligt personuppgiftsbiträdesavtalet (art. 28.3 e) att radera alla kopior som biträdet sparar (loggar, "
        "utskrifter, säkerhetskopior){subs}."
    ),
    "support.erasure.processor.hosted-no-dpa": (
        "Det finns inget personuppgiftsbiträdesavtal med {name}: be skriftligen biträdet bekräfta att {subjects} "
        "uppgifter i {systems} är raderade i tjänsten, även biträdets egna kopior och säkerhetskopior{subs}."
    ),
    "support.erasure.processor.restrict": (
        "Instruera {name} enligt personuppgiftsbiträdesavtalet att hålla {subjects} uppgifter i {systems} "
        "begränsade: de får bara användas som lagen kräver och ska raderas, även kopior, när tiden har gått ut."
    ),
    "support.erasure.processor.sub": (
        "Underbiträde{chain}: be {parents} se till att {name} raderar {subjects} uppgifter (art. 28.4); vi har inget "
        "eget avtal med underbiträdet."
    ),
    "support.erasure.processor.sub.restrict": (
        "Underbiträde{chain}: be {parents} se till att {name} håller {subjects} uppgifter begränsade (art. 28.4): de "
        "får bara användas som lagen kräver och ska raderas, även kopior, när tiden har gått ut; vi har inget eget "
        "avtal med underbiträdet."
    ),
    "support.erasure.processor.sub.chain": " till {names}",
    "support.erasure.caveat.no-dpa": (
        "Inget personuppgiftsbiträdesavtal med {name}: inget avtal förpliktar biträdet att bistå (art. 28.3 e) eller "
        "att radera sina egna kopior. Fråga skriftligen, spara svaret och teckna ett avtal."
    ),
    "support.erasure.caveat.clauses": (
        "Avtalet med {name} saknar både klausul om bistånd och om radering (art. 28.3 e och g): biträdet kan vägra "
        "hjälpa till."
    ),
    "support.erasure.contact.document": "se personuppgiftsbiträdesavtalet, {document}",
    "support.erasure.recipient.tell": (
        "När stegen för {sources} är klara, meddela {name} vad som har hänt med {subjects} uppgifter som mottagaren "
        "har fått (art. 19), om det inte är omöjligt eller kräver oproportionerligt stor ansträngning: {outcome}."
    ),
    "support.erasure.recipient.erased": "{categories} har raderats",
    "support.erasure.recipient.restricted": (
        "{categories} har inte raderats utan behålls begränsade i {place} enligt {law}"
    ),
    "support.erasure.recipient.pending": "{categories} har ännu inte raderats (källan saknar raderingsrutin)",
    "support.erasure.recipient.controller": (
        "{name} är självständigt personuppgiftsansvarig och beslutar om sin egen kopia utifrån sina egna "
        "skyldigheter."
    ),
    "support.erasure.recipient.authority": "{name} är en myndighet och beslutar själv om sina egna handlingar.",
    "support.erasure.recipient.ask": "Om {subject} frågar, berätta att {name} har fått uppgifterna.",
    "support.erasure.note.backup": (
        "Säkerhetskopiorna roteras bort: återställ eller använd inte en kopia med {subjects} uppgifter; den sista "
        "skrivs över senast {until}. Återställs en säkerhetskopia innan dess ska raderingen göras om efter "
        "återställningen."
    ),
    "support.erasure.note.backup-manual": (
        "Säkerhetskopior: följ rutinen för varje kopia; återställs en kopia senare ska raderingen göras om efter "
        "återställningen."
    ),
    "support.erasure.note.paper": (
        "Papper: gå igenom alla pärmar där {subjects} brev och blanketter kan vara arkiverade, och dokumentera "
        "förstöringen."
    ),
    "support.erasure.note.notes": (
        "Anteckningar: sök igenom alla sidor och anteckningsböcker efter {subject}; anteckningar sorteras sällan per "
        "person."
    ),
    "support.erasure.note.free-text": (
        "Fritext: sök på namn, e-postadress, telefonnummer och order- eller ärendenummer; {subject} kan också nämnas "
        "i andras ärenden."
    ),
    "support.erasure.note.only-flow": (
        "Uppgifterna ({categories}) kommer hit bara via flöden från {sources}; de finns inte med i systemets "
        "`stores`, så en sökning utifrån inventeringen skulle missa dem."
    ),
    "support.erasure.note.also-flow": (
        "Tar också emot {categories} via flöden från {sources}, som inte finns med i systemets `stores`."
    ),
    "support.erasure.note.forwards": (
        "Skickar {categories} vidare till {targets} utan att spara uppgifterna: de raderas där."
    ),
    "support.erasure.note.slow": (
        "Rutinen tar upp till {days} och kan bli klar efter tidsfristen {deadline}: starta den direkt."
    ),
    "support.erasure.note.then-processor": "Instruera sedan personuppgiftsbiträdet {processor} (steg {step}).",
    "support.erasure.note.cycle": (
        "Ingår i en slinga av flöden med {others}: radera dem vid samma tillfälle och pausa flödena mellan dem tills "
        "alla är klara."
    ),
    "support.erasure.note.cycle.large": (
        "Ingår i slinga {n} i planen ({count} platser; se slingorna i slutet): radera dem vid samma tillfälle och "
        "pausa flödena mellan dem tills alla är klara."
    ),
    "support.erasure.note.resend.restrict": (
        "{source} behåller uppgifterna enligt lag: se till att dess flöde inte skickar hit {subjects} uppgifter igen "
        "(undanta {subject} eller pausa flödet)."
    ),
    "support.erasure.note.resend.partial": (
        "{source} behåller en del av uppgifterna enligt lag ({categories}): se till att dess flöde inte skickar hit "
        "den delen av {subjects} uppgifter igen (undanta {subject} eller pausa flödet)."
    ),
    "support.erasure.note.resend.no-routine": (
        "{source} saknar raderingsrutin: tills uppgifterna där har raderats manuellt kan dess flöde skicka hit "
        "{subjects} uppgifter igen."
    ),
    "support.erasure.note.contact": "Kontakt: {contact}.",
    # --- access plan --------------------------------------------------------------------------
    "support.access.title": "Begäran om tillgång (registerutdrag, art. 15) för {subject}: {org}",
    "support.access.deadline": (
        "Begäran mottogs {as_of}. Svara senast {deadline} (art. 12.3: en månad; fristen kan förlängas med två "
        "månader, till {extended}, om {subject} får veta det före {deadline})."
    ),
    "support.access.collect": "1. Samla in uppgifterna",
    "support.access.collect.intro": (
        "Sök efter {subject} på alla ställen nedan; vart och ett innehåller en del av {subjects} uppgifter."
    ),
    "support.access.nothing": (
        "Inget ställe innehåller {subjects} uppgifter: svara att vi inte har några personuppgifter om personen."
    ),
    "support.access.how_label": "Så gör du",
    "support.access.answer": "2. Vad svaret ska innehålla",
    "support.access.answer.intro": (
        "Utöver en kopia av uppgifterna (art. 15.3) ska svaret innehålla (art. 15.1 och 15.2):"
    ),
    "support.access.purposes": "Ändamål och rättslig grund (art. 15.1 a)",
    "support.access.categories": "Kategorier av personuppgifter (art. 15.1 b)",
    "support.access.recipients": "Mottagare (art. 15.1 c)",
    "support.access.retention": "Hur länge uppgifterna sparas (art. 15.1 d)",
    "support.access.rights": "Rättigheter (art. 15.1 e och f)",
    "support.access.source_title": "Varifrån uppgifterna kommer (art. 15.1 g)",
    "support.access.automated_title": "Automatiserade beslut (art. 15.1 h)",
    "support.access.transfers": "Överföringar utanför EU/EES och skyddsåtgärder (art. 15.2)",
    "support.access.no_transfers": "Inga: uppgifterna stannar inom EU/EES.",
    "support.access.transfer.unsafe": (
        "SKYDD SAKNAS: överföringen kan vara olaglig; ta upp det med dataskyddsombudet innan du svarar"
    ),
    "support.access.law": "sparas enligt {law}",
    "support.access.contact": "Kontakt",
    "support.access.checklist": "3. Innan du skickar",
    "support.access.dpo": "dataskyddsombud {dpo}",
    "support.access.no_contact": "[ingen kontakt för dataskyddsfrågor angiven]",
    "support.access.how.system": "Sök efter {subject} i {name} och exportera allt du hittar.",
    "support.access.how.processor": (
        "Fråga {name} enligt personuppgiftsbiträdesavtalet (art. 28.3 e) vad biträdet har om {subject}; det har fått "
        "uppgifter från {sources}."
    ),
    "support.access.how.processor.no-dpa": (
        "Det finns inget personuppgiftsbiträdesavtal med {name}: inget förpliktar biträdet att hjälpa till med "
        "svaret (art. 28.3 e). Eskalera till {contact} och be {name} skriftligen, med stöd av det avtal vi har med "
        "biträdet, om uppgift om vad det har om {subject}; det har fått uppgifter från {sources}. Spara svaret."
    ),
    "support.access.how.paper": "Leta upp alla pappersdokument om {subject} och skanna eller kopiera dem.",
    "support.access.how.backup": (
        "Kopior av uppgifter från {sources}: ingen egen sökning behövs när de är täckta, men berätta att "
        "säkerhetskopiorna sparas i upp till {retention} efter att uppgifterna har raderats i källsystemet."
    ),
    "support.access.note.free-text": (
        "Fritext: sök på namn, e-postadress, telefonnummer och order- eller ärendenummer, och ta bort andra "
        "personers uppgifter ur kopian (art. 15.4)."
    ),
    "support.access.note.only-flow": (
        "Uppgifterna kommer hit bara via flöden från {sources}; de finns inte med i systemets `stores`."
    ),
    "support.access.source": "Från dig, när du kontaktar oss via {channels}.",
    "support.access.source.internal": "Dessutom uppgifter som vi själva skapar i {systems}.",
    "support.access.automated": (
        "Inget automatiserat beslutsfattande finns deklarerat; kontrollera att inget sådant förekommer innan du "
        "svarar."
    ),
    "support.access.check.identity": (
        "Kontrollera att det verkligen är {subject} som frågar innan du skickar något (art. 12.6); be bara om det "
        "som behövs för kontrollen."
    ),
    "support.access.check.deadline": "Skicka svaret senast {deadline}.",
    "support.access.check.free": "Den första kopian är kostnadsfri (art. 12.5 och 15.3).",
    "support.access.check.copy": "Kom begäran elektroniskt, svara elektroniskt i ett vanligt format (art. 15.3).",
    "support.access.check.others": "Ta bort andra personers personuppgifter ur kopian (art. 15.4).",
    "support.access.check.record": "Dokumentera begäran, vad som skickades och när.",
    # --- breach impact ------------------------------------------------------------------------
    "support.breach.title": "Konsekvenser av en personuppgiftsincident: {name} ({node})",
    "support.breach.aware": "Fick kännedom: {aware_at}",
    "support.breach.deadline_line": (
        "Anmäl till {authority} senast {deadline} (72 timmar, art. 33.1); en senare anmälan ska ange skälen till "
        "förseningen."
    ),
    "support.breach.no_data_line": (
        "Här finns inga personuppgifter deklarerade; kontrollera om personuppgifter berördes innan du anmäler. Om de "
        "gjorde det, anmäl till {authority} senast {deadline} (72 timmar, art. 33.1)."
    ),
    "support.breach.report_via": "Anmäl via",
    "support.breach.address": "Adress",
    "support.breach.exposed": "Vad som exponeras",
    "support.breach.categories": "Kategorier",
    "support.breach.subjects": "Registrerade",
    "support.breach.hosted": "System som det driver åt oss",
    "support.breach.subs": "Kedja av underbiträden",
    "support.breach.sub_of": "{name}, anlitat av {parents}",
    "support.breach.reachable": "Dit uppgifterna flödar vidare (nåbara)",
    "support.breach.feeds": "Vad som matar det",
    "support.breach.countries": "Länder",
    "support.breach.third": "Tredjeländer",
    "support.breach.third.exposed": "exponerat",
    "support.breach.third.onward": "uppgifterna flödar vidare dit",
    "support.breach.no_third": "Inga: inga personuppgifter finns utanför EU/EES.",
    "support.breach.notification": "Anmälan till tillsynsmyndigheten (art. 33.3), förifylld",
    "support.breach.todo": "att fylla i",
    "support.breach.art34": "Information till de registrerade (art. 34)",
    "support.breach.34.likely": "Troligen nödvändig: {reasons}.",
    "support.breach.34.unlikely": (
        "Inte uppenbart nödvändig enligt deklarationerna; bedöm risken för just denna incident."
    ),
    "support.breach.scale": "Omfattning",
    "support.breach.call": "Vem som ska kontaktas",
    "support.breach.customer_title": "Utkast till meddelande till kunderna",
    "support.breach.script_title": "Manus för kundtjänstmedarbetare",
    "support.breach.lang.en": "Engelska",
    "support.breach.lang.sv": "Svenska",
    "support.breach.role.dpo": "dataskyddsombud",
    "support.breach.role.privacy-contact": "kontakt för dataskyddsfrågor",
    "support.breach.role.owner": "systemägare",
    "support.breach.role.security": "informationssäkerhet",
    "support.breach.role.customer-support": "kundtjänst",
    "support.breach.role.processor": "personuppgiftsbiträde",
    "support.breach.role.sub-processor": "underbiträde",
    "support.breach.role.recipient": "mottagare",
    "support.breach.role.authority": "tillsynsmyndighet",
    "support.breach.where.system": "i {name}",
    "support.breach.where.processor": "hos vår leverantör {name}, som driver {systems} åt oss",
    "support.breach.where.supplier": "hos vår leverantör {name}",
    "support.breach.where.recipient": "hos {name}, som tar emot uppgifter från oss",
    "support.breach.33a": (
        "En personuppgiftsincident {where}: {what}. Berörda registrerade: {subjects} (ungefärligt antal: {number}). "
        "Kategorier av personuppgifter: {categories} (ungefärligt antal poster: {records})."
    ),
    "support.breach.33a.special": "Omfattar känsliga personuppgifter (art. 9): {categories}.",
    "support.breach.33a.criminal": "Omfattar personuppgifter som rör lagöverträdelser (art. 10): {categories}.",
    "support.breach.33d": "{what}",
    "support.breach.ph.what": "beskriv vad som har hänt, hur och när",
    "support.breach.ph.number": "fyll i",
    "support.breach.ph.records": "fyll i",
    "support.breach.ph.consequences": "bedöm konsekvenserna av just denna incident",
    "support.breach.ph.measures": (
        "vidtagna eller planerade åtgärder, t.ex. stängd åtkomst, bytta lösenord, instruktioner till "
        "personuppgiftsbiträdet, information till de registrerade"
    ),
    "support.breach.ph.org_number": "organisationsnummer",
    "support.breach.ph.occurred": "när incidenten inträffade (datum och tid), om det är känt",
    "support.breach.ph.informed": "när de informerades, eller varför inte",
    "support.breach.ph.contact": "kontakt för dataskyddsfrågor",
    "support.breach.ph.categories": "de uppgifter som berörs",
    "support.breach.ph.subjects": "registrerade",
    "support.breach.informed.likely": "Troligen nödvändig (art. 34).",
    "support.breach.informed.unlikely": "Inte uppenbart nödvändig enligt deklarationerna (art. 34); bedöm risken.",
    "support.breach.f.controller": "Personuppgiftsansvarig och organisationsnummer",
    "support.breach.f.a": "(a) Incidentens art, berörda registrerade och personuppgiftsposter",
    "support.breach.f.b": "(b) Dataskyddsombud eller annan kontaktpunkt",
    "support.breach.f.c": "(c) Sannolika konsekvenser",
    "support.breach.f.d": "(d) Vidtagna eller föreslagna åtgärder",
    "support.breach.f.occurred": "När incidenten inträffade",
    "support.breach.f.discovered": "När vi fick kännedom om den",
    "support.breach.f.informed": "Information till de registrerade",
    "support.breach.consequence.phishing": (
        "uppgifterna kan användas för trovärdiga falska mejl, sms eller samtal (nätfiske) och för bedrägerier"
    ),
    "support.breach.consequence.special": (
        "känsliga uppgifter ({categories}) kan bli kända för andra, vilket kan leda till oro, obehag eller "
        "diskriminering"
    ),
    "support.breach.consequence.criminal": (
        "uppgifter om lagöverträdelser ({categories}) kan bli kända för andra, vilket kan skada rykte och försörjning"
    ),
    "support.breach.dpo_named": "vårt dataskyddsombud {name}",
    "support.breach.authority_unknown": "[tillsynsmyndigheten]",
    "support.breach.34.special": "känsliga personuppgifter exponeras ({categories})",
    "support.breach.34.criminal": "uppgifter om lagöverträdelser exponeras ({categories})",
    "support.breach.34.unencrypted": "inte deklarerat krypterade i vila: {systems}",
    "support.breach.34.large": "stor omfattning: cirka {affected} personer (gräns {threshold})",
    "support.breach.34.keys": (
        "De exponerade systemen är deklarerade som krypterade i vila, men incidenten har skett hos {name}, som har "
        "nycklarna: uppgifterna är inte oläsliga för den obehörige, så undantaget i art. 34.3 a gäller inte."
    ),
    "support.breach.34.unlocked": "papper som inte är deklarerat inlåst: {systems}",
    "support.breach.scale.given": (
        "Bedömd utifrån --affected {affected} mot --large-scale {threshold} (en inställning i policycheck, ingen "
        "rättslig gräns: dataskyddsförordningen anger inget antal)."
    ),
    "support.breach.scale.unknown": (
        "Inte bedömd: ange --affected N (ungefärligt antal personer); N på eller över --large-scale {threshold} "
        "räknas som stor omfattning."
    ),
    "support.breach.scale.channels": (
        "Kundkanaler matar dessa uppgifter ({channels}), så många personer kan vara berörda."
    ),
    "support.breach.window.now": "direkt",
    "support.breach.window.owner": "direkt: begränsa incidenten och säkra loggarna",
    "support.breach.window.security": "direkt: leder incidenthanteringen",
    "support.breach.window.customer-support": "innan kunderna hör av sig: gå igenom manuset med kundtjänstmedarbetarna",
    "support.breach.window.no-dpa": "inget personuppgiftsbiträdesavtal och ingen avtalad tid för anmälan: ring direkt",
    "support.breach.window.unset": "avtalet anger ingen tid för anmälan: ring direkt",
    "support.breach.window.hours": (
        "ska meddela oss inom {hours} timmar från att biträdet fått kännedom (avtalet); ring direkt"
    ),
    "support.breach.window.sub": "underbiträde: nås via sitt personuppgiftsbiträde (art. 28.4)",
    "support.breach.window.recipient": (
        "självständigt personuppgiftsansvarig: fråga vad som har hänt; mottagaren anmäler själv till sin "
        "tillsynsmyndighet"
    ),
    "support.breach.window.authority": "anmäl senast {deadline} (art. 33.1: 72 timmar från att vi fick kännedom)",
    "support.breach.window.authority-if": (
        "bara om personuppgifter berördes: anmäl senast {deadline} (art. 33.1: 72 timmar från att vi fick kännedom)"
    ),
    "support.breach.note.anonymous": (
        "{name} lagrar {categories}, som bara kommer in via anonymiserade flöden och behandlas som anonyma; är de "
        "inte det, behandla dem som personuppgifter."
    ),
    "support.breach.note.anonymous.1": (
        "{name} lagrar {categories}, som bara kommer in via anonymiserade flöden och behandlas som anonyma "
        "uppgifter; är de inte det, behandla dem som personuppgifter."
    ),
    "support.breach.note.recipient": (
        "{name} är mottagare och självständigt personuppgiftsansvarig: en incident i mottagarens egna system anmäler "
        "mottagaren själv (art. 33); den är vår om den inträffade i vår överföring."
    ),
    "support.breach.note.subprocessor": (
        "{name} är underbiträde till {parents}: underbiträdet ska meddela dem, och de ska meddela oss, utan onödigt "
        "dröjsmål (art. 33.2 och 28.4)."
    ),
    "support.breach.note.midnight": (
        "--as-of angav ingen tid på dygnet, så de 72 timmarna räknas från midnatt: ange när du fick kännedom "
        "(ÅÅÅÅ-MM-DDTHH:MM)."
    ),
    "support.breach.customer": (
        "Ämne: Viktig information om dina personuppgifter\n\nHej,\n\nVi vill informera dig om en "
        "personuppgiftsincident som rör uppgifter om dig. Den [datum] upptäckte vi att [beskriv kort och enkelt vad "
        "som har hänt] {where}.\n\nUppgifter som berörs: {categories}.\n\nVad det kan innebära för dig: "
        "{consequences}.\n\nVad vi har gjort: [vidtagna åtgärder, t.ex. stängt åtkomsten, bytt lösenord, anmält "
        "incidenten till {authority_short}].\n\nVad du kan göra: var uppmärksam på mejl, sms och samtal som hänvisar "
        "till uppgifterna ovan eller till oss och ber om lösenord, koder eller betalning. Vi ber aldrig om ditt "
        "lösenord. [fler råd för just denna incident]\n\nHar du frågor är du välkommen att kontakta {contact}{call}. "
        "Du har också rätt att lämna klagomål till {authority}.\n\nMed vänliga hälsningar\n{org}"
    ),
    "support.breach.call_us": " eller ringa oss på {phone}",
    "support.breach.script.1": (
        "Lyssna först, och kontrollera vem som ringer innan du pratar om personens egna uppgifter (art. 12.6)."
    ),
    "support.breach.script.2": (
        "Säg det som är bekräftat: ”Den [datum] upptäckte vi en personuppgiftsincident {where}. Den kan gälla "
        "{categories}. Vi utreder den och [har anmält / kommer att anmäla] den till {authority_short}.”"
    ),
    "support.breach.script.3": (
        "Gissa inte om orsaker, antal eller vilka som berörs. Säg: ”Det vet jag inte ännu, men jag ser till att du "
        "får ett svar”, och eskalera."
    ),
    "support.breach.script.4": (
        "Ge rådet: var uppmärksam på meddelanden som ber om lösenord, kortuppgifter eller betalning; vi ber aldrig "
        "om ditt lösenord."
    ),
    "support.breach.script.5": (
        "Logga varje kontakt i incidentärendet [referens]: vem det var, vad personen frågade och vad du svarade."
    ),
    "support.breach.script.6": (
        "Skicka frågor du inte kan svara på, och begäranden om registerutdrag eller radering, till {contact}. En "
        "kund som vill klaga kan vända sig till {authority}."
    ),
    # --- transparency page and answer sheet ------------------------------------------------------
    "support.tp.title": "Vad vi sparar om dig",
    "support.tp.intro": (
        "{org} är personuppgiftsansvarig för de personuppgifter som beskrivs här. För varje sätt att kontakta oss "
        "kan du läsa vad vi sparar, varför, hur länge, vilka mer som får uppgifterna och var de finns, och vilka "
        "rättigheter du har."
    ),
    "support.tp.contents": "Innehåll",
    "support.tp.no_channels_subject": "Vi sparar inget om dig från något av sätten att kontakta oss.",
    "support.tp.no_channels": "Inga kundkanaler är deklarerade.",
    "support.tp.heading.phone": "När du ringer oss",
    "support.tp.heading.email": "När du mejlar oss",
    "support.tp.heading.chat": "När du chattar med oss",
    "support.tp.heading.ticketing": "När du använder vårt kontaktformulär eller vår hjälpsida",
    "support.tp.heading.paper": "När du skickar brev eller blanketter till oss",
    "support.tp.heading.other": "När du kontaktar oss på andra sätt",
    "support.tp.heading.named": "När du kontaktar oss via {name}",
    "support.tp.heading.kind": "När du kontaktar oss via {kind}",
    "support.tp.place.phone": "vår telefonservice",
    "support.tp.place.email": "vår e-post",
    "support.tp.place.chat": "vår chatt",
    "support.tp.place.ticketing": "vårt kundtjänstsystem",
    "support.tp.place.crm": "vårt kundregister",
    "support.tp.place.analytics": "vår statistik",
    "support.tp.place.knowledge-base": "vår kunskapsbas",
    "support.tp.place.notes": "våra interna anteckningar",
    "support.tp.place.paper": "vårt pappersarkiv",
    "support.tp.place.backup": "våra säkerhetskopior",
    "support.tp.place.other": "våra övriga system",
    "support.tp.through": "Via: {name}",
    "support.tp.what": "Vad vi sparar",
    "support.tp.passes_on": "{name} sparar inget av det själv utan skickar det vidare till {targets}, där det sparas.",
    "support.tp.passes_on.public": (
        "Den här kanalen sparar inget av det själv utan skickar det vidare till våra andra system, där det sparas."
    ),
    "support.tp.why": "Varför, och med vilket rättsligt stöd",
    "support.tp.how_long": "Hur länge vi sparar uppgifterna",
    "support.tp.who": "Vilka mer som får uppgifterna",
    "support.tp.where": "Var uppgifterna finns",
    "support.tp.processors": (
        "Leverantörer som hanterar uppgifterna åt oss, bara enligt våra instruktioner (personuppgiftsbiträden):"
    ),
    "support.tp.recipients": "Andra som tar emot uppgifterna och själva ansvarar för dem:",
    "support.tp.nobody": "Ingen utanför vår organisation.",
    "support.tp.stored_in": "Lagras eller hanteras i: {countries}.",
    "support.tp.outside": "Utanför EU/EES:",
    "support.tp.inside": "Allt stannar inom EU/EES.",
    "support.tp.kept_by_law": "sparas enligt {law}",
    "support.tp.kept_for_claims": "sparas för eventuella rättsliga anspråk, inom fristerna i {claims_law}",
    "support.tp.kept_by_law_and_claims": (
        "sparas enligt {law} och för eventuella rättsliga anspråk inom fristerna i {claims_law}"
    ),
    "support.tp.sensitive": "känsliga personuppgifter",
    "support.tp.criminal": "uppgifter om lagöverträdelser",
    "support.tp.role.processor": "personuppgiftsbiträde",
    "support.tp.role.sub-processor": "underbiträde",
    "support.tp.role.recipient": "mottagare",
    "support.tp.rights": "Dina rättigheter",
    "support.tp.contact": "Kontakta oss",
    "support.tp.contact.text": "Skriv till {contact} om du har frågor om dina personuppgifter.",
    "support.tp.dpo": "Vårt dataskyddsombud: {dpo}.",
    "support.tp.complaint": "Klagomål",
    "support.tp.notice": "Vårt fullständiga integritetsmeddelande: {url}",
    "support.tp.blocked": (
        "Kundsidan skrevs inte: kontrollerna hittar olösta kritiska eller allvarliga problem i det som sidan skulle "
        "säga ({n} st., se ovan). Åtgärda dem, eller ange --allow-findings för att ändå skriva sidan."
    ),
    "support.tp.blocked.allowed": (
        "Skriven med --allow-findings trots att kontrollerna hittar olösta kritiska eller allvarliga problem i det "
        "som sidan säger ({n} st., se ovan)."
    ),
    "support.tp.note.unverified": (
        "Kundsidan bygger på referensuppgifter som ännu inte är verifierade (visas inte på sidan): {what}. "
        "Kontrollera dem innan sidan publiceras."
    ),
    "support.tp.generated": "Skapad av policycheck utifrån registret över behandlingar hos {org}.",
    "support.sheet.title": "Svarsmall för kundtjänst",
    "support.sheet.intro": (
        "Svar på kundernas vanliga frågor om sina personuppgifter, per kanal, från samma deklarationer som "
        "kundsidan. Finns frågan inte här, gissa inte: skicka den vidare till {contact}."
    ),
    "support.sheet.general": "För alla kanaler",
    "support.qa.responsible": "Vem ansvarar för mina uppgifter?",
    "support.qa.what": "Vad sparar ni om mig?",
    "support.qa.why": "Varför sparar ni det?",
    "support.qa.how_long": "Hur länge sparar ni det?",
    "support.qa.who": "Vilka mer får mina uppgifter?",
    "support.qa.abroad": "Skickas mina uppgifter utanför EU?",
    "support.qa.delete": "Kan ni radera mina uppgifter?",
    "support.qa.access": "Hur får jag veta vad ni har om mig?",
    "support.qa.complain": "Var kan jag klaga?",
    "support.a.responsible": "{org} är personuppgiftsansvarig. Kontakt: {contact}.",
    "support.a.what": "Vi sparar {categories}.",
    "support.a.why.item": "{purpose}: {basis}.",
    "support.a.how_long.item": "{purpose}: {retention}.",
    "support.a.who.processors": (
        "Leverantörer som hanterar uppgifterna åt oss, bara enligt våra instruktioner: {names}."
    ),
    "support.a.who.recipients": "Andra som tar emot uppgifterna och själva ansvarar för dem: {names}.",
    "support.a.who.none": "Ingen utanför vår organisation.",
    "support.a.abroad.yes": "Ja, en del: {items}.",
    "support.a.abroad.item": "{country} ({parties}): {safeguard}",
    "support.a.abroad.no": "Nej, uppgifterna stannar inom EU/EES.",
    "support.a.delete": (
        "Ja. På begäran raderar vi dina uppgifter inom en månad, överallt där de finns, även hos våra leverantörer."
    ),
    "support.a.delete.gaps": (
        "Ja, men ännu inte överallt. På begäran raderar vi dina uppgifter inom en månad, även hos våra leverantörer, "
        "men här finns ännu inget sätt att radera dem: {places}."
    ),
    "support.a.delete.gap.system": "{name}, som saknar raderingsrutin",
    "support.a.delete.gap.processor": "{name}, en leverantör utan avtal som förpliktar den att radera",
    "support.a.delete.escalate": "Lova inte fullständig radering: eskalera begäran till {contact}.",
    "support.a.delete.kept": (
        "Vissa uppgifter måste vi spara enligt lag: {items}. Vi begränsar dem: de används bara för det lagen kräver "
        "och raderas när tiden har gått ut."
    ),
    "support.a.delete.kept.item": "{purpose}, {retention}, enligt {law}",
    "support.a.delete.backup": "Kopior i våra säkerhetskopior används inte, och skrivs över inom {duration}.",
    "support.a.access": (
        "Fråga oss på {contact}. Vi svarar inom en månad, kostnadsfritt, och kan först behöva kontrollera att det är "
        "du."
    ),
    "support.a.complain": "Hör gärna av dig till oss först på {contact}. Du kan alltid klaga hos {authority}.",
    "support.a.unknown": "Inte deklarerat: skicka frågan vidare till {contact}.",
    # --- country names, for a sentence (any other country: the reference data's English name)
    "support.country.AD": "Andorra",
    "support.country.AE": "Förenade Arabemiraten",
    "support.country.AR": "Argentina",
    "support.country.AT": "Österrike",
    "support.country.AU": "Australien",
    "support.country.AX": "Åland",
    "support.country.BE": "Belgien",
    "support.country.BG": "Bulgarien",
    "support.country.BO": "Bolivia",
    "support.country.BR": "Brasilien",
    "support.country.CA": "Kanada",
    "support.country.CH": "Schweiz",
    "support.country.CN": "Kina",
    "support.country.CY": "Cypern",
    "support.country.CZ": "Tjeckien",
    "support.country.DE": "Tyskland",
    "support.country.DK": "Danmark",
    "support.country.EE": "Estland",
    "support.country.ES": "Spanien",
    "support.country.FI": "Finland",
    "support.country.FO": "Färöarna",
    "support.country.FR": "Frankrike",
    "support.country.GB": "Storbritannien",
    "support.country.GG": "Guernsey",
    "support.country.GL": "Grönland",
    "support.country.GR": "Grekland",
    "support.country.HK": "Hongkong",
    "support.country.HR": "Kroatien",
    "support.country.HU": "Ungern",
    "support.country.ID": "Indonesien",
    "support.country.IE": "Irland",
    "support.country.IL": "Israel",
    "support.country.IM": "Isle of Man",
    "support.country.IN": "Indien",
    "support.country.IR": "Iran",
    "support.country.IS": "Island",
    "support.country.IT": "Italien",
    "support.country.JE": "Jersey",
    "support.country.JP": "Japan",
    "support.country.KP": "Nordkorea",
    "support.country.KR": "Sydkorea",
    "support.country.LA": "Laos",
    "support.country.LI": "Liechtenstein",
    "support.country.LT": "Litauen",
    "support.country.LU": "Luxemburg",
    "support.country.LV": "Lettland",
    "support.country.MD": "Moldavien",
    "support.country.MT": "Malta",
    "support.country.MX": "Mexiko",
    "support.country.MY": "Malaysia",
    "support.country.NL": "Nederländerna",
    "support.country.NO": "Norge",
    "support.country.NZ": "Nya Zeeland",
    "support.country.PH": "Filippinerna",
    "support.country.PL": "Polen",
    "support.country.PT": "Portugal",
    "support.country.RO": "Rumänien",
    "support.country.RS": "Serbien",
    "support.country.RU": "Ryssland",
    "support.country.SE": "Sverige",
    "support.country.SG": "Singapore",
    "support.country.SI": "Slovenien",
    "support.country.SK": "Slovakien",
    "support.country.SY": "Syrien",
    "support.country.TH": "Thailand",
    "support.country.TR": "Turkiet",
    "support.country.TW": "Taiwan",
    "support.country.TZ": "Tanzania",
    "support.country.UA": "Ukraina",
    "support.country.US": "USA",
    "support.country.UY": "Uruguay",
    "support.country.VE": "Venezuela",
    "support.country.VN": "Vietnam",
    "support.country.ZA": "Sydafrika",
}
