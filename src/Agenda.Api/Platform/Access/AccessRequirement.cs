namespace Agenda.Api.Platform.Access;

internal enum AccessKind
{
    /// <summary>The owner's API key (or the administrator key).</summary>
    OwnerKey,

    /// <summary>The administrator key only.</summary>
    AdminKey,

    /// <summary>The API key of a member of the team named by the route (or the administrator key).</summary>
    TeamMemberKey,

    /// <summary>The API key of an admin of the team named by the route (or the administrator key).</summary>
    TeamAdminKey,

    /// <summary>The booking's management token, or its owner's API key (or the administrator key).</summary>
    BookingTokenOrOwnerKey,
}

/// <summary>Endpoint metadata: what credential a route needs when <c>Auth:Mode</c> is <c>ApiKey</c>.</summary>
internal sealed record AccessRequirement(AccessKind Kind);
