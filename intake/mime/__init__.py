"""Decoding an email, one concern a module; intake.message assembles them."""
