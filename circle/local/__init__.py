"""The facilitator's local replica: records, outbox and schema migrations in one SQLite file."""

from circle.local.replica import OutboxEntry, Replica, ReplicaError, open_replica

__all__ = ["OutboxEntry", "Replica", "ReplicaError", "open_replica"]
