using Agenda.Api.Bookings;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Privacy;

/// <summary>
/// Personal data on request, for every door (the API, the administrator's console): what is held about an invitee found
/// by e-mail address, and erasing it, in one owner's bookings (the owner's key) or in every owner's (the administrator's).
/// The store anonymises each booking whole, with its traces, in one transaction (<see cref="IPersonalDataStore"/>).
/// </summary>
internal sealed class PersonalData(IPersonalDataStore store, IOwnerStore owners, TimeProvider time)
{
    /// <summary>Everything held about the invitee: their bookings as their owners see them, and the messages sent to them.</summary>
    public async Task<Outcome<InviteeDataResponse>> ExportAsync(string? ownerId, PersonalDataRequest? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (Address(body, errors) is not { } email)
        {
            return errors;
        }

        if (await store.ExportInviteeAsync(email, ownerId, cancellationToken) is not { } data)
        {
            return Refusal.UnknownOwner(ownerId ?? "");
        }

        var zones = new Dictionary<string, DateTimeZone>(StringComparer.Ordinal);
        foreach (var id in data.Bookings.Select(b => b.OwnerId).Distinct(StringComparer.Ordinal))
        {
            zones[id] = (await owners.FindOwnerAsync(id, cancellationToken))?.Zone ?? DateTimeZone.Utc;
        }

        return new InviteeDataResponse(
            email,
            WireFormat.FormatUtc(time.GetCurrentInstant()),
            [.. data.Bookings.Select(b => b.ToOwnersResponse(zones[b.OwnerId]))],
            [.. data.Messages.Select(m => new SentMessageResponse(m.Channel, m.OwnerId, m.BookingId, m.EventType, m.Status, m.Attempts, WireFormat.FormatUtc(m.CreatedAt), m.Workflow))]);
    }

    /// <summary>Erases the invitee: each of their bookings anonymised whole, and the address gone from the message logs.</summary>
    public async Task<Outcome<ErasureResponse>> EraseAsync(string? ownerId, PersonalDataRequest? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (Address(body, errors) is not { } email)
        {
            return errors;
        }

        return await store.EraseInviteeAsync(email, ownerId, time.GetCurrentInstant(), cancellationToken) is { } erased
            ? new ErasureResponse(email, erased.Bookings, erased.Messages)
            : Refusal.UnknownOwner(ownerId ?? "");
    }

    /// <summary>Everything held about the owner, table by table, without secrets: for the owner (or the administrator) to take away.</summary>
    public async Task<Outcome<System.Text.Json.Nodes.JsonObject>> ExportOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        if (await store.ExportOwnerAsync(ownerId, cancellationToken) is not { } tables)
        {
            return Refusal.UnknownOwner(ownerId);
        }

        return new System.Text.Json.Nodes.JsonObject
        {
            ["owner_id"] = ownerId,
            ["exported_at"] = WireFormat.FormatUtc(time.GetCurrentInstant()),
            ["tables"] = tables,
        };
    }

    private static string? Address(PersonalDataRequest? body, RequestErrors errors)
    {
        if (body?.Email is null)
        {
            errors.Add("email", "Required", "email");
            return null;
        }

        return errors.Email("email", body.Email.Trim());
    }
}

/// <summary>Whose data: the invitee's e-mail address (in the body, so it stays out of URLs and access logs).</summary>
internal sealed record PersonalDataRequest(string? Email);

/// <summary>
/// What is held about an invitee: <see cref="Bookings"/> with every field (the owners' private notes too), and
/// <see cref="Messages"/> sent or to be sent to the address (channel email, reminder or workflow).
/// </summary>
internal sealed record InviteeDataResponse(string Email, string ExportedAt, IReadOnlyList<BookingResponse> Bookings, IReadOnlyList<SentMessageResponse> Messages);

internal sealed record SentMessageResponse(string Channel, string OwnerId, string BookingId, string Event, string Status, int Attempts, string CreatedAt, string? Workflow);

/// <summary>How many bookings were anonymised, and how many message records erased.</summary>
internal sealed record ErasureResponse(string Email, int BookingsErased, int MessagesErased);
