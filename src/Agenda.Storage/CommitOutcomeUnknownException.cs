namespace Agenda.Storage;

/// <summary>
/// The database stopped answering while a write was being committed, so the write may or may not have been made.
/// Callers must not report it as refused: a client learns the outcome by retrying with the same idempotency key, or by
/// reading what it wrote.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The database stopped answering while a change was being committed; it may or may not have been made.", inner);
