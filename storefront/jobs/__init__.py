"""Background work on a Huey queue: mail delivery, code batches, CSV exports, periodic upkeep."""
