using Agenda.Api.Access;
using Agenda.Api.Bookings;
using Agenda.Api.Hosting;
using Agenda.Api.OpenApi;
using Agenda.Api.Slots;
using Agenda.Api.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.V1;

/// <summary>
/// Holds: a slot an invitee has chosen, kept away from everyone else for a few minutes (<see cref="HoldOptions"/>) while
/// they fill in their details. The hold token is the holder's only key to it: they release it with the token, or name
/// it in their booking, which then uses it up.
/// </summary>
public static class HoldsApi
{
    public const string TokenPrefix = "hld_";

    public static IServiceCollection AddHolds(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(HoldOptions.From(configuration));

    public static IEndpointRouteBuilder MapHolds(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/owners/{ownerId}/meeting-types/{slug}/holds", CreateAsync)
            .WithTags("Holds")
            .WithName("CreateHold")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesBookingRefusals(RefusalCodes.Hold)
            .WithSummary("Hold a slot of a meeting type for a few minutes")
            .WithDescription("start is a slot start as the slot search gives it. Accepted exactly when the slot could be booked at this moment; then no search offers it and no booking takes it, on any node, until expires_at, unless the booking names hold_token. The answer carries hold_token, shown only here. Refusals are the booking's, except the invitee's allowance, which is checked when booking.");

        routes.MapDelete("/v1/holds/{holdToken}", ReleaseAsync)
            .WithTags("Holds")
            .WithName("ReleaseHold")
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Release a hold at once (with its hold token); its slot is offered again");
        return routes;
    }

    public static async Task<Results<Created<HoldResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, string slug, CreateHoldRequest? body, OwnerCache owners, IHoldStore holds, HoldOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var start = errors.Instant("start", body?.Start);
        if (errors.Any || start is not { } startsAt)
        {
            return errors.Problem();
        }

        var (lookup, _) = await owners.FindMeetingTypeAsync(ownerId, slug, cancellationToken);
        if (lookup is not { Owner: { } owner, MeetingType: { } meetingType })
        {
            return V1Mapping.Missing(lookup, ownerId, slug);
        }

        var slot = meetingType.Rules.SlotAt(startsAt);
        var (token, attempt) = await holds.TakeAsync(ownerId, slug, meetingType.Rules, startsAt, options, time.GetCurrentInstant(), cancellationToken);
        return attempt switch
        {
            HoldAttempt.Held held => TypedResults.Created($"/v1/holds/{token}", held.Hold.ToResponse(token, ownerId, owner.Zone)),
            HoldAttempt.Refused refused => BookingRefusals.ToProblem(refused.Reason, WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End)),
            _ => V1Mapping.UnknownOwner(ownerId),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(string holdToken, IHoldStore holds, CancellationToken cancellationToken) =>
        await holds.ReleaseHoldAsync(HoldId(holdToken), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such hold",
                detail: "No hold has this token: it was released, used by a booking, or never taken. An expired hold is released too.");

    /// <summary>
    /// Holds the slot of <paramref name="type"/> that starts at <paramref name="start"/> for <see cref="HoldOptions.Length"/>
    /// under a new token, which only the answer carries. The API and the booking page take holds this one way.
    /// </summary>
    public static async Task<(string Token, HoldAttempt Attempt)> TakeAsync(
        this IHoldStore holds, string ownerId, string slug, Scheduling.MeetingTypes.MeetingType type, Instant start, HoldOptions options, Instant now, CancellationToken cancellationToken)
    {
        var token = Secrets.NewSecret(TokenPrefix);
        return (token, await holds.HoldAsync(ownerId, HoldId(token), type.SlotAt(start), type, slug, now, now + options.Length, cancellationToken));
    }

    /// <summary>What the store keeps of a hold token: its hash, so the token never rests anywhere but with its holder.</summary>
    public static string HoldId(string holdToken) => Secrets.Hash(holdToken);

    internal static HoldResponse ToResponse(this SlotHold hold, string token, string ownerId, DateTimeZone zone) =>
        new(token, ownerId, hold.MeetingTypeKey,
            WireFormat.FormatWithOffset(hold.Meeting.Start, zone), WireFormat.FormatWithOffset(hold.Meeting.End, zone),
            WireFormat.FormatUtc(hold.Meeting.Start), WireFormat.FormatUtc(hold.Meeting.End), zone.Id,
            WireFormat.FormatUtc(hold.ExpiresAt));
}

/// <summary>How long a hold lasts: <c>Holds:Minutes</c>, 1 to 60, default 5.</summary>
public sealed record HoldOptions(Duration Length)
{
    public static HoldOptions From(IConfiguration configuration)
    {
        var configured = configuration["Holds:Minutes"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new HoldOptions(SlotHolds.DefaultLength);
        }

        if (!int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            || minutes < 1 || Duration.FromMinutes(minutes) > SlotHolds.MaxLength)
        {
            throw new InvalidOperationException(
                $"Holds:Minutes is '{configured}'; it must be a whole number of minutes from 1 to {(int)SlotHolds.MaxLength.TotalMinutes}.");
        }

        return new HoldOptions(Duration.FromMinutes(minutes));
    }
}
