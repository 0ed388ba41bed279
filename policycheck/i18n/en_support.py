"""English words of the support answers (erasure-plan, access-plan, breach-impact, transparency).

Merged into :data:`policycheck.i18n.en.WORDS`; keys are ``support.<...>`` (the keys of
:mod:`policycheck.i18n.sv_support` exactly, with the same fields). Placeholders are
``str.format`` fields.
"""

WORDS: dict[str, str] = {
    # --- shared words ---------------------------------------------------------------------
    "support.yes": "yes",
    "support.no": "no",
    "support.unknown": "unknown",
    "support.none": "none",
    "support.and": "and",
    "support.not_declared": "not declared",
    "support.unverified": "unverified: confirm before relying on it",
    "support.special_mark": "special category (Art. 9)",
    "support.criminal_mark": "criminal-offence data (Art. 10)",
    "support.kind_system": "system",
    "support.kind_processor": "processor",
    "support.kind_recipient": "recipient",
    "support.recipient_role": "recipient (its own controller)",
    "support.subprocessor_role": "sub-processor",
    "support.declared_in": "declared in {file}:{line}",
    "support.placeholder": "[{what}]",
    "support.purpose_unnamed": "purpose not declared",
    # --- system kinds -------------------------------------------------------------------------
    "support.system_kind.phone": "phone",
    "support.system_kind.email": "e-mail",
    "support.system_kind.chat": "chat",
    "support.system_kind.ticketing": "ticketing",
    "support.system_kind.crm": "customer register (CRM)",
    "support.system_kind.analytics": "analytics",
    "support.system_kind.knowledge-base": "knowledge base",
    "support.system_kind.notes": "notes",
    "support.system_kind.paper": "paper",
    "support.system_kind.backup": "backup",
    "support.system_kind.other": "other",
    # --- Art. 9(2) conditions -------------------------------------------------------------------
    "support.condition.for": "for {categories}: {condition}",
    "support.condition.missing": "for {categories}: no condition of Art. 9(2) is declared",
    "support.condition.explicit-consent": "your explicit consent (Art. 9(2)(a))",
    "support.condition.employment": "obligations under employment and social security law (Art. 9(2)(b))",
    "support.condition.vital-interests": (
        "to protect someone's vital interests when consent cannot be given (Art. 9(2)(c))"
    ),
    "support.condition.non-profit": "our activities as a not-for-profit body, for our members (Art. 9(2)(d))",
    "support.condition.made-public": "information you have made public yourself (Art. 9(2)(e))",
    "support.condition.legal-claims": "to establish, exercise or defend legal claims (Art. 9(2)(f))",
    "support.condition.substantial-public-interest": "a substantial public interest under law (Art. 9(2)(g))",
    "support.condition.health-care": "health or social care (Art. 9(2)(h))",
    "support.condition.public-health": "public health (Art. 9(2)(i))",
    "support.condition.archiving-research": "archiving, research or statistics (Art. 9(2)(j))",
    "support.retention_missing": "[retention not declared]",
    # a backup's own retention: how long copies outlive the data in the source
    "support.retention.backup": "copies are kept for up to {duration} after the data is deleted from the source",
    # --- lawful bases in plain words --------------------------------------------------------------
    "support.basis.consent": "your consent, which you can withdraw at any time",
    "support.basis.contract": "to fulfil our agreement with you",
    "support.basis.legal-obligation": "because the law requires it",
    "support.basis.vital-interests": "to protect someone's life or health",
    "support.basis.public-task": "to perform a task in the public interest",
    "support.basis.legitimate-interests": "our legitimate interest, which we have weighed against your privacy",
    "support.basis.missing": "[lawful basis not declared]",
    # --- transfer safeguards in plain words -----------------------------------------------------
    "support.safeguard.adequacy": (
        "the European Commission has decided that {country} protects personal data adequately"
    ),
    "support.safeguard.dpf": (
        "the company is certified under the EU-U.S. Data Privacy Framework, which the European Commission has found "
        "adequate"
    ),
    "support.safeguard.adequacy-partial": (
        "the company is covered by the European Commission's adequacy decision for {country}"
    ),
    "support.safeguard.scc": "EU standard contractual clauses (the European Commission's model contract)",
    "support.safeguard.bcr": "binding corporate rules approved by data protection authorities",
    "support.safeguard.derogation": "an exception for specific situations (Art. 49 GDPR)",
    "support.safeguard.none": "no safeguard under the GDPR's rules on transfers is in place yet",
    "support.safeguard.tia": "with an assessment of the country's laws",
    # --- data subjects ------------------------------------------------------------------------
    "support.subject.the": "the {subject}",
    "support.subject.the.customer": "the customer",
    "support.subject.possessive": "the {subject}'s",
    "support.subject.possessive.customer": "the customer's",
    # --- rights (Art. 15-22, 7(3), 77) ----------------------------------------------------------
    "support.right.access": "Access: you can ask for a copy of the personal data we have about you.",
    "support.right.rectification": "Rectification: you can have wrong or incomplete details corrected.",
    "support.right.erasure": (
        "Erasure: you can have your data deleted when we no longer need it or have no right to keep it. Some records "
        "we must keep by law, for example accounting records."
    ),
    "support.right.restriction": (
        "Restriction: you can ask us to keep your data but not use it, for example while we check a correction you "
        "asked for."
    ),
    "support.right.notification": (
        "We tell those we have shared your data with when we correct, delete or restrict it, and we tell you who "
        "they are if you ask."
    ),
    "support.right.portability": (
        "Data portability: you can get the data you gave us in a machine-readable format where we use it under our "
        "agreement with you or your consent."
    ),
    "support.right.objection": (
        "Objection: you can object to our use of your data based on our legitimate interest, and always to direct "
        "marketing."
    ),
    "support.right.automated": (
        "You have the right not to be subject to a decision made only by automated means that significantly affects "
        "you."
    ),
    "support.right.withdraw": (
        "Where we rely on your consent, you can withdraw it at any time; this does not affect what we did before."
    ),
    "support.right.complaint": "You can complain to the supervisory authority, {authority}{website}.",
    "support.right.answer_time": (
        "We answer requests within one month. If a request is complex we may need two more months; we will tell you "
        "within the first month."
    ),
    "support.authority_unknown": "[the supervisory authority of the country where you live or work]",
    # --- erasure plan -------------------------------------------------------------------------
    "support.erasure.title": "Erasure plan for {subject}: {org}",
    "support.erasure.subject_type": "Data subjects: {id}",
    "support.recipient_kind.authority": "authority",
    "support.recipient_kind.partner": "partner",
    "support.recipient_kind.other": "other controller",
    "support.erasure.deadline": (
        "Request received {as_of}. Deadline: {deadline} (Art. 12(3): one month). If the request is complex, it can "
        "be extended by two months, to {extended}; tell {subject} so before {deadline}."
    ),
    "support.erasure.summary": "{n} steps: {counts}.",
    "support.erasure.summary.1": "{n} step: {counts}.",
    "support.erasure.nothing": "No place holds {subjects} data: there is nothing to erase.",
    "support.erasure.gaps": "Blocking gaps",
    "support.erasure.gaps.intro": "The erasure cannot be completed until these are fixed:",
    "support.erasure.no_gaps": "No blocking gaps: every place that receives the data has a routine.",
    "support.erasure.fix": "Fix",
    "support.erasure.steps": "Steps",
    "support.erasure.data": "Data",
    "support.erasure.do": "Do",
    "support.erasure.procedure": "Procedure",
    "support.erasure.owner": "Owner",
    "support.erasure.processor": "Processor",
    "support.erasure.via": "Instruct through",
    "support.erasure.fed_by": "Data comes from",
    "support.erasure.notes": "Notes",
    "support.erasure.automated": "automated",
    "support.erasure.manual": "manual",
    "support.erasure.within_days": "within {days}",
    "support.erasure.rotation_until": "last copy overwritten by {date}",
    "support.erasure.channel": "customer channel",
    "support.erasure.special": "includes special-category data, Art. 9",
    "support.erasure.criminal": "includes criminal-offence data, Art. 10",
    "support.erasure.recipients": "Recipients to inform (Art. 19)",
    "support.erasure.caveats": "Caveats",
    "support.erasure.anonymized": "Receives only anonymized data (no step)",
    "support.erasure.anonymized.item": "{name}: receives {categories} only anonymized, from {sources}.",
    "support.erasure.cycles": "Loops (erase together)",
    "support.erasure.closing_title": "When every step is done",
    "support.erasure.closing": (
        "Confirm to {subject} in writing what was erased, what is kept and why (the law, and until when), and which "
        "recipients were told. Record the request and the answer."
    ),
    "support.erasure.overview": "Overview",
    "support.erasure.col.place": "Place",
    "support.erasure.col.kind": "Kind",
    "support.erasure.col.action": "Action",
    "support.erasure.col.owner": "Owner",
    "support.action.delete": "delete",
    "support.action.anonymize": "anonymize",
    "support.action.restrict": "keep and restrict",
    "support.action.no-routine": "NO ROUTINE",
    "support.action.instruct": "instruct processor",
    "support.action.inform": "inform recipient",
    "support.action.none": "nothing kept",
    "support.erasure.order_rationale": (
        "Why this order: upstream first. Each place comes after every place that sends it the data, so that no flow "
        "from a place not yet erased can send the data back to a place already erased (erasing downstream first "
        "would let, for example, a chat integration re-create a deleted ticket). Processors come after the systems "
        "they run, sub-processors after their processor, recipients last. Places that send data to each other in a "
        "loop are erased together, with the flows between them paused."
    ),
    "support.erasure.kept": (
        "Keep {categories} held for “{purpose}”: {law} requires keeping it ({article}). Restrict it: use it only for "
        "what the law requires, and erase it when the period ends ({retention})."
    ),
    "support.erasure.kept.claims": (
        "Keep {categories} held for “{purpose}”: it may be needed to establish, exercise or defend legal claims "
        "within the time limits of {claims_law} ({article}); time limits impose no duty to keep. Restrict it: use it "
        "only for legal claims, and erase it when the period ends ({retention})."
    ),
    "support.erasure.kept.both": (
        "Keep {categories} held for “{purpose}”: {law} requires keeping it, and it may be needed for legal claims "
        "within the periods of {claims_law} ({article}). Restrict it: use it only for what the law requires and for "
        "legal claims, and erase it when the period ends ({retention})."
    ),
    "support.erasure.note.copy": (
        "{categories} held for “{purpose}” is kept under law at {records}, which keeps the record; this place holds "
        "a copy, so erase it here (only the copy that serves the obligation is kept, Art. 17(3))."
    ),
    "support.erasure.note.copy.more": "{n} more (`--format json` lists every one in the part's kept_at)",
    "support.erasure.except": "Exception:",
    "support.erasure.system.no-routine": (
        "No erasure routine is declared here, so {subjects} data ({categories}) cannot be erased reliably. Ask the "
        "owner to find and delete it by hand now, and to set up a routine."
    ),
    "support.erasure.system.restrict": "Do not delete.",
    "support.erasure.system.none": (
        "Nothing to erase here: {name} keeps none of {subjects} data; it only passes it on ({categories}) to "
        "{targets}, where it is erased. If {name} turns out to keep copies after all (transcripts, logs), delete "
        "them by hand and declare them under `stores`."
    ),
    "support.erasure.system.delete": "Delete {subjects} data ({categories}) following the procedure.",
    "support.erasure.system.anonymize": (
        "Anonymize {subjects} data ({categories}) following the procedure, so that it can no longer be linked to "
        "{subject}."
    ),
    "support.erasure.gap.system": "{name} holds {subjects} data ({categories}) but declares no erasure routine.",
    "support.erasure.gap.unmapped": (
        "{name} is a customer channel, but its declaration stores nothing and sends no personal data on: what "
        "customers tell us there is not mapped, so it can be neither found, erased nor handed out."
    ),
    "support.erasure.gap.unmapped.fix": (
        "Search the channel by hand for now; declare its `stores` (or its flows) in {file}."
    ),
    "support.access.gaps": "Not mapped: cannot be collected",
    "support.erasure.gap.arrives": "The data arrives through flows from {sources}.",
    "support.erasure.gap.system.fix": (
        "Declare an `erasure` routine (method, procedure, within_days) in {file}; until then the erasure can be "
        "neither completed nor confirmed."
    ),
    "support.erasure.gap.processor": (
        "A flow from {sources} sends {subjects} data to {name}, which has no DPA: no routine obliges it to delete."
    ),
    "support.erasure.gap.processor.fix": (
        "Sign a DPA with {name} that obliges it to assist with requests and to delete (Art. 28(3)(e), (g)), and "
        "declare it under `dpa` in {file}."
    ),
    "support.erasure.processor.no-routine": (
        "A flow from {sources} sends {subjects} data to {name}, but there is no DPA, so nothing obliges {name} to "
        "delete it. Ask {name} in writing to delete it now."
    ),
    "support.erasure.processor.subs": ", and at its sub-processors {subs} (Art. 28(4))",
    "support.erasure.processor.hosted": (
        "Instruct {name} under the DPA (Art. 28(3)(e)) to confirm that {subjects} data in {systems} is erased in its "
        "service, including its own copies and backups{subs}."
    ),
    "support.erasure.processor.direct": (
        "Instruct {name} under the DPA (Art. 28(3)(e)) to delete {subjects} data it received from {sources}{subs}."
    ),
    "support.erasure.processor.passes": (
        "{systems} keeps nothing, but {subjects} data passes through {name}'s service: instruct {name} under the DPA "
        "(Art. 28(3)(e)) to delete any copies it keeps (logs, transcripts, backups){subs}."
    ),
    "support.erasure.processor.hosted-no-dpa": (
        "There is no DPA with {name}: ask it in writing to confirm that {subjects} data in {systems} is erased in "
        "its service, including its own copies and backups{subs}."
    ),
    "support.erasure.processor.restrict": (
        "Instruct {name} under the DPA to keep {subjects} data in {systems} restricted: not used except as the law "
        "requires, and deleted, with its copies, when the period ends."
    ),
    "support.erasure.processor.sub": (
        "Sub-processor{chain}: ask {parents} to have {name} delete {subjects} data (Art. 28(4)); we have no contract "
        "with {name} directly."
    ),
    "support.erasure.processor.sub.restrict": (
        "Sub-processor{chain}: ask {parents} to have {name} keep {subjects} data restricted (Art. 28(4)): not used "
        "except as the law requires, and deleted, with its copies, when the period ends; we have no contract with "
        "{name} directly."
    ),
    "support.erasure.processor.sub.chain": " of {names}",
    "support.erasure.caveat.no-dpa": (
        "No DPA with {name}: nothing in a contract obliges it to assist (Art. 28(3)(e)) or to delete its own copies. "
        "Ask in writing, keep the answer, and sign a DPA."
    ),
    "support.erasure.caveat.clauses": (
        "The DPA with {name} has neither an assistance nor a deletion clause (Art. 28(3)(e), (g)): it may refuse to "
        "help."
    ),
    "support.erasure.contact.document": "see the DPA, {document}",
    "support.erasure.recipient.tell": (
        "When the steps for {sources} are done, tell {name} what happened to {subjects} data it received (Art. 19), "
        "unless that is impossible or takes disproportionate effort: {outcome}."
    ),
    "support.erasure.recipient.erased": "{categories} erased",
    "support.erasure.recipient.restricted": "{categories} not erased but kept restricted in {place} under {law}",
    "support.erasure.recipient.pending": "{categories} not yet erased (no erasure routine at the source)",
    "support.erasure.recipient.controller": (
        "{name} is its own controller: it decides on its own copy under its own obligations."
    ),
    "support.erasure.recipient.authority": "{name} is an authority and decides itself on its own records.",
    "support.erasure.recipient.ask": "If {subject} asks, say that {name} received the data.",
    "support.erasure.note.backup": (
        "Backups rotate out: do not restore or use a copy holding {subjects} data; the last one is overwritten by "
        "{until}. If a backup is restored before then, repeat this erasure after the restore."
    ),
    "support.erasure.note.backup-manual": (
        "Backups: follow the procedure for every copy; if one is restored later, repeat this erasure after the "
        "restore."
    ),
    "support.erasure.note.paper": (
        "Paper: check every folder where {subjects} letters and forms may be filed, and record the shredding."
    ),
    "support.erasure.note.notes": (
        "Notes: search every page and notebook for {subject}; notes are rarely filed by person."
    ),
    "support.erasure.note.free-text": (
        "Free text: search by name, e-mail address, phone number and order or case numbers; {subject} may also be "
        "named in other people's cases."
    ),
    "support.erasure.note.only-flow": (
        "The data ({categories}) reaches this place only through flows from {sources}; its `stores` does not list "
        "it, so an inventory-based search would miss it."
    ),
    "support.erasure.note.also-flow": (
        "Also receives {categories} through flows from {sources}, which its `stores` does not list."
    ),
    "support.erasure.note.forwards": "Passes {categories} on to {targets} without keeping it: it is erased there.",
    "support.erasure.note.slow": (
        "The routine takes up to {days} and may end after the deadline, {deadline}: start it at once."
    ),
    "support.erasure.note.then-processor": "Then instruct the processor, {processor} (step {step}).",
    "support.erasure.note.cycle": (
        "Part of a loop of flows with {others}: erase them in the same session and pause the flows between them "
        "until all are done."
    ),
    "support.erasure.note.cycle.large": (
        "Part of loop {n} of the plan ({count} places; see the loops at the end): erase them in the same session and "
        "pause the flows between them until all are done."
    ),
    "support.erasure.note.resend.restrict": (
        "{source} keeps the data under law: make sure its flow does not send {subjects} data here again (exclude "
        "{subject} or pause the flow)."
    ),
    "support.erasure.note.resend.partial": (
        "{source} keeps part of the data under law ({categories}): make sure its flow does not send that part of "
        "{subjects} data here again (exclude {subject} or pause the flow)."
    ),
    "support.erasure.note.resend.no-routine": (
        "{source} has no erasure routine: until the data there is erased by hand, its flow may send {subjects} data "
        "here again."
    ),
    "support.erasure.note.contact": "Contact: {contact}.",
    # --- access plan --------------------------------------------------------------------------
    "support.access.title": "Access request (Art. 15) for {subject}: {org}",
    "support.access.deadline": (
        "Request received {as_of}. Answer by {deadline} (Art. 12(3): one month; it can be extended by two months, to "
        "{extended}, if {subject} is told before {deadline})."
    ),
    "support.access.collect": "1. Collect the data",
    "support.access.collect.intro": "Search every place below for {subject}; each holds some of {subjects} data.",
    "support.access.nothing": "No place holds {subjects} data: answer that we hold no personal data about them.",
    "support.access.how_label": "How",
    "support.access.answer": "2. What the answer must say",
    "support.access.answer.intro": (
        "Besides a copy of the data (Art. 15(3)), the answer must give (Art. 15(1) and (2)):"
    ),
    "support.access.purposes": "Purposes and lawful basis (Art. 15(1)(a))",
    "support.access.categories": "Categories of personal data (Art. 15(1)(b))",
    "support.access.recipients": "Recipients (Art. 15(1)(c))",
    "support.access.retention": "How long the data is kept (Art. 15(1)(d))",
    "support.access.rights": "Rights (Art. 15(1)(e) and (f))",
    "support.access.source_title": "Where the data comes from (Art. 15(1)(g))",
    "support.access.automated_title": "Automated decisions (Art. 15(1)(h))",
    "support.access.transfers": "Transfers outside the EU/EEA and their safeguards (Art. 15(2))",
    "support.access.no_transfers": "None: the data stays in the EU/EEA.",
    "support.access.transfer.unsafe": (
        "NO SAFEGUARD: this transfer may be unlawful; raise it with the DPO before answering"
    ),
    "support.access.law": "kept under {law}",
    "support.access.contact": "Contact",
    "support.access.checklist": "3. Before sending",
    "support.access.dpo": "data protection officer {dpo}",
    "support.access.no_contact": "[no privacy contact declared]",
    "support.access.how.system": "Search {name} for {subject} and export everything found.",
    "support.access.how.processor": (
        "Ask {name} under the DPA (Art. 28(3)(e)) what it holds about {subject}; it received data from {sources}."
    ),
    "support.access.how.processor.no-dpa": (
        "There is no DPA with {name}: nothing obliges it to help answer (Art. 28(3)(e)). Escalate to {contact}, and "
        "ask {name} in writing, under the contract we have with it, what it holds about {subject}; it received data "
        "from {sources}. Keep its answer."
    ),
    "support.access.how.paper": "Find every paper document about {subject} and scan or copy it.",
    "support.access.how.backup": (
        "Copies of data from {sources}: no separate search is needed when those are covered, but say that backup "
        "copies are kept for up to {retention} after the data is deleted from the source."
    ),
    "support.access.note.free-text": (
        "Free text: search by name, e-mail address, phone number and order or case numbers, and remove other "
        "people's data from the copy (Art. 15(4))."
    ),
    "support.access.note.only-flow": (
        "The data reaches it only through flows from {sources}; its `stores` does not list it."
    ),
    "support.access.source": "From you, when you contact us through {channels}.",
    "support.access.source.internal": "Also records we create ourselves in {systems}.",
    "support.access.automated": "No automated decision-making is declared; confirm that none is made before answering.",
    "support.access.check.identity": (
        "Make sure it really is {subject} asking before sending anything (Art. 12(6)); ask only for what is needed "
        "to check."
    ),
    "support.access.check.deadline": "Send the answer by {deadline}.",
    "support.access.check.free": "The first copy is free (Art. 12(5), 15(3)).",
    "support.access.check.copy": (
        "If the request came electronically, answer electronically in a common format (Art. 15(3))."
    ),
    "support.access.check.others": "Remove other people's personal data from the copy (Art. 15(4)).",
    "support.access.check.record": "Record the request, what was sent and when.",
    # --- breach impact ------------------------------------------------------------------------
    "support.breach.title": "Breach impact: {name} ({node})",
    "support.breach.aware": "Became aware: {aware_at}",
    "support.breach.deadline_line": (
        "Notify {authority} by {deadline} (72 hours, Art. 33(1)); a later notification must give the reasons for the "
        "delay."
    ),
    "support.breach.no_data_line": (
        "No personal data is declared here; check whether personal data was involved before notifying. If it was, "
        "notify {authority} by {deadline} (72 hours, Art. 33(1))."
    ),
    "support.breach.report_via": "Report through",
    "support.breach.address": "Address",
    "support.breach.exposed": "What is exposed",
    "support.breach.categories": "Categories",
    "support.breach.subjects": "Data subjects",
    "support.breach.hosted": "Systems it runs for us",
    "support.breach.subs": "Sub-processor chain",
    "support.breach.sub_of": "{name}, engaged by {parents}",
    "support.breach.reachable": "Where the data flows on to (reachable)",
    "support.breach.feeds": "What feeds it",
    "support.breach.countries": "Countries",
    "support.breach.third": "Third countries",
    "support.breach.third.exposed": "exposed",
    "support.breach.third.onward": "data flows on there",
    "support.breach.no_third": "None: no personal data is held outside the EU/EEA.",
    "support.breach.notification": "Notification to the supervisory authority (Art. 33(3)), prefilled",
    "support.breach.todo": "to complete",
    "support.breach.art34": "Telling the data subjects (Art. 34)",
    "support.breach.34.likely": "Likely required: {reasons}.",
    "support.breach.34.unlikely": "Not clearly required by the declarations; judge the risk for this incident.",
    "support.breach.scale": "Scale",
    "support.breach.call": "Whom to call",
    "support.breach.customer_title": "Draft message to customers",
    "support.breach.script_title": "Script for support agents",
    "support.breach.lang.en": "English",
    "support.breach.lang.sv": "Swedish",
    "support.breach.role.dpo": "data protection officer",
    "support.breach.role.privacy-contact": "privacy contact",
    "support.breach.role.owner": "system owner",
    "support.breach.role.security": "information security",
    "support.breach.role.customer-support": "customer support",
    "support.breach.role.processor": "processor",
    "support.breach.role.sub-processor": "sub-processor",
    "support.breach.role.recipient": "recipient",
    "support.breach.role.authority": "supervisory authority",
    "support.breach.where.system": "in {name}",
    "support.breach.where.processor": "at our supplier {name}, which runs {systems} for us",
    "support.breach.where.supplier": "at our supplier {name}",
    "support.breach.where.recipient": "at {name}, which receives data from us",
    "support.breach.33a": (
        "A personal data breach {where}: {what}. Data subjects concerned: {subjects} (approximate number: {number}). "
        "Categories of personal data: {categories} (approximate number of records: {records})."
    ),
    "support.breach.33a.special": "Includes special categories of personal data (Art. 9): {categories}.",
    "support.breach.33a.criminal": (
        "Includes personal data relating to criminal convictions and offences (Art. 10): {categories}."
    ),
    "support.breach.33d": "{what}",
    "support.breach.ph.what": "describe what happened, how and when",
    "support.breach.ph.number": "fill in",
    "support.breach.ph.records": "fill in",
    "support.breach.ph.consequences": "assess the consequences of this incident",
    "support.breach.ph.measures": (
        "measures taken or proposed, e.g. access blocked, passwords reset, processor instructed, affected people "
        "informed"
    ),
    "support.breach.ph.org_number": "organisation number",
    "support.breach.ph.occurred": "when the breach happened (date and time), if known",
    "support.breach.ph.informed": "when they were told, or why not",
    "support.breach.ph.contact": "contact for data protection",
    "support.breach.ph.categories": "the data concerned",
    "support.breach.ph.subjects": "data subjects",
    "support.breach.informed.likely": "Likely required (Art. 34).",
    "support.breach.informed.unlikely": "Not clearly required by the declarations (Art. 34); judge the risk.",
    "support.breach.f.controller": "Controller and organisation number",
    "support.breach.f.a": "(a) Nature of the breach, data subjects and records concerned",
    "support.breach.f.b": "(b) Data protection officer or other contact point",
    "support.breach.f.c": "(c) Likely consequences",
    "support.breach.f.d": "(d) Measures taken or proposed",
    "support.breach.f.occurred": "When the breach happened",
    "support.breach.f.discovered": "When we became aware of it",
    "support.breach.f.informed": "Data subjects informed",
    "support.breach.consequence.phishing": (
        "the details can be used for convincing fake e-mails, text messages or calls (phishing) and for fraud"
    ),
    "support.breach.consequence.special": (
        "sensitive information ({categories}) may become known to others, which can cause distress, embarrassment or "
        "discrimination"
    ),
    "support.breach.consequence.criminal": (
        "information about offences ({categories}) may become known to others, which can harm reputation and "
        "livelihood"
    ),
    "support.breach.dpo_named": "our data protection officer {name}",
    "support.breach.authority_unknown": "[the supervisory authority]",
    "support.breach.34.special": "special categories of data are exposed ({categories})",
    "support.breach.34.criminal": "criminal-offence data is exposed ({categories})",
    "support.breach.34.unencrypted": "not declared encrypted at rest: {systems}",
    "support.breach.34.large": "large scale: about {affected} people (threshold {threshold})",
    "support.breach.34.keys": (
        "The exposed systems declare encryption at rest, but the breach is at {name}, which holds the keys: the data "
        "is not unintelligible to the intruder, so the exception of Art. 34(3)(a) does not apply."
    ),
    "support.breach.34.unlocked": "paper not declared kept locked: {systems}",
    "support.breach.scale.given": (
        "Judged from --affected {affected} against --large-scale {threshold} (a policycheck setting, not a legal "
        "threshold: the GDPR sets no number)."
    ),
    "support.breach.scale.unknown": (
        "Not judged: pass --affected N (the approximate number of people); N at or above --large-scale {threshold} "
        "counts as large scale."
    ),
    "support.breach.scale.channels": "Customer channels feed this data ({channels}), so many people may be affected.",
    "support.breach.window.now": "at once",
    "support.breach.window.owner": "at once: contain the breach and secure the logs",
    "support.breach.window.security": "at once: leads the incident response",
    "support.breach.window.customer-support": "before customers get in touch: brief the agents with the script",
    "support.breach.window.no-dpa": "no DPA, so no agreed notification time: call at once",
    "support.breach.window.unset": "the DPA sets no notification time: call at once",
    "support.breach.window.hours": "must tell us within {hours} h of becoming aware (DPA); call at once",
    "support.breach.window.sub": "sub-processor: reach it through its processor (Art. 28(4))",
    "support.breach.window.recipient": "its own controller: ask what happened; it notifies its own authority",
    "support.breach.window.authority": "notify by {deadline} (Art. 33(1): 72 hours from becoming aware)",
    "support.breach.window.authority-if": (
        "only if personal data was involved: notify by {deadline} (Art. 33(1): 72 hours from becoming aware)"
    ),
    "support.breach.note.anonymous": (
        "{name} stores {categories}, which arrive there only through anonymized flows and are treated as anonymous; "
        "if they are not, treat them as personal data."
    ),
    "support.breach.note.anonymous.1": (
        "{name} stores {categories}, which arrives there only through anonymized flows and is treated as anonymous; "
        "if it is not, treat it as personal data."
    ),
    "support.breach.note.recipient": (
        "{name} is a recipient and its own controller: a breach in its own systems is its own to notify (Art. 33); "
        "it is ours if it happened in our transfer to it."
    ),
    "support.breach.note.subprocessor": (
        "{name} is a sub-processor of {parents}: it must tell them, and they must tell us, without undue delay (Art. "
        "33(2), 28(4))."
    ),
    "support.breach.note.midnight": (
        "--as-of gave no time of day, so the 72 hours are counted from midnight: pass the time you became aware "
        "(YYYY-MM-DDTHH:MM)."
    ),
    "support.breach.customer": (
        "Subject: Important information about your personal data\n\nHello,\n\nWe are writing to tell you about a "
        "personal data breach that affects information about you. On [date] we discovered that [describe briefly and "
        "plainly what happened] {where}.\n\nThe information concerned: {categories}.\n\nWhat this may mean for you: "
        "{consequences}.\n\nWhat we have done: [the measures taken, e.g. blocked the access, reset passwords, "
        "reported the breach to {authority_short}].\n\nWhat you can do: be careful with e-mails, text messages and "
        "calls that refer to the information above or to us and ask for passwords, codes or payment. We will never "
        "ask for your password. [further advice for this incident]\n\nIf you have questions, contact "
        "{contact}{call}. You also have the right to complain to {authority}.\n\nKind regards,\n{org}"
    ),
    "support.breach.call_us": ", or call us on {phone}",
    "support.breach.script.1": (
        "Listen first, and check who is calling before you discuss the caller's own data (Art. 12(6))."
    ),
    "support.breach.script.2": (
        "Say what is confirmed: “On [date] we discovered a personal data breach {where}. It may concern "
        "{categories}. We are investigating it and [have reported / will report] it to {authority_short}.”"
    ),
    "support.breach.script.3": (
        "Do not guess at causes, numbers or who is affected. Say: “I don't know that yet, but I will make sure you "
        "get an answer,” and escalate."
    ),
    "support.breach.script.4": (
        "Give the advice: be careful with messages that ask for passwords, card details or payment; we never ask for "
        "your password."
    ),
    "support.breach.script.5": (
        "Log every contact in the incident case [reference]: who it was, what they asked, what you answered."
    ),
    "support.breach.script.6": (
        "Send questions you cannot answer, and requests for access or erasure, to {contact}. A customer who wants to "
        "complain can contact {authority}."
    ),
    # --- transparency page and answer sheet ------------------------------------------------------
    "support.tp.title": "What we store about you",
    "support.tp.intro": (
        "{org} is responsible for the personal data described here (we are the controller). For each way you can "
        "contact us, this page tells you what we store, why, for how long, who else gets it and where it is kept, "
        "and what your rights are."
    ),
    "support.tp.contents": "Contents",
    "support.tp.no_channels_subject": "We keep nothing about you from any of the ways you can contact us.",
    "support.tp.no_channels": "No customer channels are declared.",
    "support.tp.heading.phone": "When you call us",
    "support.tp.heading.email": "When you e-mail us",
    "support.tp.heading.chat": "When you chat with us",
    "support.tp.heading.ticketing": "When you use our contact form or help centre",
    "support.tp.heading.paper": "When you send us letters or forms by post",
    "support.tp.heading.other": "When you contact us in other ways",
    "support.tp.heading.named": "When you contact us through {name}",
    "support.tp.heading.kind": "When you contact us through {kind}",
    "support.tp.place.phone": "our phone service",
    "support.tp.place.email": "our e-mail",
    "support.tp.place.chat": "our chat",
    "support.tp.place.ticketing": "our customer service system",
    "support.tp.place.crm": "our customer register",
    "support.tp.place.analytics": "our statistics",
    "support.tp.place.knowledge-base": "our knowledge base",
    "support.tp.place.notes": "our internal notes",
    "support.tp.place.paper": "our paper archive",
    "support.tp.place.backup": "our backups",
    "support.tp.place.other": "our other systems",
    "support.tp.through": "Through: {name}",
    "support.tp.what": "What we store",
    "support.tp.passes_on": "{name} itself keeps none of it: it passes it on to {targets}, where it is stored.",
    "support.tp.passes_on.public": (
        "This channel itself keeps none of it: it passes it on to our other systems, where it is stored."
    ),
    "support.tp.why": "Why, and on what legal basis",
    "support.tp.how_long": "How long we keep it",
    "support.tp.who": "Who else gets it",
    "support.tp.where": "Where it is kept",
    "support.tp.processors": "Suppliers who handle it for us, only on our instructions (processors):",
    "support.tp.recipients": "Others who receive it and are responsible for it themselves:",
    "support.tp.nobody": "No one outside our organization.",
    "support.tp.stored_in": "Stored or handled in: {countries}.",
    "support.tp.outside": "Outside the EU/EEA:",
    "support.tp.inside": "All of it stays within the EU/EEA.",
    "support.tp.kept_by_law": "kept under {law}",
    "support.tp.kept_for_claims": "kept in case of legal claims, within the time limits of {claims_law}",
    "support.tp.kept_by_law_and_claims": (
        "kept under {law}, and in case of legal claims within the time limits of {claims_law}"
    ),
    "support.tp.sensitive": "sensitive personal data",
    "support.tp.criminal": "data about offences",
    "support.tp.role.processor": "processor",
    "support.tp.role.sub-processor": "sub-processor",
    "support.tp.role.recipient": "recipient",
    "support.tp.rights": "Your rights",
    "support.tp.contact": "Contact us",
    "support.tp.contact.text": "Write to {contact} about your personal data.",
    "support.tp.dpo": "Our data protection officer: {dpo}.",
    "support.tp.complaint": "Complaints",
    "support.tp.notice": "Our full privacy notice: {url}",
    "support.tp.blocked": (
        "The customers' page was not written: the checks find {n} unresolved critical or high problem(s) in what it "
        "would say (listed above). Fix them, or pass --allow-findings to publish it anyway."
    ),
    "support.tp.blocked.allowed": (
        "Written with --allow-findings although the checks find {n} unresolved critical or high problem(s) in what "
        "the page says (listed above)."
    ),
    "support.tp.note.unverified": (
        "The customers' page relies on reference data that is not verified yet (not shown on the page): {what}. "
        "Confirm it before publishing."
    ),
    "support.tp.generated": "Generated by policycheck from the record of processing of {org}.",
    "support.sheet.title": "Answer sheet for customer support",
    "support.sheet.intro": (
        "Answers to customers' common questions about their personal data, per channel, from the same declarations "
        "as the customer page. If a question is not covered here, do not guess: forward it to {contact}."
    ),
    "support.sheet.general": "For every channel",
    "support.qa.responsible": "Who is responsible for my data?",
    "support.qa.what": "What do you store about me?",
    "support.qa.why": "Why do you store it?",
    "support.qa.how_long": "How long do you keep it?",
    "support.qa.who": "Who else gets my data?",
    "support.qa.abroad": "Is my data sent outside the EU?",
    "support.qa.delete": "Can you delete my data?",
    "support.qa.access": "How can I see what you have about me?",
    "support.qa.complain": "Where can I complain?",
    "support.a.responsible": "{org} is the controller. Contact: {contact}.",
    "support.a.what": "We store {categories}.",
    "support.a.why.item": "{purpose}: {basis}.",
    "support.a.how_long.item": "{purpose}: {retention}.",
    "support.a.who.processors": "Suppliers who handle it for us, only on our instructions: {names}.",
    "support.a.who.recipients": "Others who receive it and are responsible for it themselves: {names}.",
    "support.a.who.none": "No one outside our organization.",
    "support.a.abroad.yes": "Yes, some of it: {items}.",
    "support.a.abroad.item": "{country} ({parties}): {safeguard}",
    "support.a.abroad.no": "No, it stays within the EU/EEA.",
    "support.a.delete": (
        "Yes. On request we delete your data within one month, everywhere it is stored, including at our suppliers."
    ),
    "support.a.delete.gaps": (
        "Yes, but not yet everywhere. On request we delete your data within one month, including at our suppliers, "
        "but there is no way yet to erase it here: {places}."
    ),
    "support.a.delete.gap.system": "{name}, which has no erasure routine",
    "support.a.delete.gap.processor": "{name}, a supplier with no agreement that obliges it to delete",
    "support.a.delete.escalate": "Do not promise complete erasure: escalate the request to {contact}.",
    "support.a.delete.kept": (
        "Some records we must keep by law: {items}. We keep them restricted: used only for what the law requires, "
        "and deleted when the period ends."
    ),
    "support.a.delete.kept.item": "{purpose}, {retention}, under {law}",
    "support.a.delete.backup": "Copies in our backups are not used, and are overwritten within {duration}.",
    "support.a.access": (
        "Ask us at {contact}. We answer within one month, free of charge, and may first check that it is you."
    ),
    "support.a.complain": "Tell us first at {contact}, if you like. You can always complain to {authority}.",
    "support.a.unknown": "Not declared: forward the question to {contact}.",
    # --- country names, for a sentence, with an article where English needs one (any other country: the
    # reference data's name)
    "support.country.AD": "Andorra",
    "support.country.AE": "the United Arab Emirates",
    "support.country.AR": "Argentina",
    "support.country.AT": "Austria",
    "support.country.AU": "Australia",
    "support.country.AX": "Åland Islands",
    "support.country.BE": "Belgium",
    "support.country.BG": "Bulgaria",
    "support.country.BO": "Bolivia",
    "support.country.BR": "Brazil",
    "support.country.CA": "Canada",
    "support.country.CH": "Switzerland",
    "support.country.CN": "China",
    "support.country.CY": "Cyprus",
    "support.country.CZ": "Czechia",
    "support.country.DE": "Germany",
    "support.country.DK": "Denmark",
    "support.country.EE": "Estonia",
    "support.country.ES": "Spain",
    "support.country.FI": "Finland",
    "support.country.FO": "Faroe Islands",
    "support.country.FR": "France",
    "support.country.GB": "the United Kingdom",
    "support.country.GG": "Guernsey",
    "support.country.GL": "Greenland",
    "support.country.GR": "Greece",
    "support.country.HK": "Hong Kong",
    "support.country.HR": "Croatia",
    "support.country.HU": "Hungary",
    "support.country.ID": "Indonesia",
    "support.country.IE": "Ireland",
    "support.country.IL": "Israel",
    "support.country.IM": "Isle of Man",
    "support.country.IN": "India",
    "support.country.IR": "Iran",
    "support.country.IS": "Iceland",
    "support.country.IT": "Italy",
    "support.country.JE": "Jersey",
    "support.country.JP": "Japan",
    "support.country.KP": "North Korea",
    "support.country.KR": "South Korea",
    "support.country.LA": "Laos",
    "support.country.LI": "Liechtenstein",
    "support.country.LT": "Lithuania",
    "support.country.LU": "Luxembourg",
    "support.country.LV": "Latvia",
    "support.country.MD": "Moldova",
    "support.country.MT": "Malta",
    "support.country.MX": "Mexico",
    "support.country.MY": "Malaysia",
    "support.country.NL": "the Netherlands",
    "support.country.NO": "Norway",
    "support.country.NZ": "New Zealand",
    "support.country.PH": "the Philippines",
    "support.country.PL": "Poland",
    "support.country.PT": "Portugal",
    "support.country.RO": "Romania",
    "support.country.RS": "Serbia",
    "support.country.RU": "Russia",
    "support.country.SE": "Sweden",
    "support.country.SG": "Singapore",
    "support.country.SI": "Slovenia",
    "support.country.SK": "Slovakia",
    "support.country.SY": "Syria",
    "support.country.TH": "Thailand",
    "support.country.TR": "Türkiye",
    "support.country.TW": "Taiwan",
    "support.country.TZ": "Tanzania",
    "support.country.UA": "Ukraine",
    "support.country.US": "the United States",
    "support.country.UY": "Uruguay",
    "support.country.VE": "Venezuela",
    "support.country.VN": "Vietnam",
    "support.country.ZA": "South Africa",
}
