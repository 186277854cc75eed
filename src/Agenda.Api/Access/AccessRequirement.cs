namespace Agenda.Api.Access;
public enum AccessKind { OwnerKey, AdminKey, BookingTokenOrOwnerKey }
/// Endpoint metadata: what credential a route needs when Auth:Mode is ApiKey.
public sealed record AccessRequirement(AccessKind Kind);
