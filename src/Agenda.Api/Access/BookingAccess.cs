using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Access;

/// <summary>
/// The invitee's access to one booking: the management token returned when the booking was made, and nothing
/// else, allows reading, cancelling and rescheduling it.
/// </summary>
public static class BookingAccess
{
    public const string TokenPrefix = "bkt_";

    /// <returns>null when <paramref name="request"/> carries the booking's token; otherwise the 401 to answer.</returns>
    public static ProblemHttpResult? Check(HttpRequest request, StoredBooking booking)
    {
        var presented = Secrets.Presented(request);
        if (Secrets.Matches(presented, booking.ManageTokenHash))
        {
            return null;
        }

        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            detail: presented is null
                ? "This booking can be read and changed only with its management token, returned when it was made: send 'Authorization: Bearer <token>' or '?token=<token>'."
                : "The token does not belong to this booking.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Booking token required");
    }
}
