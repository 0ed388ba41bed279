"""Every user-facing sentence of the support outputs, in English and Swedish.

One entry per key, both languages side by side so that they stay in step (a test checks
that every entry has both and the same placeholders). Placeholders are ``str.format`` fields.
Swedish follows the terms of the Swedish GDPR text and IMY: personuppgiftsincident,
personuppgiftsbiträde, underbiträde, den registrerade, dataskyddsombud,
Integritetsskyddsmyndigheten (IMY).
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("en", "sv")

TEXTS: dict[str, dict[str, str]] = {
    # --- shared words ---------------------------------------------------------------------
    "yes": {"en": "yes", "sv": "ja"},
    "no": {"en": "no", "sv": "nej"},
    "unknown": {"en": "unknown", "sv": "okänt"},
    "none": {"en": "none", "sv": "inga"},
    "and": {"en": "and", "sv": "och"},
    "not_declared": {"en": "not declared", "sv": "inte angivet"},
    "unverified": {
        "en": "unverified: confirm before relying on it",
        "sv": "ej verifierat: kontrollera innan du förlitar dig på det",
    },
    "special_mark": {"en": "special category (Art. 9)", "sv": "särskild kategori (art. 9)"},
    "criminal_mark": {
        "en": "criminal-offence data (Art. 10)",
        "sv": "uppgifter om lagöverträdelser (art. 10)",
    },
    "kind_system": {"en": "system", "sv": "system"},
    "kind_processor": {"en": "processor", "sv": "personuppgiftsbiträde"},
    "kind_recipient": {"en": "recipient", "sv": "mottagare"},
    "recipient_role": {
        "en": "recipient (its own controller)",
        "sv": "mottagare (självständigt personuppgiftsansvarig)",
    },
    "subprocessor_role": {"en": "sub-processor", "sv": "underbiträde"},
    "declared_in": {"en": "declared in {file}:{line}", "sv": "deklarerat i {file}:{line}"},
    "placeholder": {"en": "[{what}]", "sv": "[{what}]"},
    "purpose_unnamed": {"en": "purpose not declared", "sv": "ändamål inte angivet"},
    # --- system kinds -------------------------------------------------------------------------
    "system_kind.phone": {"en": "phone", "sv": "telefon"},
    "system_kind.email": {"en": "e-mail", "sv": "e-post"},
    "system_kind.chat": {"en": "chat", "sv": "chatt"},
    "system_kind.ticketing": {"en": "ticketing", "sv": "ärendehantering"},
    "system_kind.crm": {"en": "customer register (CRM)", "sv": "kundregister (CRM)"},
    "system_kind.analytics": {"en": "analytics", "sv": "statistik"},
    "system_kind.knowledge-base": {"en": "knowledge base", "sv": "kunskapsbas"},
    "system_kind.notes": {"en": "notes", "sv": "anteckningar"},
    "system_kind.paper": {"en": "paper", "sv": "papper"},
    "system_kind.backup": {"en": "backup", "sv": "säkerhetskopior"},
    "system_kind.other": {"en": "other", "sv": "övrigt"},
    # --- Art. 9(2) conditions -------------------------------------------------------------------
    "condition.for": {"en": "for {categories}: {condition}", "sv": "för {categories}: {condition}"},
    "condition.missing": {
        "en": "for {categories}: no condition of Art. 9(2) is declared",
        "sv": "för {categories}: inget villkor enligt art. 9.2 är angivet",
    },
    "condition.explicit-consent": {
        "en": "your explicit consent (Art. 9(2)(a))",
        "sv": "ditt uttryckliga samtycke (art. 9.2 a)",
    },
    "condition.employment": {
        "en": "obligations under employment and social security law (Art. 9(2)(b))",
        "sv": "skyldigheter inom arbetsrätt och socialt skydd (art. 9.2 b)",
    },
    "condition.vital-interests": {
        "en": "to protect someone's vital interests when consent cannot be given (Art. 9(2)(c))",
        "sv": "för att skydda någons grundläggande intressen när samtycke inte kan ges (art. 9.2 c)",
    },
    "condition.non-profit": {
        "en": "our activities as a not-for-profit body, for our members (Art. 9(2)(d))",
        "sv": "vår verksamhet som ideell organisation, för våra medlemmar (art. 9.2 d)",
    },
    "condition.made-public": {
        "en": "information you have made public yourself (Art. 9(2)(e))",
        "sv": "uppgifter som du själv har offentliggjort (art. 9.2 e)",
    },
    "condition.legal-claims": {
        "en": "to establish, exercise or defend legal claims (Art. 9(2)(f))",
        "sv": "för att fastställa, göra gällande eller försvara rättsliga anspråk (art. 9.2 f)",
    },
    "condition.substantial-public-interest": {
        "en": "a substantial public interest under law (Art. 9(2)(g))",
        "sv": "ett viktigt allmänintresse enligt lag (art. 9.2 g)",
    },
    "condition.health-care": {
        "en": "health or social care (Art. 9(2)(h))",
        "sv": "hälso- och sjukvård eller social omsorg (art. 9.2 h)",
    },
    "condition.public-health": {"en": "public health (Art. 9(2)(i))", "sv": "folkhälsa (art. 9.2 i)"},
    "condition.archiving-research": {
        "en": "archiving, research or statistics (Art. 9(2)(j))",
        "sv": "arkivering, forskning eller statistik (art. 9.2 j)",
    },
    # --- durations ------------------------------------------------------------------------------
    "dur.year.1": {"en": "{n} year", "sv": "{n} år"},
    "dur.year.n": {"en": "{n} years", "sv": "{n} år"},
    "dur.month.1": {"en": "{n} month", "sv": "{n} månad"},
    "dur.month.n": {"en": "{n} months", "sv": "{n} månader"},
    "dur.week.1": {"en": "{n} week", "sv": "{n} vecka"},
    "dur.week.n": {"en": "{n} weeks", "sv": "{n} veckor"},
    "dur.day.1": {"en": "{n} day", "sv": "{n} dag"},
    "dur.day.n": {"en": "{n} days", "sv": "{n} dagar"},
    "retention_missing": {"en": "[retention not declared]", "sv": "[lagringstid saknas]"},
    # a backup's own retention: how long copies outlive the data in the source
    "retention.backup": {
        "en": "copies are kept for up to {duration} after the data is deleted from the source",
        "sv": "kopiorna sparas i upp till {duration} efter att uppgifterna har raderats i källsystemet",
    },
    # --- lawful bases in plain words --------------------------------------------------------------
    "basis.consent": {
        "en": "your consent, which you can withdraw at any time",
        "sv": "ditt samtycke, som du när som helst kan återkalla",
    },
    "basis.contract": {
        "en": "to fulfil our agreement with you",
        "sv": "för att fullgöra vårt avtal med dig",
    },
    "basis.legal-obligation": {
        "en": "because the law requires it",
        "sv": "för att lagen kräver det",
    },
    "basis.vital-interests": {
        "en": "to protect someone's life or health",
        "sv": "för att skydda någons liv eller hälsa",
    },
    "basis.public-task": {
        "en": "to perform a task in the public interest",
        "sv": "för att utföra en uppgift av allmänt intresse",
    },
    "basis.legitimate-interests": {
        "en": "our legitimate interest, which we have weighed against your privacy",
        "sv": "vårt berättigade intresse, som vi har vägt mot ditt intresse av integritet",
    },
    "basis.missing": {"en": "[lawful basis not declared]", "sv": "[rättslig grund saknas]"},
    # --- transfer safeguards in plain words -----------------------------------------------------
    "safeguard.adequacy": {
        "en": "the European Commission has decided that {country} protects personal data adequately",
        "sv": "EU-kommissionen har beslutat att {country} har en adekvat skyddsnivå för personuppgifter",
    },
    "safeguard.dpf": {
        "en": "the company is certified under the EU-U.S. Data Privacy Framework, which the "
        "European Commission has found adequate",
        "sv": "företaget är certifierat enligt EU-U.S. Data Privacy Framework, som EU-kommissionen "
        "har bedömt ger en adekvat skyddsnivå",
    },
    "safeguard.adequacy-partial": {
        "en": "the company is covered by the European Commission's adequacy decision for {country}",
        "sv": "företaget omfattas av EU-kommissionens beslut om adekvat skyddsnivå för {country}",
    },
    "safeguard.scc": {
        "en": "EU standard contractual clauses (the European Commission's model contract)",
        "sv": "EU:s standardavtalsklausuler (EU-kommissionens standardavtal)",
    },
    "safeguard.bcr": {
        "en": "binding corporate rules approved by data protection authorities",
        "sv": "bindande företagsbestämmelser som har godkänts av dataskyddsmyndigheter",
    },
    "safeguard.derogation": {
        "en": "an exception for specific situations (Art. 49 GDPR)",
        "sv": "ett undantag för särskilda situationer (artikel 49 i dataskyddsförordningen)",
    },
    "safeguard.none": {
        "en": "no safeguard under the GDPR's rules on transfers is in place yet",
        "sv": "inget skydd enligt dataskyddsförordningens regler om överföringar finns ännu på plats",
    },
    "safeguard.tia": {
        "en": "with an assessment of the country's laws",
        "sv": "med en bedömning av landets lagar",
    },
    # --- data subjects ------------------------------------------------------------------------
    "subject.the": {"en": "the {subject}", "sv": "den registrerade"},
    "subject.the.customer": {"en": "the customer", "sv": "kunden"},
    "subject.possessive": {"en": "the {subject}'s", "sv": "den registrerades"},
    "subject.possessive.customer": {"en": "the customer's", "sv": "kundens"},
    # --- rights (Art. 15-22, 7(3), 77) ----------------------------------------------------------
    "right.access": {
        "en": "Access: you can ask for a copy of the personal data we have about you.",
        "sv": "Tillgång: du kan begära en kopia av de personuppgifter vi har om dig (registerutdrag).",
    },
    "right.rectification": {
        "en": "Rectification: you can have wrong or incomplete details corrected.",
        "sv": "Rättelse: du kan få felaktiga eller ofullständiga uppgifter rättade.",
    },
    "right.erasure": {
        "en": "Erasure: you can have your data deleted when we no longer need it or have no right "
        "to keep it. Some records we must keep by law, for example accounting records.",
        "sv": "Radering: du kan få dina uppgifter raderade när vi inte längre behöver dem eller "
        "inte har rätt att spara dem. Vissa uppgifter måste vi spara enligt lag, till exempel "
        "bokföring.",
    },
    "right.restriction": {
        "en": "Restriction: you can ask us to keep your data but not use it, for example while "
        "we check a correction you asked for.",
        "sv": "Begränsning: du kan begära att vi sparar dina uppgifter men inte använder dem, "
        "till exempel medan vi utreder en rättelse du har begärt.",
    },
    "right.notification": {
        "en": "We tell those we have shared your data with when we correct, delete or restrict "
        "it, and we tell you who they are if you ask.",
        "sv": "Vi meddelar dem som vi har lämnat ut dina uppgifter till när vi rättar, raderar "
        "eller begränsar dem, och berättar vilka de är om du frågar.",
    },
    "right.portability": {
        "en": "Data portability: you can get the data you gave us in a machine-readable format "
        "where we use it under our agreement with you or your consent.",
        "sv": "Dataportabilitet: du kan få ut de uppgifter du själv har lämnat i ett "
        "maskinläsbart format när vi använder dem med stöd av vårt avtal med dig eller ditt "
        "samtycke.",
    },
    "right.objection": {
        "en": "Objection: you can object to our use of your data based on our legitimate "
        "interest, and always to direct marketing.",
        "sv": "Invändning: du kan invända mot att vi använder dina uppgifter med stöd av vårt "
        "berättigade intresse, och alltid mot direktmarknadsföring.",
    },
    "right.automated": {
        "en": "You have the right not to be subject to a decision made only by automated means "
        "that significantly affects you.",
        "sv": "Du har rätt att inte bli föremål för ett beslut som enbart grundas på automatiserad "
        "behandling och som påverkar dig i betydande grad.",
    },
    "right.withdraw": {
        "en": "Where we rely on your consent, you can withdraw it at any time; this does not "
        "affect what we did before.",
        "sv": "När vi stöder oss på ditt samtycke kan du när som helst återkalla det; det påverkar "
        "inte det vi har gjort innan.",
    },
    "right.complaint": {
        "en": "You can complain to the supervisory authority, {authority}{website}.",
        "sv": "Du kan klaga hos tillsynsmyndigheten, {authority}{website}.",
    },
    "right.answer_time": {
        "en": "We answer requests within one month. If a request is complex we may need two "
        "more months; we will tell you within the first month.",
        "sv": "Vi svarar på begäranden inom en månad. Är en begäran komplicerad kan vi behöva "
        "ytterligare två månader; i så fall meddelar vi dig inom den första månaden.",
    },
    "authority_unknown": {
        "en": "[the supervisory authority of the country where you live or work]",
        "sv": "[tillsynsmyndigheten i det land där du bor eller arbetar]",
    },
    # --- erasure plan -------------------------------------------------------------------------
    "erasure.title": {"en": "Erasure plan for {subject}: {org}", "sv": "Raderingsplan för {subject}: {org}"},
    "erasure.subject_type": {"en": "Data subjects: {id}", "sv": "Registrerade: {id}"},
    "recipient_kind.authority": {"en": "authority", "sv": "myndighet"},
    "recipient_kind.partner": {"en": "partner", "sv": "samarbetspartner"},
    "recipient_kind.other": {"en": "other controller", "sv": "annan personuppgiftsansvarig"},
    "erasure.deadline": {
        "en": "Request received {as_of}. Deadline: {deadline} (Art. 12(3): one month). If the "
        "request is complex, it can be extended by two months, to {extended}; tell {subject} so "
        "before {deadline}.",
        "sv": "Begäran mottogs {as_of}. Tidsfrist: {deadline} (art. 12.3: en månad). Är begäran "
        "komplicerad kan fristen förlängas med två månader, till {extended}; meddela i så fall "
        "{subject} före {deadline}.",
    },
    "erasure.summary": {"en": "{n} steps: {counts}.", "sv": "{n} steg: {counts}."},
    "erasure.summary.1": {"en": "{n} step: {counts}.", "sv": "{n} steg: {counts}."},
    "erasure.nothing": {
        "en": "No place holds {subjects} data: there is nothing to erase.",
        "sv": "Inget ställe innehåller {subjects} uppgifter: det finns inget att radera.",
    },
    "erasure.gaps": {"en": "Blocking gaps", "sv": "Blockerande luckor"},
    "erasure.gaps.intro": {
        "en": "The erasure cannot be completed until these are fixed:",
        "sv": "Raderingen kan inte slutföras förrän dessa är åtgärdade:",
    },
    "erasure.no_gaps": {
        "en": "No blocking gaps: every place that receives the data has a routine.",
        "sv": "Inga blockerande luckor: alla ställen som tar emot uppgifterna har en rutin.",
    },
    "erasure.fix": {"en": "Fix", "sv": "Åtgärd"},
    "erasure.steps": {"en": "Steps", "sv": "Steg"},
    "erasure.data": {"en": "Data", "sv": "Uppgifter"},
    "erasure.do": {"en": "Do", "sv": "Gör"},
    "erasure.procedure": {"en": "Procedure", "sv": "Rutin"},
    "erasure.owner": {"en": "Owner", "sv": "Ägare"},
    "erasure.processor": {"en": "Processor", "sv": "Personuppgiftsbiträde"},
    "erasure.via": {"en": "Instruct through", "sv": "Instruera via"},
    "erasure.fed_by": {"en": "Data comes from", "sv": "Uppgifterna kommer från"},
    "erasure.notes": {"en": "Notes", "sv": "Att tänka på"},
    "erasure.kept_parts": {"en": "Kept under law", "sv": "Sparas enligt lag"},
    "erasure.deadline_short": {"en": "Deadline", "sv": "Tidsfrist"},
    "erasure.automated": {"en": "automated", "sv": "automatisk"},
    "erasure.manual": {"en": "manual", "sv": "manuell"},
    "erasure.within_days": {"en": "within {days}", "sv": "inom {days}"},
    "erasure.rotation_until": {"en": "last copy overwritten by {date}", "sv": "sista kopian överskriven senast {date}"},
    "erasure.channel": {"en": "customer channel", "sv": "kundkanal"},
    "erasure.special": {
        "en": "includes special-category data, Art. 9",
        "sv": "innehåller känsliga personuppgifter, art. 9",
    },
    "erasure.criminal": {
        "en": "includes criminal-offence data, Art. 10",
        "sv": "innehåller uppgifter om lagöverträdelser, art. 10",
    },
    "erasure.recipients": {"en": "Recipients to inform (Art. 19)", "sv": "Mottagare att informera (art. 19)"},
    "erasure.caveats": {"en": "Caveats", "sv": "Förbehåll"},
    "erasure.anonymized": {
        "en": "Receives only anonymized data (no step)",
        "sv": "Tar bara emot anonymiserade uppgifter (inget steg)",
    },
    "erasure.anonymized.item": {
        "en": "{name}: receives {categories} only anonymized, from {sources}.",
        "sv": "{name}: tar bara emot {categories} i anonymiserad form, från {sources}.",
    },
    "erasure.cycles": {"en": "Loops (erase together)", "sv": "Slingor (radera tillsammans)"},
    "erasure.closing_title": {"en": "When every step is done", "sv": "När alla steg är klara"},
    "erasure.closing": {
        "en": "Confirm to {subject} in writing what was erased, what is kept and why (the law, and "
        "until when), and which recipients were told. Record the request and the answer.",
        "sv": "Bekräfta skriftligen för {subject} vad som har raderats, vad som sparas och varför "
        "(lagen och hur länge), och vilka mottagare som har informerats. Dokumentera begäran och "
        "svaret.",
    },
    "erasure.overview": {"en": "Overview", "sv": "Översikt"},
    "erasure.col.place": {"en": "Place", "sv": "Ställe"},
    "erasure.col.kind": {"en": "Kind", "sv": "Typ"},
    "erasure.col.action": {"en": "Action", "sv": "Åtgärd"},
    "erasure.col.owner": {"en": "Owner", "sv": "Ägare"},
    "action.delete": {"en": "delete", "sv": "radera"},
    "action.anonymize": {"en": "anonymize", "sv": "anonymisera"},
    "action.restrict": {"en": "keep and restrict", "sv": "behåll och begränsa"},
    "action.no-routine": {"en": "NO ROUTINE", "sv": "RUTIN SAKNAS"},
    "action.instruct": {"en": "instruct processor", "sv": "instruera biträde"},
    "action.inform": {"en": "inform recipient", "sv": "informera mottagare"},
    "action.none": {"en": "nothing kept", "sv": "inget sparas"},
    "erasure.order_rationale": {
        "en": "Why this order: upstream first. Each place comes after every place that sends it "
        "the data, so that no flow from a place not yet erased can send the data back to a place "
        "already erased (erasing downstream first would let, for example, a chat integration "
        "re-create a deleted ticket). Processors come after the systems they run, sub-processors "
        "after their processor, recipients last. Places that send data to each other in a loop "
        "are erased together, with the flows between them paused.",
        "sv": "Varför denna ordning: uppströms först. Varje ställe kommer efter alla ställen som "
        "skickar uppgifterna dit, så att inget flöde från ett ställe som ännu inte har raderats "
        "kan skicka tillbaka uppgifterna till ett ställe som redan har raderats (raderar man "
        "nedströms först kan till exempel en chattintegration återskapa ett raderat ärende). "
        "Personuppgiftsbiträden kommer efter systemen de driver, underbiträden efter sitt "
        "biträde och mottagare sist. Ställen som skickar uppgifter till varandra i en slinga "
        "raderas tillsammans, med flödena mellan dem pausade.",
    },
    "erasure.kept": {
        "en": "Keep {categories} held for “{purpose}”: {law} requires keeping it ({article}). "
        "Restrict it: use it only for what the law requires, and erase it when the period ends "
        "({retention}).",
        "sv": "Behåll {categories} som sparas för ”{purpose}”: {law} kräver att uppgifterna "
        "sparas ({article}). Begränsa behandlingen: använd uppgifterna bara för det lagen kräver och "
        "radera dem när tiden har gått ut ({retention}).",
    },
    "erasure.kept.claims": {
        "en": "Keep {categories} held for “{purpose}”: it may be needed to establish, exercise or "
        "defend legal claims within the time limits of {claims_law} ({article}); time limits "
        "impose no duty to keep. Restrict it: use it only for legal claims, and erase "
        "it when the period ends ({retention}).",
        "sv": "Behåll {categories} som sparas för ”{purpose}”: uppgifterna kan behövas för att "
        "fastställa, göra gällande eller försvara rättsliga anspråk inom fristerna i {claims_law} "
        "({article}); fristerna innebär ingen skyldighet att spara. Begränsa "
        "behandlingen: använd uppgifterna bara för rättsliga anspråk och radera dem när tiden har "
        "gått ut ({retention}).",
    },
    "erasure.kept.both": {
        "en": "Keep {categories} held for “{purpose}”: {law} requires keeping it, and it may be "
        "needed for legal claims within the periods of {claims_law} ({article}). Restrict it: use "
        "it only for what the law requires and for legal claims, and erase it when the period "
        "ends ({retention}).",
        "sv": "Behåll {categories} som sparas för ”{purpose}”: {law} kräver att uppgifterna "
        "sparas, och de kan behövas för rättsliga anspråk inom fristerna i {claims_law} "
        "({article}). Begränsa behandlingen: använd uppgifterna bara för det lagen kräver och för "
        "rättsliga anspråk och radera dem när tiden har gått ut ({retention}).",
    },
    "erasure.note.copy": {
        "en": "{categories} held for “{purpose}” is kept under law at {records}, which keeps the "
        "record; this place holds a copy, so erase it here (only the copy that serves the "
        "obligation is kept, Art. 17(3)).",
        "sv": "{categories} som sparas för ”{purpose}” behålls enligt lag i {records}, där "
        "originalet finns; här finns en kopia, så radera den här (bara den kopia som behövs för "
        "skyldigheten behålls, art. 17.3).",
    },
    "erasure.except": {"en": "Exception:", "sv": "Undantag:"},
    "erasure.system.no-routine": {
        "en": "No erasure routine is declared here, so {subjects} data ({categories}) cannot be "
        "erased reliably. Ask the owner to find and delete it by hand now, and to set up a "
        "routine.",
        "sv": "Här finns ingen deklarerad raderingsrutin, så {subjects} uppgifter ({categories}) "
        "kan inte raderas på ett säkert sätt. Be ägaren att leta upp och radera dem manuellt nu "
        "och att ta fram en rutin.",
    },
    "erasure.system.restrict": {"en": "Do not delete.", "sv": "Radera inte."},
    "erasure.system.none": {
        "en": "Nothing to erase here: {name} keeps none of {subjects} data; it only passes it "
        "on ({categories}) to {targets}, where it is erased. If {name} turns out to keep copies "
        "after all (transcripts, logs), delete them by hand and declare them under `stores`.",
        "sv": "Här finns inget att radera: {name} sparar inga av {subjects} uppgifter utan "
        "skickar bara vidare dem ({categories}) till {targets}, där de raderas. Visar det sig "
        "att {name} ändå sparar kopior (utskrifter, loggar), radera dem manuellt och deklarera "
        "dem under `stores`.",
    },
    "erasure.system.delete": {
        "en": "Delete {subjects} data ({categories}) following the procedure.",
        "sv": "Radera {subjects} uppgifter ({categories}) enligt rutinen.",
    },
    "erasure.system.anonymize": {
        "en": "Anonymize {subjects} data ({categories}) following the procedure, so that it can "
        "no longer be linked to {subject}.",
        "sv": "Anonymisera {subjects} uppgifter ({categories}) enligt rutinen, så att de inte "
        "längre kan kopplas till {subject}.",
    },
    "erasure.gap.system": {
        "en": "{name} holds {subjects} data ({categories}) but declares no erasure routine.",
        "sv": "{name} innehåller {subjects} uppgifter ({categories}) men har ingen deklarerad raderingsrutin.",
    },
    "erasure.gap.unmapped": {
        "en": "{name} is a customer channel, but its declaration stores nothing and sends no "
        "personal data on: what customers tell us there is not mapped, so it can be neither "
        "found, erased nor handed out.",
        "sv": "{name} är en kundkanal, men enligt deklarationen sparas ingenting där och inga "
        "personuppgifter skickas vidare: det kunderna berättar där finns inte med i "
        "kartläggningen, så det kan varken hittas, raderas eller lämnas ut.",
    },
    "erasure.gap.unmapped.fix": {
        "en": "Search the channel by hand for now; declare its `stores` (or its flows) in {file}.",
        "sv": "Sök manuellt i kanalen tills vidare; deklarera dess `stores` (eller flöden) i {file}.",
    },
    "access.gaps": {"en": "Not mapped: cannot be collected", "sv": "Inte kartlagt: kan inte samlas in"},
    "erasure.gap.arrives": {
        "en": "The data arrives through flows from {sources}.",
        "sv": "Uppgifterna kommer in via flöden från {sources}.",
    },
    "erasure.gap.system.fix": {
        "en": "Declare an `erasure` routine (method, procedure, within_days) in {file}; until "
        "then the erasure can be neither completed nor confirmed.",
        "sv": "Deklarera en `erasure`-rutin (method, procedure, within_days) i {file}; till dess "
        "kan raderingen varken slutföras eller bekräftas.",
    },
    "erasure.gap.processor": {
        "en": "A flow from {sources} sends {subjects} data to {name}, which has no DPA: no "
        "routine obliges it to delete.",
        "sv": "Ett flöde från {sources} skickar {subjects} uppgifter till {name}, som saknar "
        "personuppgiftsbiträdesavtal: ingen rutin förpliktar biträdet att radera.",
    },
    "erasure.gap.processor.fix": {
        "en": "Sign a DPA with {name} that obliges it to assist with requests and to delete "
        "(Art. 28(3)(e), (g)), and declare it under `dpa` in {file}.",
        "sv": "Teckna ett personuppgiftsbiträdesavtal med {name} som förpliktar biträdet att "
        "bistå vid begäranden och att radera (art. 28.3 e och g), och deklarera det under `dpa` "
        "i {file}.",
    },
    "erasure.processor.no-routine": {
        "en": "A flow from {sources} sends {subjects} data to {name}, but there is no DPA, so "
        "nothing obliges {name} to delete it. Ask {name} in writing to delete it now.",
        "sv": "Ett flöde från {sources} skickar {subjects} uppgifter till {name}, men det finns "
        "inget personuppgiftsbiträdesavtal, så inget förpliktar {name} att radera dem. Be {name} "
        "skriftligen att radera dem nu.",
    },
    "erasure.processor.subs": {
        "en": ", and at its sub-processors {subs} (Art. 28(4))",
        "sv": ", även hos dess underbiträden {subs} (art. 28.4)",
    },
    "erasure.processor.hosted": {
        "en": "Instruct {name} under the DPA (Art. 28(3)(e)) to confirm that {subjects} data in "
        "{systems} is erased in its service, including its own copies and backups{subs}.",
        "sv": "Instruera {name} enligt personuppgiftsbiträdesavtalet (art. 28.3 e) att bekräfta "
        "att {subjects} uppgifter i {systems} är raderade i tjänsten, även biträdets egna kopior "
        "och säkerhetskopior{subs}.",
    },
    "erasure.processor.direct": {
        "en": "Instruct {name} under the DPA (Art. 28(3)(e)) to delete {subjects} data it "
        "received from {sources}{subs}.",
        "sv": "Instruera {name} enligt personuppgiftsbiträdesavtalet (art. 28.3 e) att radera "
        "{subjects} uppgifter som biträdet har fått från {sources}{subs}.",
    },
    "erasure.processor.passes": {
        "en": "{systems} keeps nothing, but {subjects} data passes through {name}'s service: "
        "instruct {name} under the DPA (Art. 28(3)(e)) to delete any copies it keeps (logs, "
        "transcripts, backups){subs}.",
        "sv": "{systems} sparar ingenting, men {subjects} uppgifter passerar genom tjänsten hos "
        "{name}: instruera {name} enligt personuppgiftsbiträdesavtalet (art. 28.3 e) att radera "
        "alla kopior som biträdet sparar (loggar, utskrifter, säkerhetskopior){subs}.",
    },
    "erasure.processor.hosted-no-dpa": {
        "en": "There is no DPA with {name}: ask it in writing to confirm that {subjects} data in "
        "{systems} is erased in its service, including its own copies and backups{subs}.",
        "sv": "Det finns inget personuppgiftsbiträdesavtal med {name}: be skriftligen biträdet "
        "bekräfta att {subjects} uppgifter i {systems} är raderade i tjänsten, även biträdets "
        "egna kopior och säkerhetskopior{subs}.",
    },
    "erasure.processor.restrict": {
        "en": "Instruct {name} under the DPA to keep {subjects} data in {systems} restricted: "
        "not used except as the law requires, and deleted, with its copies, when the period "
        "ends.",
        "sv": "Instruera {name} enligt personuppgiftsbiträdesavtalet att hålla {subjects} "
        "uppgifter i {systems} begränsade: de får bara användas som lagen kräver och ska "
        "raderas, även kopior, när tiden har gått ut.",
    },
    "erasure.processor.sub": {
        "en": "Sub-processor{chain}: ask {parents} to have {name} delete {subjects} data "
        "(Art. 28(4)); we have no contract with {name} directly.",
        "sv": "Underbiträde{chain}: be {parents} se till att {name} raderar {subjects} uppgifter "
        "(art. 28.4); vi har inget eget avtal med underbiträdet.",
    },
    "erasure.processor.sub.restrict": {
        "en": "Sub-processor{chain}: ask {parents} to have {name} keep {subjects} data restricted "
        "(Art. 28(4)): not used except as the law requires, and deleted, with its copies, when the "
        "period ends; we have no contract with {name} directly.",
        "sv": "Underbiträde{chain}: be {parents} se till att {name} håller {subjects} uppgifter "
        "begränsade (art. 28.4): de får bara användas som lagen kräver och ska raderas, även "
        "kopior, när tiden har gått ut; vi har inget eget avtal med underbiträdet.",
    },
    "erasure.processor.sub.chain": {"en": " of {names}", "sv": " till {names}"},
    "erasure.caveat.no-dpa": {
        "en": "No DPA with {name}: nothing in a contract obliges it to assist (Art. 28(3)(e)) or "
        "to delete its own copies. Ask in writing, keep the answer, and sign a DPA.",
        "sv": "Inget personuppgiftsbiträdesavtal med {name}: inget avtal förpliktar biträdet att "
        "bistå (art. 28.3 e) eller att radera sina egna kopior. Fråga skriftligen, spara svaret "
        "och teckna ett avtal.",
    },
    "erasure.caveat.clauses": {
        "en": "The DPA with {name} has neither an assistance nor a deletion clause "
        "(Art. 28(3)(e), (g)): it may refuse to help.",
        "sv": "Avtalet med {name} saknar både klausul om bistånd och om radering (art. 28.3 e "
        "och g): biträdet kan vägra hjälpa till.",
    },
    "erasure.contact.document": {
        "en": "see the DPA, {document}",
        "sv": "se personuppgiftsbiträdesavtalet, {document}",
    },
    "erasure.recipient.tell": {
        "en": "When the steps for {sources} are done, tell {name} what happened to {subjects} data "
        "it received (Art. 19), unless that is impossible or takes disproportionate effort: "
        "{outcome}.",
        "sv": "När stegen för {sources} är klara, meddela {name} vad som har hänt med {subjects} "
        "uppgifter som mottagaren har fått (art. 19), om det inte är omöjligt eller kräver "
        "oproportionerligt stor ansträngning: {outcome}.",
    },
    "erasure.recipient.erased": {
        "en": "{categories} erased",
        "sv": "{categories} har raderats",
    },
    "erasure.recipient.restricted": {
        "en": "{categories} not erased but kept restricted in {place} under {law}",
        "sv": "{categories} har inte raderats utan behålls begränsade i {place} enligt {law}",
    },
    "erasure.recipient.pending": {
        "en": "{categories} not yet erased (no erasure routine at the source)",
        "sv": "{categories} har ännu inte raderats (källan saknar raderingsrutin)",
    },
    "erasure.recipient.controller": {
        "en": "{name} is its own controller: it decides on its own copy under its own obligations.",
        "sv": "{name} är självständigt personuppgiftsansvarig och beslutar om sin egen kopia utifrån "
        "sina egna skyldigheter.",
    },
    "erasure.recipient.authority": {
        "en": "{name} is an authority and decides itself on its own records.",
        "sv": "{name} är en myndighet och beslutar själv om sina egna handlingar.",
    },
    "erasure.recipient.ask": {
        "en": "If {subject} asks, say that {name} received the data.",
        "sv": "Om {subject} frågar, berätta att {name} har fått uppgifterna.",
    },
    "erasure.note.backup": {
        "en": "Backups rotate out: do not restore or use a copy holding {subjects} data; the "
        "last one is overwritten by {until}. If a backup is restored before then, repeat this "
        "erasure after the restore.",
        "sv": "Säkerhetskopiorna roteras bort: återställ eller använd inte en kopia med "
        "{subjects} uppgifter; den sista skrivs över senast {until}. Återställs en "
        "säkerhetskopia innan dess ska raderingen göras om efter återställningen.",
    },
    "erasure.note.backup-manual": {
        "en": "Backups: follow the procedure for every copy; if one is restored later, repeat "
        "this erasure after the restore.",
        "sv": "Säkerhetskopior: följ rutinen för varje kopia; återställs en kopia senare ska "
        "raderingen göras om efter återställningen.",
    },
    "erasure.note.paper": {
        "en": "Paper: check every folder where {subjects} letters and forms may be filed, and record the shredding.",
        "sv": "Papper: gå igenom alla pärmar där {subjects} brev och blanketter kan vara "
        "arkiverade, och dokumentera förstöringen.",
    },
    "erasure.note.notes": {
        "en": "Notes: search every page and notebook for {subject}; notes are rarely filed by person.",
        "sv": "Anteckningar: sök igenom alla sidor och anteckningsböcker efter {subject}; "
        "anteckningar sorteras sällan per person.",
    },
    "erasure.note.free-text": {
        "en": "Free text: search by name, e-mail address, phone number and order or case "
        "numbers; {subject} may also be named in other people's cases.",
        "sv": "Fritext: sök på namn, e-postadress, telefonnummer och order- eller ärendenummer; "
        "{subject} kan också nämnas i andras ärenden.",
    },
    "erasure.note.only-flow": {
        "en": "The data ({categories}) reaches this place only through flows from {sources}; "
        "its `stores` does not list it, so an inventory-based search would miss it.",
        "sv": "Uppgifterna ({categories}) kommer hit bara via flöden från {sources}; de finns "
        "inte med i systemets `stores`, så en sökning utifrån inventeringen skulle missa dem.",
    },
    "erasure.note.also-flow": {
        "en": "Also receives {categories} through flows from {sources}, which its `stores` does not list.",
        "sv": "Tar också emot {categories} via flöden från {sources}, som inte finns med i systemets `stores`.",
    },
    "erasure.note.forwards": {
        "en": "Passes {categories} on to {targets} without keeping it: it is erased there.",
        "sv": "Skickar {categories} vidare till {targets} utan att spara uppgifterna: de raderas där.",
    },
    "erasure.note.slow": {
        "en": "The routine takes up to {days} and may end after the deadline, {deadline}: start it at once.",
        "sv": "Rutinen tar upp till {days} och kan bli klar efter tidsfristen {deadline}: starta den direkt.",
    },
    "erasure.note.then-processor": {
        "en": "Then instruct the processor, {processor} (step {step}).",
        "sv": "Instruera sedan personuppgiftsbiträdet {processor} (steg {step}).",
    },
    "erasure.note.cycle": {
        "en": "Part of a loop of flows with {others}: erase them in the same session and pause "
        "the flows between them until all are done.",
        "sv": "Ingår i en slinga av flöden med {others}: radera dem vid samma tillfälle och "
        "pausa flödena mellan dem tills alla är klara.",
    },
    "erasure.note.cycle.large": {
        "en": "Part of loop {n} of the plan ({count} places; see the loops at the end): erase them in the "
        "same session and pause the flows between them until all are done.",
        "sv": "Ingår i slinga {n} i planen ({count} platser; se slingorna i slutet): radera dem vid samma "
        "tillfälle och pausa flödena mellan dem tills alla är klara.",
    },
    "erasure.note.resend.restrict": {
        "en": "{source} keeps the data under law: make sure its flow does not send {subjects} "
        "data here again (exclude {subject} or pause the flow).",
        "sv": "{source} behåller uppgifterna enligt lag: se till att dess flöde inte skickar hit "
        "{subjects} uppgifter igen (undanta {subject} eller pausa flödet).",
    },
    "erasure.note.resend.partial": {
        "en": "{source} keeps part of the data under law ({categories}): make sure its flow does "
        "not send that part of {subjects} data here again (exclude {subject} or pause the flow).",
        "sv": "{source} behåller en del av uppgifterna enligt lag ({categories}): se till att "
        "dess flöde inte skickar hit den delen av {subjects} uppgifter igen (undanta {subject} "
        "eller pausa flödet).",
    },
    "erasure.note.resend.no-routine": {
        "en": "{source} has no erasure routine: until the data there is erased by hand, its "
        "flow may send {subjects} data here again.",
        "sv": "{source} saknar raderingsrutin: tills uppgifterna där har raderats manuellt kan "
        "dess flöde skicka hit {subjects} uppgifter igen.",
    },
    "erasure.note.contact": {"en": "Contact: {contact}.", "sv": "Kontakt: {contact}."},
    # --- access plan --------------------------------------------------------------------------
    "access.title": {
        "en": "Access request (Art. 15) for {subject}: {org}",
        "sv": "Begäran om tillgång (registerutdrag, art. 15) för {subject}: {org}",
    },
    "access.deadline": {
        "en": "Request received {as_of}. Answer by {deadline} (Art. 12(3): one month; it can be "
        "extended by two months, to {extended}, if {subject} is told before {deadline}).",
        "sv": "Begäran mottogs {as_of}. Svara senast {deadline} (art. 12.3: en månad; fristen kan "
        "förlängas med två månader, till {extended}, om {subject} får veta det före {deadline}).",
    },
    "access.collect": {"en": "1. Collect the data", "sv": "1. Samla in uppgifterna"},
    "access.collect.intro": {
        "en": "Search every place below for {subject}; each holds some of {subjects} data.",
        "sv": "Sök efter {subject} på alla ställen nedan; vart och ett innehåller en del av {subjects} uppgifter.",
    },
    "access.nothing": {
        "en": "No place holds {subjects} data: answer that we hold no personal data about them.",
        "sv": "Inget ställe innehåller {subjects} uppgifter: svara att vi inte har några personuppgifter om personen.",
    },
    "access.how_label": {"en": "How", "sv": "Så gör du"},
    "access.purposes_label": {"en": "Purposes", "sv": "Ändamål"},
    "access.answer": {"en": "2. What the answer must say", "sv": "2. Vad svaret ska innehålla"},
    "access.answer.intro": {
        "en": "Besides a copy of the data (Art. 15(3)), the answer must give (Art. 15(1) and (2)):",
        "sv": "Utöver en kopia av uppgifterna (art. 15.3) ska svaret innehålla (art. 15.1 och 15.2):",
    },
    "access.purposes": {
        "en": "Purposes and lawful basis (Art. 15(1)(a))",
        "sv": "Ändamål och rättslig grund (art. 15.1 a)",
    },
    "access.categories": {
        "en": "Categories of personal data (Art. 15(1)(b))",
        "sv": "Kategorier av personuppgifter (art. 15.1 b)",
    },
    "access.recipients": {"en": "Recipients (Art. 15(1)(c))", "sv": "Mottagare (art. 15.1 c)"},
    "access.retention": {
        "en": "How long the data is kept (Art. 15(1)(d))",
        "sv": "Hur länge uppgifterna sparas (art. 15.1 d)",
    },
    "access.rights": {"en": "Rights (Art. 15(1)(e) and (f))", "sv": "Rättigheter (art. 15.1 e och f)"},
    "access.source_title": {
        "en": "Where the data comes from (Art. 15(1)(g))",
        "sv": "Varifrån uppgifterna kommer (art. 15.1 g)",
    },
    "access.automated_title": {
        "en": "Automated decisions (Art. 15(1)(h))",
        "sv": "Automatiserade beslut (art. 15.1 h)",
    },
    "access.transfers": {
        "en": "Transfers outside the EU/EEA and their safeguards (Art. 15(2))",
        "sv": "Överföringar utanför EU/EES och skyddsåtgärder (art. 15.2)",
    },
    "access.no_transfers": {
        "en": "None: the data stays in the EU/EEA.",
        "sv": "Inga: uppgifterna stannar inom EU/EES.",
    },
    "access.transfer.unsafe": {
        "en": "NO SAFEGUARD: this transfer may be unlawful; raise it with the DPO before answering",
        "sv": "SKYDD SAKNAS: överföringen kan vara olaglig; ta upp det med dataskyddsombudet innan du svarar",
    },
    "access.law": {"en": "kept under {law}", "sv": "sparas enligt {law}"},
    "access.contact": {"en": "Contact", "sv": "Kontakt"},
    "access.checklist": {"en": "3. Before sending", "sv": "3. Innan du skickar"},
    "access.dpo": {"en": "data protection officer {dpo}", "sv": "dataskyddsombud {dpo}"},
    "access.no_contact": {
        "en": "[no privacy contact declared]",
        "sv": "[ingen kontakt för dataskyddsfrågor angiven]",
    },
    "access.how.system": {
        "en": "Search {name} for {subject} and export everything found.",
        "sv": "Sök efter {subject} i {name} och exportera allt du hittar.",
    },
    "access.how.processor": {
        "en": "Ask {name} under the DPA (Art. 28(3)(e)) what it holds about {subject}; it "
        "received data from {sources}.",
        "sv": "Fråga {name} enligt personuppgiftsbiträdesavtalet (art. 28.3 e) vad biträdet har "
        "om {subject}; det har fått uppgifter från {sources}.",
    },
    "access.how.processor.no-dpa": {
        "en": "There is no DPA with {name}: nothing obliges it to help answer (Art. 28(3)(e)). "
        "Escalate to {contact}, and ask {name} in writing, under the contract we have with it, "
        "what it holds about {subject}; it received data from {sources}. Keep its answer.",
        "sv": "Det finns inget personuppgiftsbiträdesavtal med {name}: inget förpliktar biträdet "
        "att hjälpa till med svaret (art. 28.3 e). Eskalera till {contact} och be {name} "
        "skriftligen, med stöd av det avtal vi har med biträdet, om uppgift om vad det har om "
        "{subject}; det har fått uppgifter från {sources}. Spara svaret.",
    },
    "access.how.paper": {
        "en": "Find every paper document about {subject} and scan or copy it.",
        "sv": "Leta upp alla pappersdokument om {subject} och skanna eller kopiera dem.",
    },
    "access.how.backup": {
        "en": "Copies of data from {sources}: no separate search is needed when those are "
        "covered, but say that backup copies are kept for up to {retention} after the data is "
        "deleted from the source.",
        "sv": "Kopior av uppgifter från {sources}: ingen egen sökning behövs när de är täckta, "
        "men berätta att säkerhetskopiorna sparas i upp till {retention} efter att uppgifterna "
        "har raderats i källsystemet.",
    },
    "access.note.free-text": {
        "en": "Free text: search by name, e-mail address, phone number and order or case "
        "numbers, and remove other people's data from the copy (Art. 15(4)).",
        "sv": "Fritext: sök på namn, e-postadress, telefonnummer och order- eller ärendenummer, "
        "och ta bort andra personers uppgifter ur kopian (art. 15.4).",
    },
    "access.note.only-flow": {
        "en": "The data reaches it only through flows from {sources}; its `stores` does not list it.",
        "sv": "Uppgifterna kommer hit bara via flöden från {sources}; de finns inte med i systemets `stores`.",
    },
    "access.source": {
        "en": "From you, when you contact us through {channels}.",
        "sv": "Från dig, när du kontaktar oss via {channels}.",
    },
    "access.source.internal": {
        "en": "Also records we create ourselves in {systems}.",
        "sv": "Dessutom uppgifter som vi själva skapar i {systems}.",
    },
    "access.automated": {
        "en": "No automated decision-making is declared; confirm that none is made before answering.",
        "sv": "Inget automatiserat beslutsfattande finns deklarerat; kontrollera att inget sådant "
        "förekommer innan du svarar.",
    },
    "access.check.identity": {
        "en": "Make sure it really is {subject} asking before sending anything (Art. 12(6)); ask "
        "only for what is needed to check.",
        "sv": "Kontrollera att det verkligen är {subject} som frågar innan du skickar något "
        "(art. 12.6); be bara om det som behövs för kontrollen.",
    },
    "access.check.deadline": {"en": "Send the answer by {deadline}.", "sv": "Skicka svaret senast {deadline}."},
    "access.check.free": {
        "en": "The first copy is free (Art. 12(5), 15(3)).",
        "sv": "Den första kopian är kostnadsfri (art. 12.5 och 15.3).",
    },
    "access.check.copy": {
        "en": "If the request came electronically, answer electronically in a common format (Art. 15(3)).",
        "sv": "Kom begäran elektroniskt, svara elektroniskt i ett vanligt format (art. 15.3).",
    },
    "access.check.others": {
        "en": "Remove other people's personal data from the copy (Art. 15(4)).",
        "sv": "Ta bort andra personers personuppgifter ur kopian (art. 15.4).",
    },
    "access.check.record": {
        "en": "Record the request, what was sent and when.",
        "sv": "Dokumentera begäran, vad som skickades och när.",
    },
    # --- breach impact ------------------------------------------------------------------------
    "breach.title": {
        "en": "Breach impact: {name} ({node})",
        "sv": "Konsekvenser av en personuppgiftsincident: {name} ({node})",
    },
    "breach.aware": {"en": "Became aware: {aware_at}", "sv": "Fick kännedom: {aware_at}"},
    "breach.deadline_line": {
        "en": "Notify {authority} by {deadline} (72 hours, Art. 33(1)); a later notification must "
        "give the reasons for the delay.",
        "sv": "Anmäl till {authority} senast {deadline} (72 timmar, art. 33.1); en senare anmälan "
        "ska ange skälen till förseningen.",
    },
    "breach.no_data_line": {
        "en": "No personal data is declared here; check whether personal data was involved before "
        "notifying. If it was, notify {authority} by {deadline} (72 hours, Art. 33(1)).",
        "sv": "Här finns inga personuppgifter deklarerade; kontrollera om personuppgifter berördes "
        "innan du anmäler. Om de gjorde det, anmäl till {authority} senast {deadline} (72 timmar, "
        "art. 33.1).",
    },
    "breach.report_via": {"en": "Report through", "sv": "Anmäl via"},
    "breach.address": {"en": "Address", "sv": "Adress"},
    "breach.exposed": {"en": "What is exposed", "sv": "Vad som exponeras"},
    "breach.categories": {"en": "Categories", "sv": "Kategorier"},
    "breach.subjects": {"en": "Data subjects", "sv": "Registrerade"},
    "breach.hosted": {"en": "Systems it runs for us", "sv": "System som det driver åt oss"},
    "breach.subs": {"en": "Sub-processor chain", "sv": "Kedja av underbiträden"},
    "breach.sub_of": {"en": "{name}, engaged by {parents}", "sv": "{name}, anlitat av {parents}"},
    "breach.reachable": {
        "en": "Where the data flows on to (reachable)",
        "sv": "Dit uppgifterna flödar vidare (nåbara)",
    },
    "breach.feeds": {"en": "What feeds it", "sv": "Vad som matar det"},
    "breach.countries": {"en": "Countries", "sv": "Länder"},
    "breach.third": {"en": "Third countries", "sv": "Tredjeländer"},
    "breach.third.exposed": {"en": "exposed", "sv": "exponerat"},
    "breach.third.onward": {"en": "data flows on there", "sv": "uppgifterna flödar vidare dit"},
    "breach.no_third": {
        "en": "None: no personal data is held outside the EU/EEA.",
        "sv": "Inga: inga personuppgifter finns utanför EU/EES.",
    },
    "breach.notification": {
        "en": "Notification to the supervisory authority (Art. 33(3)), prefilled",
        "sv": "Anmälan till tillsynsmyndigheten (art. 33.3), förifylld",
    },
    "breach.todo": {"en": "to complete", "sv": "att fylla i"},
    "breach.art34": {
        "en": "Telling the data subjects (Art. 34)",
        "sv": "Information till de registrerade (art. 34)",
    },
    "breach.34.likely": {"en": "Likely required: {reasons}.", "sv": "Troligen nödvändig: {reasons}."},
    "breach.34.unlikely": {
        "en": "Not clearly required by the declarations; judge the risk for this incident.",
        "sv": "Inte uppenbart nödvändig enligt deklarationerna; bedöm risken för just denna incident.",
    },
    "breach.scale": {"en": "Scale", "sv": "Omfattning"},
    "breach.call": {"en": "Whom to call", "sv": "Vem som ska kontaktas"},
    "breach.customer_title": {
        "en": "Draft message to customers",
        "sv": "Utkast till meddelande till kunderna",
    },
    "breach.script_title": {
        "en": "Script for support agents",
        "sv": "Manus för kundtjänstmedarbetare",
    },
    "breach.lang.en": {"en": "English", "sv": "Engelska"},
    "breach.lang.sv": {"en": "Swedish", "sv": "Svenska"},
    "breach.role.dpo": {"en": "data protection officer", "sv": "dataskyddsombud"},
    "breach.role.privacy-contact": {"en": "privacy contact", "sv": "kontakt för dataskyddsfrågor"},
    "breach.role.owner": {"en": "system owner", "sv": "systemägare"},
    "breach.role.security": {"en": "information security", "sv": "informationssäkerhet"},
    "breach.role.customer-support": {"en": "customer support", "sv": "kundtjänst"},
    "breach.role.processor": {"en": "processor", "sv": "personuppgiftsbiträde"},
    "breach.role.sub-processor": {"en": "sub-processor", "sv": "underbiträde"},
    "breach.role.recipient": {"en": "recipient", "sv": "mottagare"},
    "breach.role.authority": {"en": "supervisory authority", "sv": "tillsynsmyndighet"},
    "breach.where.system": {"en": "in {name}", "sv": "i {name}"},
    "breach.where.processor": {
        "en": "at our supplier {name}, which runs {systems} for us",
        "sv": "hos vår leverantör {name}, som driver {systems} åt oss",
    },
    "breach.where.supplier": {"en": "at our supplier {name}", "sv": "hos vår leverantör {name}"},
    "breach.where.recipient": {
        "en": "at {name}, which receives data from us",
        "sv": "hos {name}, som tar emot uppgifter från oss",
    },
    "breach.33a": {
        "en": "A personal data breach {where}: {what}. Data subjects concerned: {subjects} "
        "(approximate number: {number}). Categories of personal data: {categories} (approximate "
        "number of records: {records}).",
        "sv": "En personuppgiftsincident {where}: {what}. Berörda registrerade: {subjects} "
        "(ungefärligt antal: {number}). Kategorier av personuppgifter: {categories} (ungefärligt "
        "antal poster: {records}).",
    },
    "breach.33a.special": {
        "en": "Includes special categories of personal data (Art. 9): {categories}.",
        "sv": "Omfattar känsliga personuppgifter (art. 9): {categories}.",
    },
    "breach.33a.criminal": {
        "en": "Includes personal data relating to criminal convictions and offences (Art. 10): {categories}.",
        "sv": "Omfattar personuppgifter som rör lagöverträdelser (art. 10): {categories}.",
    },
    "breach.33d": {"en": "{what}", "sv": "{what}"},
    "breach.ph.what": {
        "en": "describe what happened, how and when",
        "sv": "beskriv vad som har hänt, hur och när",
    },
    "breach.ph.number": {"en": "fill in", "sv": "fyll i"},
    "breach.ph.records": {"en": "fill in", "sv": "fyll i"},
    "breach.ph.consequences": {
        "en": "assess the consequences of this incident",
        "sv": "bedöm konsekvenserna av just denna incident",
    },
    "breach.ph.measures": {
        "en": "measures taken or proposed, e.g. access blocked, passwords reset, processor "
        "instructed, affected people informed",
        "sv": "vidtagna eller planerade åtgärder, t.ex. stängd åtkomst, bytta lösenord, "
        "instruktioner till personuppgiftsbiträdet, information till de registrerade",
    },
    "breach.ph.org_number": {"en": "organisation number", "sv": "organisationsnummer"},
    "breach.ph.occurred": {
        "en": "when the breach happened (date and time), if known",
        "sv": "när incidenten inträffade (datum och tid), om det är känt",
    },
    "breach.ph.informed": {
        "en": "when they were told, or why not",
        "sv": "när de informerades, eller varför inte",
    },
    "breach.ph.contact": {"en": "contact for data protection", "sv": "kontakt för dataskyddsfrågor"},
    "breach.ph.categories": {"en": "the data concerned", "sv": "de uppgifter som berörs"},
    "breach.ph.subjects": {"en": "data subjects", "sv": "registrerade"},
    "breach.informed.likely": {
        "en": "Likely required (Art. 34).",
        "sv": "Troligen nödvändig (art. 34).",
    },
    "breach.informed.unlikely": {
        "en": "Not clearly required by the declarations (Art. 34); judge the risk.",
        "sv": "Inte uppenbart nödvändig enligt deklarationerna (art. 34); bedöm risken.",
    },
    "breach.f.controller": {
        "en": "Controller and organisation number",
        "sv": "Personuppgiftsansvarig och organisationsnummer",
    },
    "breach.f.a": {
        "en": "(a) Nature of the breach, data subjects and records concerned",
        "sv": "(a) Incidentens art, berörda registrerade och personuppgiftsposter",
    },
    "breach.f.b": {
        "en": "(b) Data protection officer or other contact point",
        "sv": "(b) Dataskyddsombud eller annan kontaktpunkt",
    },
    "breach.f.c": {"en": "(c) Likely consequences", "sv": "(c) Sannolika konsekvenser"},
    "breach.f.d": {"en": "(d) Measures taken or proposed", "sv": "(d) Vidtagna eller föreslagna åtgärder"},
    "breach.f.occurred": {"en": "When the breach happened", "sv": "När incidenten inträffade"},
    "breach.f.discovered": {"en": "When we became aware of it", "sv": "När vi fick kännedom om den"},
    "breach.f.informed": {"en": "Data subjects informed", "sv": "Information till de registrerade"},
    "breach.consequence.phishing": {
        "en": "the details can be used for convincing fake e-mails, text messages or calls (phishing) and for fraud",
        "sv": "uppgifterna kan användas för trovärdiga falska mejl, sms eller samtal (nätfiske) och för bedrägerier",
    },
    "breach.consequence.special": {
        "en": "sensitive information ({categories}) may become known to others, which can cause "
        "distress, embarrassment or discrimination",
        "sv": "känsliga uppgifter ({categories}) kan bli kända för andra, vilket kan leda till "
        "oro, obehag eller diskriminering",
    },
    "breach.consequence.criminal": {
        "en": "information about offences ({categories}) may become known to others, which can "
        "harm reputation and livelihood",
        "sv": "uppgifter om lagöverträdelser ({categories}) kan bli kända för andra, vilket kan "
        "skada rykte och försörjning",
    },
    "breach.dpo_named": {"en": "our data protection officer {name}", "sv": "vårt dataskyddsombud {name}"},
    "breach.authority_unknown": {"en": "[the supervisory authority]", "sv": "[tillsynsmyndigheten]"},
    "breach.34.special": {
        "en": "special categories of data are exposed ({categories})",
        "sv": "känsliga personuppgifter exponeras ({categories})",
    },
    "breach.34.criminal": {
        "en": "criminal-offence data is exposed ({categories})",
        "sv": "uppgifter om lagöverträdelser exponeras ({categories})",
    },
    "breach.34.unencrypted": {
        "en": "not declared encrypted at rest: {systems}",
        "sv": "inte deklarerat krypterade i vila: {systems}",
    },
    "breach.34.large": {
        "en": "large scale: about {affected} people (threshold {threshold})",
        "sv": "stor omfattning: cirka {affected} personer (gräns {threshold})",
    },
    "breach.34.keys": {
        "en": "The exposed systems declare encryption at rest, but the breach is at {name}, which "
        "holds the keys: the data is not unintelligible to the intruder, so the exception of "
        "Art. 34(3)(a) does not apply.",
        "sv": "De exponerade systemen är deklarerade som krypterade i vila, men incidenten har skett "
        "hos {name}, som har nycklarna: uppgifterna är inte oläsliga för den obehörige, så "
        "undantaget i art. 34.3 a gäller inte.",
    },
    "breach.34.unlocked": {
        "en": "paper not declared kept locked: {systems}",
        "sv": "papper som inte är deklarerat inlåst: {systems}",
    },
    "breach.scale.given": {
        "en": "Judged from --affected {affected} against --large-scale {threshold} (a policycheck "
        "setting, not a legal threshold: the GDPR sets no number).",
        "sv": "Bedömd utifrån --affected {affected} mot --large-scale {threshold} (en inställning i "
        "policycheck, ingen rättslig gräns: dataskyddsförordningen anger inget antal).",
    },
    "breach.scale.unknown": {
        "en": "Not judged: pass --affected N (the approximate number of people); N at or above "
        "--large-scale {threshold} counts as large scale.",
        "sv": "Inte bedömd: ange --affected N (ungefärligt antal personer); N på eller över "
        "--large-scale {threshold} räknas som stor omfattning.",
    },
    "breach.scale.channels": {
        "en": "Customer channels feed this data ({channels}), so many people may be affected.",
        "sv": "Kundkanaler matar dessa uppgifter ({channels}), så många personer kan vara berörda.",
    },
    "breach.window.now": {"en": "at once", "sv": "direkt"},
    "breach.window.owner": {
        "en": "at once: contain the breach and secure the logs",
        "sv": "direkt: begränsa incidenten och säkra loggarna",
    },
    "breach.window.security": {
        "en": "at once: leads the incident response",
        "sv": "direkt: leder incidenthanteringen",
    },
    "breach.window.customer-support": {
        "en": "before customers get in touch: brief the agents with the script",
        "sv": "innan kunderna hör av sig: gå igenom manuset med kundtjänstmedarbetarna",
    },
    "breach.window.no-dpa": {
        "en": "no DPA, so no agreed notification time: call at once",
        "sv": "inget personuppgiftsbiträdesavtal och ingen avtalad tid för anmälan: ring direkt",
    },
    "breach.window.unset": {
        "en": "the DPA sets no notification time: call at once",
        "sv": "avtalet anger ingen tid för anmälan: ring direkt",
    },
    "breach.window.hours": {
        "en": "must tell us within {hours} h of becoming aware (DPA); call at once",
        "sv": "ska meddela oss inom {hours} timmar från att biträdet fått kännedom (avtalet); ring direkt",
    },
    "breach.window.sub": {
        "en": "sub-processor: reach it through its processor (Art. 28(4))",
        "sv": "underbiträde: nås via sitt personuppgiftsbiträde (art. 28.4)",
    },
    "breach.window.recipient": {
        "en": "its own controller: ask what happened; it notifies its own authority",
        "sv": "självständigt personuppgiftsansvarig: fråga vad som har hänt; mottagaren anmäler "
        "själv till sin tillsynsmyndighet",
    },
    "breach.window.authority": {
        "en": "notify by {deadline} (Art. 33(1): 72 hours from becoming aware)",
        "sv": "anmäl senast {deadline} (art. 33.1: 72 timmar från att vi fick kännedom)",
    },
    "breach.window.authority-if": {
        "en": "only if personal data was involved: notify by {deadline} (Art. 33(1): 72 hours from becoming aware)",
        "sv": "bara om personuppgifter berördes: anmäl senast {deadline} (art. 33.1: 72 timmar "
        "från att vi fick kännedom)",
    },
    "breach.note.anonymous": {
        "en": "{name} stores {categories}, which arrive there only through anonymized flows and "
        "are treated as anonymous; if they are not, treat them as personal data.",
        "sv": "{name} lagrar {categories}, som bara kommer in via anonymiserade flöden och "
        "behandlas som anonyma; är de inte det, behandla dem som personuppgifter.",
    },
    "breach.note.anonymous.1": {
        "en": "{name} stores {categories}, which arrives there only through anonymized flows and "
        "is treated as anonymous; if it is not, treat it as personal data.",
        "sv": "{name} lagrar {categories}, som bara kommer in via anonymiserade flöden och "
        "behandlas som anonyma uppgifter; är de inte det, behandla dem som personuppgifter.",
    },
    "breach.note.recipient": {
        "en": "{name} is a recipient and its own controller: a breach in its own systems is its "
        "own to notify (Art. 33); it is ours if it happened in our transfer to it.",
        "sv": "{name} är mottagare och självständigt personuppgiftsansvarig: en incident i "
        "mottagarens egna system anmäler mottagaren själv (art. 33); den är vår om den "
        "inträffade i vår överföring.",
    },
    "breach.note.subprocessor": {
        "en": "{name} is a sub-processor of {parents}: it must tell them, and they must tell us, "
        "without undue delay (Art. 33(2), 28(4)).",
        "sv": "{name} är underbiträde till {parents}: underbiträdet ska meddela dem, och de ska "
        "meddela oss, utan onödigt dröjsmål (art. 33.2 och 28.4).",
    },
    "breach.note.midnight": {
        "en": "--as-of gave no time of day, so the 72 hours are counted from midnight: pass the "
        "time you became aware (YYYY-MM-DDTHH:MM).",
        "sv": "--as-of angav ingen tid på dygnet, så de 72 timmarna räknas från midnatt: ange när "
        "du fick kännedom (ÅÅÅÅ-MM-DDTHH:MM).",
    },
    "breach.customer": {
        "en": "Subject: Important information about your personal data\n\n"
        "Hello,\n\n"
        "We are writing to tell you about a personal data breach that affects information about "
        "you. On [date] we discovered that [describe briefly and plainly what happened] {where}."
        "\n\n"
        "The information concerned: {categories}.\n\n"
        "What this may mean for you: {consequences}.\n\n"
        "What we have done: [the measures taken, e.g. blocked the access, reset passwords, "
        "reported the breach to {authority_short}].\n\n"
        "What you can do: be careful with e-mails, text messages and calls that refer to the "
        "information above or to us and ask for passwords, codes or payment. We will never ask "
        "for your password. [further advice for this incident]\n\n"
        "If you have questions, contact {contact}{call}. You also have the right to complain to "
        "{authority}.\n\n"
        "Kind regards,\n{org}",
        "sv": "Ämne: Viktig information om dina personuppgifter\n\n"
        "Hej,\n\n"
        "Vi vill informera dig om en personuppgiftsincident som rör uppgifter om dig. Den "
        "[datum] upptäckte vi att [beskriv kort och enkelt vad som har hänt] {where}.\n\n"
        "Uppgifter som berörs: {categories}.\n\n"
        "Vad det kan innebära för dig: {consequences}.\n\n"
        "Vad vi har gjort: [vidtagna åtgärder, t.ex. stängt åtkomsten, bytt lösenord, anmält "
        "incidenten till {authority_short}].\n\n"
        "Vad du kan göra: var uppmärksam på mejl, sms och samtal som hänvisar till uppgifterna "
        "ovan eller till oss och ber om lösenord, koder eller betalning. Vi ber aldrig om ditt "
        "lösenord. [fler råd för just denna incident]\n\n"
        "Har du frågor är du välkommen att kontakta {contact}{call}. Du har också rätt att lämna "
        "klagomål till {authority}.\n\n"
        "Med vänliga hälsningar\n{org}",
    },
    "breach.call_us": {"en": ", or call us on {phone}", "sv": " eller ringa oss på {phone}"},
    "breach.script.1": {
        "en": "Listen first, and check who is calling before you discuss the caller's own data (Art. 12(6)).",
        "sv": "Lyssna först, och kontrollera vem som ringer innan du pratar om personens egna uppgifter (art. 12.6).",
    },
    "breach.script.2": {
        "en": "Say what is confirmed: “On [date] we discovered a personal data breach {where}. It "
        "may concern {categories}. We are investigating it and [have reported / will report] it "
        "to {authority_short}.”",
        "sv": "Säg det som är bekräftat: ”Den [datum] upptäckte vi en personuppgiftsincident "
        "{where}. Den kan gälla {categories}. Vi utreder den och [har anmält / kommer att anmäla] "
        "den till {authority_short}.”",
    },
    "breach.script.3": {
        "en": "Do not guess at causes, numbers or who is affected. Say: “I don't know that yet, "
        "but I will make sure you get an answer,” and escalate.",
        "sv": "Gissa inte om orsaker, antal eller vilka som berörs. Säg: ”Det vet jag inte ännu, "
        "men jag ser till att du får ett svar”, och eskalera.",
    },
    "breach.script.4": {
        "en": "Give the advice: be careful with messages that ask for passwords, card details or "
        "payment; we never ask for your password.",
        "sv": "Ge rådet: var uppmärksam på meddelanden som ber om lösenord, kortuppgifter eller "
        "betalning; vi ber aldrig om ditt lösenord.",
    },
    "breach.script.5": {
        "en": "Log every contact in the incident case [reference]: who it was, what they asked, what you answered.",
        "sv": "Logga varje kontakt i incidentärendet [referens]: vem det var, vad personen frågade och vad du svarade.",
    },
    "breach.script.6": {
        "en": "Send questions you cannot answer, and requests for access or erasure, to "
        "{contact}. A customer who wants to complain can contact {authority}.",
        "sv": "Skicka frågor du inte kan svara på, och begäranden om registerutdrag eller "
        "radering, till {contact}. En kund som vill klaga kan vända sig till {authority}.",
    },
    # --- transparency page and answer sheet ------------------------------------------------------
    "tp.title": {"en": "What we store about you", "sv": "Vad vi sparar om dig"},
    "tp.intro": {
        "en": "{org} is responsible for the personal data described here (we are the "
        "controller). For each way you can contact us, this page tells you what we store, why, "
        "for how long, who else gets it and where it is kept, and what your rights are.",
        "sv": "{org} är personuppgiftsansvarig för de personuppgifter som beskrivs här. För "
        "varje sätt att kontakta oss kan du läsa vad vi sparar, varför, hur länge, vilka mer som "
        "får uppgifterna och var de finns, och vilka rättigheter du har.",
    },
    "tp.contents": {"en": "Contents", "sv": "Innehåll"},
    "tp.no_channels": {
        "en": "No customer channels are declared.",
        "sv": "Inga kundkanaler är deklarerade.",
    },
    "tp.heading.phone": {"en": "When you call us", "sv": "När du ringer oss"},
    "tp.heading.email": {"en": "When you e-mail us", "sv": "När du mejlar oss"},
    "tp.heading.chat": {"en": "When you chat with us", "sv": "När du chattar med oss"},
    "tp.heading.ticketing": {
        "en": "When you use our contact form or help centre",
        "sv": "När du använder vårt kontaktformulär eller vår hjälpsida",
    },
    "tp.heading.paper": {
        "en": "When you send us letters or forms by post",
        "sv": "När du skickar brev eller blanketter till oss",
    },
    "tp.heading.other": {"en": "When you contact us in other ways", "sv": "När du kontaktar oss på andra sätt"},
    "tp.heading.named": {"en": "When you contact us through {name}", "sv": "När du kontaktar oss via {name}"},
    "tp.heading.kind": {"en": "When you contact us through {kind}", "sv": "När du kontaktar oss via {kind}"},
    "tp.place.phone": {"en": "our phone service", "sv": "vår telefonservice"},
    "tp.place.email": {"en": "our e-mail", "sv": "vår e-post"},
    "tp.place.chat": {"en": "our chat", "sv": "vår chatt"},
    "tp.place.ticketing": {"en": "our customer service system", "sv": "vårt kundtjänstsystem"},
    "tp.place.crm": {"en": "our customer register", "sv": "vårt kundregister"},
    "tp.place.analytics": {"en": "our statistics", "sv": "vår statistik"},
    "tp.place.knowledge-base": {"en": "our knowledge base", "sv": "vår kunskapsbas"},
    "tp.place.notes": {"en": "our internal notes", "sv": "våra interna anteckningar"},
    "tp.place.paper": {"en": "our paper archive", "sv": "vårt pappersarkiv"},
    "tp.place.backup": {"en": "our backups", "sv": "våra säkerhetskopior"},
    "tp.place.other": {"en": "our other systems", "sv": "våra övriga system"},
    "tp.through": {"en": "Through: {name}", "sv": "Via: {name}"},
    "tp.also": {"en": "Also applies: {headings}.", "sv": "Gäller också: {headings}."},
    "tp.what": {"en": "What we store", "sv": "Vad vi sparar"},
    "tp.passes_on": {
        "en": "{name} itself keeps none of it: it passes it on to {targets}, where it is stored.",
        "sv": "{name} sparar inget av det själv utan skickar det vidare till {targets}, där det sparas.",
    },
    "tp.passes_on.public": {
        "en": "This channel itself keeps none of it: it passes it on to our other systems, where it is stored.",
        "sv": "Den här kanalen sparar inget av det själv utan skickar det vidare till våra andra "
        "system, där det sparas.",
    },
    "tp.why": {"en": "Why, and on what legal basis", "sv": "Varför, och med vilket rättsligt stöd"},
    "tp.how_long": {"en": "How long we keep it", "sv": "Hur länge vi sparar uppgifterna"},
    "tp.who": {"en": "Who else gets it", "sv": "Vilka mer som får uppgifterna"},
    "tp.where": {"en": "Where it is kept", "sv": "Var uppgifterna finns"},
    "tp.processors": {
        "en": "Suppliers who handle it for us, only on our instructions (processors):",
        "sv": "Leverantörer som hanterar uppgifterna åt oss, bara enligt våra instruktioner (personuppgiftsbiträden):",
    },
    "tp.recipients": {
        "en": "Others who receive it and are responsible for it themselves:",
        "sv": "Andra som tar emot uppgifterna och själva ansvarar för dem:",
    },
    "tp.nobody": {"en": "No one outside our organization.", "sv": "Ingen utanför vår organisation."},
    "tp.stored_in": {"en": "Stored or handled in: {countries}.", "sv": "Lagras eller hanteras i: {countries}."},
    "tp.outside": {"en": "Outside the EU/EEA:", "sv": "Utanför EU/EES:"},
    "tp.inside": {"en": "All of it stays within the EU/EEA.", "sv": "Allt stannar inom EU/EES."},
    "tp.protection": {"en": "protection", "sv": "skydd"},
    "tp.kept_by_law": {"en": "kept under {law}", "sv": "sparas enligt {law}"},
    "tp.kept_for_claims": {
        "en": "kept in case of legal claims, within the time limits of {claims_law}",
        "sv": "sparas för eventuella rättsliga anspråk, inom fristerna i {claims_law}",
    },
    "tp.kept_by_law_and_claims": {
        "en": "kept under {law}, and in case of legal claims within the time limits of {claims_law}",
        "sv": "sparas enligt {law} och för eventuella rättsliga anspråk inom fristerna i {claims_law}",
    },
    "tp.sensitive": {"en": "sensitive personal data", "sv": "känsliga personuppgifter"},
    "tp.criminal": {"en": "data about offences", "sv": "uppgifter om lagöverträdelser"},
    "tp.role.processor": {"en": "processor", "sv": "personuppgiftsbiträde"},
    "tp.role.sub-processor": {"en": "sub-processor", "sv": "underbiträde"},
    "tp.role.recipient": {"en": "recipient", "sv": "mottagare"},
    "tp.rights": {"en": "Your rights", "sv": "Dina rättigheter"},
    "tp.contact": {"en": "Contact us", "sv": "Kontakta oss"},
    "tp.contact.text": {
        "en": "Write to {contact} about your personal data.",
        "sv": "Skriv till {contact} om du har frågor om dina personuppgifter.",
    },
    "tp.dpo": {"en": "Our data protection officer: {dpo}.", "sv": "Vårt dataskyddsombud: {dpo}."},
    "tp.complaint": {"en": "Complaints", "sv": "Klagomål"},
    "tp.notice": {
        "en": "Our full privacy notice: {url}",
        "sv": "Vårt fullständiga integritetsmeddelande: {url}",
    },
    "tp.blocked": {
        "en": "The customers' page was not written: the checks find {n} unresolved critical or high "
        "problem(s) in what it would say (listed above). Fix them, or pass --allow-findings to "
        "publish it anyway.",
        "sv": "Kundsidan skrevs inte: kontrollerna hittar olösta kritiska eller allvarliga problem i "
        "det som sidan skulle säga ({n} st., se ovan). Åtgärda dem, eller ange --allow-findings "
        "för att ändå skriva sidan.",
    },
    "tp.blocked.allowed": {
        "en": "Written with --allow-findings although the checks find {n} unresolved critical or high "
        "problem(s) in what the page says (listed above).",
        "sv": "Skriven med --allow-findings trots att kontrollerna hittar olösta kritiska eller "
        "allvarliga problem i det som sidan säger ({n} st., se ovan).",
    },
    "tp.note.unverified": {
        "en": "The customers' page relies on reference data that is not verified yet (not shown on the "
        "page): {what}. Confirm it before publishing.",
        "sv": "Kundsidan bygger på referensuppgifter som ännu inte är verifierade (visas inte på "
        "sidan): {what}. Kontrollera dem innan sidan publiceras.",
    },
    "tp.generated": {
        "en": "Generated by policycheck from the record of processing of {org}.",
        "sv": "Skapad av policycheck utifrån registret över behandlingar hos {org}.",
    },
    "sheet.title": {"en": "Answer sheet for customer support", "sv": "Svarsmall för kundtjänst"},
    "sheet.intro": {
        "en": "Answers to customers' common questions about their personal data, per channel, "
        "from the same declarations as the customer page. If a question is not covered here, do "
        "not guess: forward it to {contact}.",
        "sv": "Svar på kundernas vanliga frågor om sina personuppgifter, per kanal, från samma "
        "deklarationer som kundsidan. Finns frågan inte här, gissa inte: skicka den vidare till "
        "{contact}.",
    },
    "sheet.general": {"en": "For every channel", "sv": "För alla kanaler"},
    "sheet.question": {"en": "Question", "sv": "Fråga"},
    "sheet.answer": {"en": "Answer", "sv": "Svar"},
    "qa.responsible": {"en": "Who is responsible for my data?", "sv": "Vem ansvarar för mina uppgifter?"},
    "qa.what": {"en": "What do you store about me?", "sv": "Vad sparar ni om mig?"},
    "qa.why": {"en": "Why do you store it?", "sv": "Varför sparar ni det?"},
    "qa.how_long": {"en": "How long do you keep it?", "sv": "Hur länge sparar ni det?"},
    "qa.who": {"en": "Who else gets my data?", "sv": "Vilka mer får mina uppgifter?"},
    "qa.abroad": {"en": "Is my data sent outside the EU?", "sv": "Skickas mina uppgifter utanför EU?"},
    "qa.delete": {"en": "Can you delete my data?", "sv": "Kan ni radera mina uppgifter?"},
    "qa.access": {
        "en": "How can I see what you have about me?",
        "sv": "Hur får jag veta vad ni har om mig?",
    },
    "qa.complain": {"en": "Where can I complain?", "sv": "Var kan jag klaga?"},
    "a.responsible": {
        "en": "{org} is the controller. Contact: {contact}.",
        "sv": "{org} är personuppgiftsansvarig. Kontakt: {contact}.",
    },
    "a.what": {"en": "We store {categories}.", "sv": "Vi sparar {categories}."},
    "a.why.item": {"en": "{purpose}: {basis}.", "sv": "{purpose}: {basis}."},
    "a.how_long.item": {"en": "{purpose}: {retention}.", "sv": "{purpose}: {retention}."},
    "a.who.processors": {
        "en": "Suppliers who handle it for us, only on our instructions: {names}.",
        "sv": "Leverantörer som hanterar uppgifterna åt oss, bara enligt våra instruktioner: {names}.",
    },
    "a.who.recipients": {
        "en": "Others who receive it and are responsible for it themselves: {names}.",
        "sv": "Andra som tar emot uppgifterna och själva ansvarar för dem: {names}.",
    },
    "a.who.none": {"en": "No one outside our organization.", "sv": "Ingen utanför vår organisation."},
    "a.abroad.yes": {"en": "Yes, some of it: {items}.", "sv": "Ja, en del: {items}."},
    "a.abroad.item": {"en": "{country} ({parties}): {safeguard}", "sv": "{country} ({parties}): {safeguard}"},
    "a.abroad.no": {"en": "No, it stays within the EU/EEA.", "sv": "Nej, uppgifterna stannar inom EU/EES."},
    "a.delete": {
        "en": "Yes. On request we delete your data within one month, everywhere it is stored, "
        "including at our suppliers.",
        "sv": "Ja. På begäran raderar vi dina uppgifter inom en månad, överallt där de finns, "
        "även hos våra leverantörer.",
    },
    "a.delete.gaps": {
        "en": "Yes, but not yet everywhere. On request we delete your data within one month, "
        "including at our suppliers, but there is no way yet to erase it here: {places}.",
        "sv": "Ja, men ännu inte överallt. På begäran raderar vi dina uppgifter inom en månad, "
        "även hos våra leverantörer, men här finns ännu inget sätt att radera dem: {places}.",
    },
    "a.delete.gap.system": {
        "en": "{name}, which has no erasure routine",
        "sv": "{name}, som saknar raderingsrutin",
    },
    "a.delete.gap.processor": {
        "en": "{name}, a supplier with no agreement that obliges it to delete",
        "sv": "{name}, en leverantör utan avtal som förpliktar den att radera",
    },
    "a.delete.escalate": {
        "en": "Do not promise complete erasure: escalate the request to {contact}.",
        "sv": "Lova inte fullständig radering: eskalera begäran till {contact}.",
    },
    "a.delete.kept": {
        "en": "Some records we must keep by law: {items}. We keep them restricted: used only for "
        "what the law requires, and deleted when the period ends.",
        "sv": "Vissa uppgifter måste vi spara enligt lag: {items}. Vi begränsar dem: de används "
        "bara för det lagen kräver och raderas när tiden har gått ut.",
    },
    "a.delete.kept.item": {
        "en": "{purpose}, {retention}, under {law}",
        "sv": "{purpose}, {retention}, enligt {law}",
    },
    "a.delete.backup": {
        "en": "Copies in our backups are not used, and are overwritten within {duration}.",
        "sv": "Kopior i våra säkerhetskopior används inte, och skrivs över inom {duration}.",
    },
    "a.access": {
        "en": "Ask us at {contact}. We answer within one month, free of charge, and may first check that it is you.",
        "sv": "Fråga oss på {contact}. Vi svarar inom en månad, kostnadsfritt, och kan först "
        "behöva kontrollera att det är du.",
    },
    "a.complain": {
        "en": "Tell us first at {contact}, if you like. You can always complain to {authority}.",
        "sv": "Hör gärna av dig till oss först på {contact}. Du kan alltid klaga hos {authority}.",
    },
    "a.unknown": {
        "en": "Not declared: forward the question to {contact}.",
        "sv": "Inte deklarerat: skicka frågan vidare till {contact}.",
    },
}


def tr(key: str, lang: str, **fields: object) -> str:
    """The text of ``key`` in ``lang`` (English if ``lang`` is unknown), with ``fields`` filled in."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    return key in TEXTS
