"""policycheck: a policy-as-code GDPR compliance checker for customer-support organizations."""

__version__ = "0.1.0"
