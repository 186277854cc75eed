using Agenda.Api.Calendars;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// An owner's subscribable calendar feed: upcoming bookings, and upcoming cancelled ones as STATUS:CANCELLED so
/// subscribed calendars remove them, at a secret URL that Google Calendar, Outlook or Apple Calendar can poll.
/// Issuing a new URL revokes the old one; deleting the feed revokes it too.
/// </summary>
internal static class FeedsApi
{
    public const string TokenPrefix = OwnerProfile.FeedTokenPrefix;
    private const int MaxEventsPerFeed = 1000;

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        var owner = routes.MapGroup("/v1/owners/{ownerId}/feed").WithTags("Calendar feeds").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        owner.MapPost("/", IssueAsync).WithName("IssueCalendarFeed")
            .WithSummary("Issue the owner's secret feed URL (shown once; revokes any earlier one)");
        owner.MapDelete("/", RevokeAsync).WithName("RevokeCalendarFeed").WithSummary("Revoke the owner's feed URL");

        routes.MapGet("/v1/feeds/{token}.ics", FeedAsync)
            .WithTags("Calendar feeds")
            .WithName("CalendarFeed")
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("The owner's upcoming bookings as iCalendar; the secret in the URL is the only credential");
        return routes;
    }

    public static async Task<Results<Created<FeedResponse>, ProblemHttpResult>> IssueAsync(string ownerId, HttpRequest request, OwnerProfile profile, CancellationToken cancellationToken)
    {
        if (await profile.IssueFeedAsync(ownerId, cancellationToken) is not { } token)
        {
            return ApiProblems.UnknownOwner(ownerId);
        }

        var path = OwnerProfile.FeedPath(token);
        return TypedResults.Created(path, new FeedResponse($"{request.Scheme}://{request.Host}{path}", path));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string ownerId, OwnerProfile profile, CancellationToken cancellationToken) =>
        await profile.RevokeFeedAsync(ownerId, cancellationToken) ? TypedResults.NoContent() : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> FeedAsync(
        string token, IFeedStore feeds, IBookingStore bookings, MeetingNames names, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            || await feeds.FindOwnerByFeedTokenHashAsync(Secrets.Hash(token), cancellationToken) is not { } owner)
        {
            return ApiProblems.NotFound("There is no calendar feed at this address; it may have been revoked.");
        }

        var now = Platform.Hosting.ClockRegistration.GetCurrentInstant(time);
        var upcoming = await bookings.ListBookingsAsync(owner.Id, new BookingQuery(BookingListStatus.Confirmed, now, null, null, null, null, MaxEventsPerFeed), cancellationToken) ?? [];
        var cancelled = await bookings.ListBookingsAsync(owner.Id, new BookingQuery(BookingListStatus.Cancelled, now, now, null, null, null, MaxEventsPerFeed), cancellationToken) ?? [];
        var all = upcoming.Concat(cancelled).OrderBy(b => b.Slot.Start).ToList();
        // The owner's copies: with where to meet, the invitee's address and answers.
        var meetings = await names.ForOwnerAsync(owner.Id, all, cancellationToken);
        var ics = BookingCalendar.Write(all, now, $"Bookings of {owner.DisplayName ?? owner.Id}", b => MeetingFacts.Event(b, meetings[b.Id], BookingAccess.Owner));
        return TypedResults.Content(ics, BookingCalendar.ContentType);
    }
}

/// <summary>The feed's address, shown once: <see cref="Url"/> as this request reached the service, and its <see cref="Path"/>.</summary>
internal sealed record FeedResponse(string Url, string Path);
