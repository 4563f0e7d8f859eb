"""Webhooks an owner registers per organisation, signed per the Standard Webhooks specification."""
