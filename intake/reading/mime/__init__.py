"""Decoding an email, one concern a module; intake.reading.message assembles them."""
