using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Access;

/// <summary>
/// Who may act on one booking: the invitee, with the management token returned when the booking was made
/// (and nothing else), or the booking's owner, with their API key (or the administrator key, or anyone in Open mode).
/// </summary>
public static class BookingAccess
{
    public const string TokenPrefix = "bkt_";

    /// <returns>Who is acting ("invitee" or "owner"), or the 401/403 to answer.</returns>
    public static async Task<(string? Actor, ProblemHttpResult? Denied)> CheckAsync(HttpRequest request, StoredBooking booking)
    {
        var presented = Secrets.Presented(request);
        if (Secrets.Matches(presented, booking.ManageTokenHash))
        {
            return ("invitee", null);
        }

        var services = request.HttpContext.RequestServices;
        if (services.GetRequiredService<AuthOptions>().Mode == AuthMode.Open)
        {
            return ("owner", null);
        }

        var caller = await services.GetRequiredService<OwnerKeys>().IdentifyAsync(request, request.HttpContext.RequestAborted);
        switch (caller)
        {
            case Caller.Administrator:
            case Caller.Owner owner when owner.OwnerId == booking.OwnerId:
                return ("owner", null);
            case Caller.Owner:
                return (null, TypedResults.Problem(
                    detail: "This API key belongs to another owner; it cannot act on this booking.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Not your booking"));
        }

        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return (null, TypedResults.Problem(
            detail: presented is null
                ? "A booking can be read and changed only with its management token, returned when it was made, or with its owner's API key: send 'Authorization: Bearer <token>' (or '?token=<token>' in a link)."
                : "The token does not belong to this booking.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Booking token required"));
    }
}
