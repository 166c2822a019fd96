"""Answering: what to say to the applicant (answers), the email and its headers (envelope), the outbox and the transport that sends it."""
