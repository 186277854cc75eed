using System.ComponentModel;
using Agenda.Api.Bookings;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Api.Teams;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Agenda.Api.Agents;

/// <summary>
/// The MCP server's tools: a door like the API, calling the same use cases and answering in the API's words. Each answer
/// is the API's JSON (as structured content and as text); each refusal is the API's problem details (status, title,
/// detail, reason, errors) in a tool error, so an agent can act on it as a program acts on the API's. A tool acts for the
/// token's owner ("me"): a read-only token finds and reads, a token to book on the owner's behalf also holds, books,
/// cancels and moves. Arguments name an owner (<c>ownerId</c>) or a team (<c>teamId</c>), one of the two.
/// </summary>
[McpServerToolType]
internal sealed class AgentTools(
    IHttpContextAccessor context,
    OwnerMeetingTypes meetingTypes,
    TeamService teams,
    NextFreeTimes ownersFreeTimes,
    TeamFreeTimes teamsFreeTimes,
    BookingRequests requests,
    TeamBookingRequests teamRequests,
    BookingService bookings,
    IBookingStore bookingStore,
    IOwnerStore owners,
    INotificationSettingsStore notificationSettings,
    AgentAnswers answers,
    IAuditStore audit,
    TimeProvider time,
    ILogger<AgentTools> logger)
{
    private AgentGrant Grant => (context.HttpContext ?? throw new InvalidOperationException("An MCP call is answered within its HTTP request (stateless transport).")).Grant();

    [McpServerTool(Name = "find_meeting_types", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The meeting types of an owner or a team: slug, title, length, where to meet, questions. Private types are listed only for your own calendar. Name ownerId or teamId.")]
    public async Task<CallToolResult> FindMeetingTypesAsync(
        [Description("The owner whose meeting types to list (yourself for your own).")] string? ownerId = null,
        [Description("The team whose meeting types to list.")] string? teamId = null,
        CancellationToken cancellationToken = default)
    {
        switch (Target(ownerId, teamId))
        {
            case Outcome<Target>.Done { Value.TeamId: { } team }:
                return await teams.FindAsync(team, cancellationToken) is { } found
                    ? answers.Done(TeamMapping.ToResponse(found, forMembers: false))
                    : answers.Refused(TeamService.UnknownTeam(team));
            case Outcome<Target>.Done { Value.OwnerId: { } owner }:
                if (await meetingTypes.ListAsync(owner, cancellationToken) is not { } types)
                {
                    return answers.Refused(Refusal.UnknownOwner(owner));
                }

                var mine = owner == Grant.OwnerId;
                return answers.Done(new MeetingTypesResponse([.. types.Where(t => mine || !t.Details.Private).Select(t => t.ToResponse())]));
            case var invalid:
                return answers.Of(invalid);
        }
    }

    [McpServerTool(Name = "find_free_times", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The next free times of an owner or a team, across meeting types, soonest first: each names its meeting type and can be booked as given (pass its start_utc or start to book). Searches up to a year ahead. Name ownerId or teamId.")]
    public async Task<CallToolResult> FindFreeTimesAsync(
        [Description("The owner whose free times to find.")] string? ownerId = null,
        [Description("The team whose free times to find.")] string? teamId = null,
        [Description("Slugs of the meeting types to search (at most 20); default every type not marked private.")] string[]? meetingTypes = null,
        [Description("How many times: 1 to 50 (default 5).")] int? count = null,
        [Description("An IANA time zone to show the times in, such as Europe/Berlin (default the owner's, or the team's first host's).")] string? timeZone = null,
        CancellationToken cancellationToken = default)
    {
        var errors = new RequestErrors();
        var viewZone = timeZone is null ? null : errors.Zone("timeZone", timeZone);
        if (errors.Any)
        {
            return answers.Invalid(errors);
        }

        return Target(ownerId, teamId) switch
        {
            Outcome<Target>.Done { Value.TeamId: { } team } => answers.Of(await teamsFreeTimes.FindAsync(team, meetingTypes, count, cancellationToken), found => FreeTimesResponse.Of(team, found, viewZone)),
            Outcome<Target>.Done { Value.OwnerId: { } owner } => answers.Of(await ownersFreeTimes.FindAsync(owner, meetingTypes, count, cancellationToken), found => FreeTimesResponse.Of(owner, found, viewZone)),
            var invalid => answers.Of(invalid),
        };
    }

    [McpServerTool(Name = "list_my_bookings", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The bookings on your own calendar, soonest first, a page at a time, as the owner's list in the API gives them.")]
    public async Task<CallToolResult> ListMyBookingsAsync(
        [Description("upcoming (default), pending, past, cancelled, declined or expired.")] string? status = null,
        [Description("First date (YYYY-MM-DD) in your zone, on the booking's start.")] string? from = null,
        [Description("Last date (YYYY-MM-DD) in your zone, included.")] string? to = null,
        [Description("1 to 200 (default 50).")] int? limit = null,
        [Description("The next_cursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var errors = new RequestErrors();
        if (BookingListRequest.Read(status, from, to, limit, cursor, errors) is not { } request)
        {
            return answers.Invalid(errors);
        }

        return await bookings.ListAsync(Grant.OwnerId, request, cancellationToken) is { } list
            ? answers.Done(new BookingListResponse([.. list.Page.Select(b => b.ToOwnersResponse(list.Owner.Zone))], request.NextCursor(list.Page)))
            : answers.Refused(Refusal.UnknownOwner(Grant.OwnerId));
    }

    [McpServerTool(Name = "get_booking", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("One booking: on your own calendar, or one you made (with the management_token its booking answered).")]
    public async Task<CallToolResult> GetBookingAsync(
        [Description("The booking's id.")] string bookingId,
        [Description("The management_token the booking answered; not needed for a booking on your own calendar.")] string? managementToken = null,
        CancellationToken cancellationToken = default)
    {
        var (booking, _, denied) = await OpenAsync(bookingId, managementToken, cancellationToken);
        return denied ?? answers.Done(await requests.DescribeAsync(booking!, cancellationToken));
    }

    [McpServerTool(Name = "hold_time", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Holds a free time of an owner's or a team's meeting type for a few minutes, while you confirm with the person you act for: nobody else is offered it until expires_at. Book it with the hold_token. Needs a token that books.")]
    public Task<CallToolResult> HoldTimeAsync(
        [Description("The meeting type's slug.")] string meetingType,
        [Description("The start, as a free time gives it (ISO 8601 with offset, or UTC).")] string start,
        [Description("The owner whose meeting type it is.")] string? ownerId = null,
        [Description("The team whose meeting type it is.")] string? teamId = null,
        [Description("One of the type's lengths, in minutes (default its length).")] int? durationMinutes = null,
        CancellationToken cancellationToken = default)
        => AuditedAsync("hold_time", ownerId is null ? $"team={teamId}, slug={meetingType}" : $"owner={ownerId}, slug={meetingType}", () => HoldTimeCoreAsync(meetingType, start, ownerId, teamId, durationMinutes, cancellationToken));

    private async Task<CallToolResult> HoldTimeCoreAsync(string meetingType, string start, string? ownerId, string? teamId, int? durationMinutes, CancellationToken cancellationToken)
    {
        if (BookingScopeMissing() is { } refused)
        {
            return refused;
        }

        var body = new CreateHoldRequest(start, durationMinutes);
        return Target(ownerId, teamId) switch
        {
            Outcome<Target>.Done { Value.TeamId: { } team } => answers.Of(await teamRequests.HoldAsync(team, meetingType, body, cancellationToken)),
            Outcome<Target>.Done { Value.OwnerId: { } owner } => answers.Of(await requests.HoldAsync(owner, meetingType, body, cancellationToken)),
            var invalid => answers.Of(invalid),
        };
    }

    [McpServerTool(Name = "book", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Books a free time of an owner's or a team's meeting type, for you by default (your name and e-mail address) or for the invitee you name. Accepted exactly when the time is offered now; otherwise refused with a reason (taken, outside_availability...). The same call again books once and answers the same booking: pass idempotencyKey to choose the key yourself. The answer carries management_token: keep it to read, cancel or move the booking. Needs a token that books.")]
    public Task<CallToolResult> BookAsync(
        [Description("The meeting type's slug.")] string meetingType,
        [Description("The start, as a free time gives it (ISO 8601 with offset, or UTC).")] string start,
        [Description("The owner whose meeting type it is.")] string? ownerId = null,
        [Description("The team whose meeting type it is.")] string? teamId = null,
        [Description("The invitee's name (default yours).")] string? inviteeName = null,
        [Description("The invitee's e-mail address (default yours, as your notification settings give it).")] string? inviteeEmail = null,
        [Description("The invitee's IANA time zone, for the times in their e-mail.")] string? inviteeTimeZone = null,
        [Description("A note for the owner.")] string? note = null,
        [Description("The hold_token of a hold on this time.")] string? holdToken = null,
        [Description("One of the type's lengths, in minutes (default its length).")] int? durationMinutes = null,
        [Description("Where to meet, when the type offers several: in_person, phone, invitee_phone, link or video.")] string? locationKind = null,
        [Description("A key that makes a retry safe: the same key and the same call answer the first booking. Default: one made from this token and the call's arguments.")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
        => AuditedAsync("book", ownerId is null ? $"team={teamId}, slug={meetingType}" : $"owner={ownerId}, slug={meetingType}", () => BookCoreAsync(meetingType, start, ownerId, teamId, inviteeName, inviteeEmail, inviteeTimeZone, note, holdToken, durationMinutes, locationKind, idempotencyKey, cancellationToken));

    private async Task<CallToolResult> BookCoreAsync(string meetingType, string start, string? ownerId, string? teamId, string? inviteeName, string? inviteeEmail, string? inviteeTimeZone, string? note, string? holdToken, int? durationMinutes, string? locationKind, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (BookingScopeMissing() is { } refused)
        {
            return refused;
        }

        var grant = Grant;
        InviteeBody invitee;
        if (inviteeName is null)
        {
            // For the token's owner: their name, their notification address and language, their zone.
            var me = await owners.FindOwnerAsync(grant.OwnerId, cancellationToken);
            var settings = await notificationSettings.GetNotificationSettingsAsync(grant.OwnerId, cancellationToken);
            invitee = new InviteeBody(me?.DisplayName ?? grant.OwnerId, inviteeEmail ?? settings?.Email, settings?.Language, inviteeTimeZone ?? me?.Zone.Id);
        }
        else
        {
            invitee = new InviteeBody(inviteeName, inviteeEmail, null, inviteeTimeZone);
        }

        var body = new CreateBookingRequest(start, invitee, note, holdToken, durationMinutes, locationKind is null ? null : new LocationChoiceBody(locationKind));
        // The same call again is the same booking: a key of the owner acting, the target and every argument.
        var key = idempotencyKey ?? "mcp:" + Secrets.Hash(string.Join('\u001f', grant.OwnerId, ownerId, teamId, meetingType, start, invitee.Name, invitee.Email, invitee.TimeZone, note, holdToken, durationMinutes, locationKind));
        return Target(ownerId, teamId) switch
        {
            Outcome<Target>.Done { Value.TeamId: { } team } => answers.Of(await teamRequests.BookAsync(team, meetingType, body, key, cancellationToken)),
            Outcome<Target>.Done { Value.OwnerId: { } owner } => answers.Of(await requests.BookAsync(owner, meetingType, body, key, cancellationToken)),
            var invalid => answers.Of(invalid),
        };
    }

    [McpServerTool(Name = "cancel_booking", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Cancels a booking: one on your own calendar, or one you made (with its management_token). Its time is offered again at once. Needs a token that books.")]
    public Task<CallToolResult> CancelBookingAsync(
        [Description("The booking's id.")] string bookingId,
        [Description("The management_token the booking answered; not needed for a booking on your own calendar.")] string? managementToken = null,
        [Description("Why, for the other side (up to 2000 characters).")] string? reason = null,
        CancellationToken cancellationToken = default)
        => AuditedAsync("cancel_booking", $"booking={bookingId}", () => CancelBookingCoreAsync(bookingId, managementToken, reason, cancellationToken));

    private async Task<CallToolResult> CancelBookingCoreAsync(string bookingId, string? managementToken, string? reason, CancellationToken cancellationToken)
    {
        if (BookingScopeMissing() is { } refused)
        {
            return refused;
        }

        var errors = new RequestErrors();
        var why = errors.Text("reason", reason, 2000);
        if (errors.Any)
        {
            return answers.Invalid(errors);
        }

        var (_, actor, denied) = await OpenAsync(bookingId, managementToken, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        return answers.Of(await requests.CancelAsync(bookingId, actor!, why, following: false, cancellationToken));
    }

    [McpServerTool(Name = "move_booking", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Moves a booking to another free time of its meeting type: the new time is taken and the old one freed together, or nothing changes. One on your own calendar, or one you made (with its management_token). Needs a token that books.")]
    public Task<CallToolResult> MoveBookingAsync(
        [Description("The booking's id.")] string bookingId,
        [Description("The new start, as a free time gives it (ISO 8601 with offset, or UTC).")] string start,
        [Description("The management_token the booking answered; not needed for a booking on your own calendar.")] string? managementToken = null,
        CancellationToken cancellationToken = default)
        => AuditedAsync("move_booking", $"booking={bookingId}", () => MoveBookingCoreAsync(bookingId, start, managementToken, cancellationToken));

    private async Task<CallToolResult> MoveBookingCoreAsync(string bookingId, string start, string? managementToken, CancellationToken cancellationToken)
    {
        if (BookingScopeMissing() is { } refused)
        {
            return refused;
        }

        var errors = new RequestErrors();
        if (errors.Instant("start", start) is not { } startsAt)
        {
            return answers.Invalid(errors);
        }

        var (booking, actor, denied) = await OpenAsync(bookingId, managementToken, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        return answers.Of(await requests.MoveAsync(booking!, startsAt, actor!, cancellationToken));
    }

    /// <summary>
    /// Writes what an agent changed to its owner's audit log (who: the token; whose data: the token's owner, on whose
    /// behalf it acts; what: the tool; about what: its target; how it ended: the API's status for the answer), then
    /// answers. As with the API's entries, a log that cannot be written is a warning, and the change stands.
    /// </summary>
    private async Task<CallToolResult> AuditedAsync(string tool, string target, Func<Task<CallToolResult>> change)
    {
        var result = await change();
        var grant = Grant;
        var status = result.IsError is true && result.StructuredContent is { } problem && problem.TryGetProperty("status", out var code) ? code.GetInt32() : StatusCodes.Status200OK;
        var entry = new AuditEntry(
            "aud_" + Guid.CreateVersion7().ToString("N", System.Globalization.CultureInfo.InvariantCulture), time.GetCurrentInstant(), grant.Actor, grant.OwnerId,
            $"MCP {tool}", target, status, context.HttpContext?.Connection.RemoteIpAddress?.ToString());
        try
        {
            await audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The audit entry for {Action} could not be written.", entry.Action);
        }

        return result;
    }

    /// <summary>The refusal of a tool that changes bookings, for a read-only token; null when the token books.</summary>
    private CallToolResult? BookingScopeMissing() => Grant.MayBook ? null : answers.Refused(new Refusal(
        StatusCodes.Status403Forbidden,
        "Read-only token",
        Message.AsGiven("This agent token may only read: finding meeting types and free times, and reading bookings. Holding, booking, cancelling and moving need a token made to book on the owner's behalf."),
        "read_only_token"));

    /// <summary>The booking, and who acts on it: the invitee (with its management token) or the owner (a booking on the token owner's calendar).</summary>
    private async Task<(StoredBooking? Booking, string? Actor, CallToolResult? Denied)> OpenAsync(string bookingId, string? managementToken, CancellationToken cancellationToken)
    {
        if (await bookingStore.GetBookingAsync(bookingId, cancellationToken) is not { } booking)
        {
            return (null, null, answers.Refused(BookingRequests.UnknownBooking(bookingId)));
        }

        var (actor, denied) = await BookingAccess.DecideAsync(Grant.AsOwner, managementToken, booking, context.HttpContext!.RequestServices, cancellationToken);
        return denied is null ? (booking, actor, null) : (null, null, answers.Refused(denied));
    }

    /// <summary>The owner or the team a call names: exactly one of the two.</summary>
    private static Outcome<Target> Target(string? ownerId, string? teamId)
    {
        if ((ownerId is null) == (teamId is null))
        {
            var errors = new RequestErrors();
            errors.Add("ownerId", "OwnerOrTeam", "ownerId", "teamId");
            return errors;
        }

        return new Target(ownerId, teamId);
    }
}

/// <summary>What a call names: an owner or a team.</summary>
internal sealed record Target(string? OwnerId, string? TeamId);
