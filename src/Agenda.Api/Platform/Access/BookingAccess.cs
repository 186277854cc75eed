using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Platform.Access;

/// <summary>
/// Who may act on one booking: the invitee, with the management token returned when the booking was made
/// (and nothing else), or the booking's owner, with their API key (or the administrator key, or anyone in Open mode).
/// Of a team booking, every host is its owner: any host's key acts on any host's share, and so on all of it.
/// Set once on the route group of a booking: the filter loads the booking, answers 404, 401 or 403 before any
/// handler runs, and hands the handler a <see cref="BookingGrant"/>.
/// </summary>
internal static class BookingAccess
{
    public const string TokenPrefix = "bkt_";

    public const string Invitee = "invitee";
    public const string Owner = "owner";

    /// <summary>Every route of <paramref name="group"/> (whose pattern has <c>{bookingId}</c>) acts on one booking.</summary>
    public static RouteGroupBuilder RequireBookingAccess(this RouteGroupBuilder group)
    {
        group.WithMetadata(new AccessRequirement(AccessKind.BookingTokenOrOwnerKey));
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var bookingId = http.GetRouteValue("bookingId")?.ToString() ?? "";
            var bookings = http.RequestServices.GetRequiredService<IBookingStore>();
            if (await bookings.GetBookingAsync(bookingId, http.RequestAborted) is not { } booking)
            {
                return TypedResults.Problem(detail: $"No booking '{bookingId}' exists.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            }

            var (actor, denied) = await CheckAsync(http.Request, booking);
            if (denied is not null)
            {
                return denied;
            }

            http.Features.Set(new BookingGrant(booking, actor!));
            return await next(context);
        });
        return group;
    }

    /// <summary>The booking this request may act on, and as whom; set by <see cref="RequireBookingAccess"/>.</summary>
    public static BookingGrant BookingGrant(this HttpContext http) => http.Features.GetRequiredFeature<BookingGrant>();

    /// <summary>Whether <paramref name="presented"/> is the booking's management token: the invitee's only key to it.</summary>
    public static bool IsManagementToken(string? presented, StoredBooking booking) => Secrets.Matches(presented, booking.ManageTokenHash);

    /// <summary>Whether <paramref name="ownerId"/> hosts the team booking <paramref name="booking"/> is a share of: every host acts on all of it.</summary>
    private static async Task<bool> IsHostOfAsync(string ownerId, StoredBooking booking, IServiceProvider services, CancellationToken cancellationToken) =>
        booking.TeamBookingId is { } group
        && (await services.GetRequiredService<ITeamBookingStore>().GetTeamBookingAsync(group, cancellationToken)).Any(share => share.OwnerId == ownerId);

    /// <returns>Who is acting (<see cref="Invitee"/> or <see cref="Owner"/>), or the 401/403 to answer.</returns>
    private static async Task<(string? Actor, ProblemHttpResult? Denied)> CheckAsync(HttpRequest request, StoredBooking booking)
    {
        var presented = Secrets.Presented(request);
        var services = request.HttpContext.RequestServices;
        if (services.GetRequiredService<AuthOptions>().Mode == AuthMode.Open)
        {
            return (services.GetRequiredService<BookingLinks>().Opens(presented, booking) ? Invitee : Owner, null);
        }

        var caller = await services.GetRequiredService<OwnerKeys>().IdentifyAsync(request, request.HttpContext.RequestAborted);
        var (actor, denied) = await DecideAsync(caller, presented, booking, services, request.HttpContext.RequestAborted);
        if (denied is { Status: StatusCodes.Status401Unauthorized })
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return (actor, denied?.ToProblem());
    }

    /// <summary>
    /// Whether <paramref name="presented"/> (the booking's management token or a link's token) or <paramref name="caller"/>
    /// (its owner, a host of its team booking, the administrator) may act on <paramref name="booking"/>: the API's filter and
    /// the MCP server's tools both ask here.
    /// </summary>
    /// <returns>Who is acting (<see cref="Invitee"/> or <see cref="Owner"/>), or why not (401 or 403).</returns>
    public static async Task<(string? Actor, Refusal? Denied)> DecideAsync(Caller caller, string? presented, StoredBooking booking, IServiceProvider services, CancellationToken cancellationToken)
    {
        // The management token, or the link to the booking sent in the invitee's e-mail.
        if (services.GetRequiredService<BookingLinks>().Opens(presented, booking))
        {
            return (Invitee, null);
        }

        switch (caller)
        {
            case Caller.Administrator:
            case Caller.Owner owner when owner.OwnerId == booking.OwnerId:
                return (Owner, null);
            case Caller.Owner other when await IsHostOfAsync(other.OwnerId, booking, services, cancellationToken):
                return (Owner, null);
            case Caller.Agent:
                return (null, OwnerAccess.AgentTokenRefusal);
            case Caller.Owner:
                return (null, new Refusal(StatusCodes.Status403Forbidden, "Not your booking", Message.AsGiven("This API key belongs to another owner; it cannot act on this booking.")));
        }

        return (null, new Refusal(
            StatusCodes.Status401Unauthorized,
            "Booking token required",
            Message.AsGiven(presented is null
                ? "A booking can be read and changed only with its management token, returned when it was made, or with its owner's API key: send 'Authorization: Bearer <token>' (or '?token=<token>' in a link)."
                : "The token does not belong to this booking.")));
    }
}

/// <summary>A booking the request may act on, as loaded before the handler ran, and who is acting.</summary>
internal sealed record BookingGrant(StoredBooking Booking, string Actor);
