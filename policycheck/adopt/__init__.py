"""Adoption: import an existing record of processing or Fides manifests, export to Fides, JSON Schemas."""
