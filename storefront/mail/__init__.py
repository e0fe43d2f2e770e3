"""Store mail: messages written to an outbox in the caller's transaction, sent later by a job."""
