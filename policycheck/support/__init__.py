"""Answers for customer support, generated from the declarations.

- :mod:`~policycheck.support.erasure`: where a data subject's data is and how to erase it
  (``policycheck erasure-plan``);
- :mod:`~policycheck.support.access`: where to collect data for an access request and what
  the answer must say (``policycheck access-plan``);
- :mod:`~policycheck.support.breach`: what a breach of a system or processor exposes, the
  deadlines and whom to call, with texts for customers and agents (``policycheck breach-impact``);
- :mod:`~policycheck.support.transparency`: the customers' "what we store about you" page and
  the agents' answer sheet (``policycheck transparency``).

Each module builds a frozen plan from the repo and its data map (no rule pack needed) and
renders it as text, Markdown, HTML or JSON. The subject's view of the data map is in
:mod:`~policycheck.support.scope`; every user-facing sentence, in English and Swedish, is in
the language catalogues (``support.*`` in :mod:`policycheck.i18n.en_support` and
:mod:`policycheck.i18n.sv_support`); the builders return sentences as data
(:mod:`~policycheck.support.phrase`), worded when rendered; plain-language wording
(durations, lawful bases, safeguards, countries) in :mod:`~policycheck.support.wording`.
"""
