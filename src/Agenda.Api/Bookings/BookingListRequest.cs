using Agenda.Api.Platform.Wire;
using Agenda.Scheduling;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// What a list of bookings asks for, read the same way for an owner's list and a team's: status (upcoming, pending, past,
/// cancelled, declined or expired), dates (both included, in the zone the caller gives), page size, and the cursor of the previous page.
/// </summary>
internal sealed record BookingListRequest(BookingListStatus Status, LocalDate? From, LocalDate? To, int Limit, (Instant Start, string Id)? After)
{
    /// <summary>Only bookings of this meeting type: its key (a team type's made from team_id/slug); null for every type.</summary>
    public string? MeetingType { get; init; }

    /// <summary>Only bookings whose invitee's name or address contains this text; null for every invitee.</summary>
    public string? Invitee { get; init; }

    /// <summary>The longest text an invitee search takes.</summary>
    public const int MaxSearch = 200;

    /// <summary>
    /// <see cref="Read(string?, string?, string?, int?, string?, RequestErrors)"/> with the owner's filters:
    /// <paramref name="meetingType"/> (a type's slug, or team_id/slug) and <paramref name="invitee"/> (part of a name or address).
    /// </summary>
    public static BookingListRequest? Read(string? status, string? from, string? to, int? limit, string? cursor, string? meetingType, string? invitee, RequestErrors errors)
    {
        var request = Read(status, from, to, limit, cursor, errors);
        string? type = null;
        if (!string.IsNullOrWhiteSpace(meetingType))
        {
            var slash = meetingType.IndexOf('/', StringComparison.Ordinal);
            var valid = slash < 0 ? errors.Slug("meeting_type", meetingType) is not null
                : errors.UrlSafeId("meeting_type", meetingType[..slash]) is not null && errors.Slug("meeting_type", meetingType[(slash + 1)..]) is not null;
            type = valid ? StoredTeamMeetingType.KeyOfName(meetingType) : null;
        }

        var search = string.IsNullOrWhiteSpace(invitee) ? null : errors.Text("invitee", invitee.Trim(), MaxSearch);
        return request is null || errors.Any ? null : request with { MeetingType = type, Invitee = search };
    }

    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>The request read into <paramref name="errors"/>; null when it has any.</summary>
    public static BookingListRequest? Read(string? status, string? from, string? to, int? limit, string? cursor, RequestErrors errors)
    {
        // Only these names: Enum.TryParse would also take "1" or "99" for a status.
        BookingListStatus? listStatus = status?.ToLowerInvariant() switch
        {
            null or "upcoming" => BookingListStatus.Upcoming,
            "pending" => BookingListStatus.Pending,
            "past" => BookingListStatus.Past,
            "cancelled" => BookingListStatus.Cancelled,
            "declined" => BookingListStatus.Declined,
            "expired" => BookingListStatus.Expired,
            _ => null,
        };
        if (listStatus is null)
        {
            errors.Add("status", "BookingStatus", "status", status);
        }

        var first = from is null ? null : errors.Date("from", from);
        var last = to is null ? null : errors.Date("to", to);
        if (first is { } f && last is { } l && l < f)
        {
            errors.Add("to", "NotBefore", "to", to, "from", from);
        }

        var pageSize = errors.Number("limit", limit, 1, MaxPageSize, required: false) ?? DefaultPageSize;
        var position = cursor is null ? null : BookingCursor.Read(cursor);
        if (cursor is not null && position is null)
        {
            errors.Add("cursor", "NextCursor", "cursor");
        }

        return errors.Any || listStatus is not { } wanted ? null : new BookingListRequest(wanted, first, last, pageSize, position);
    }

    /// <summary>The store's query, with the dates taken in <paramref name="zone"/>.</summary>
    public BookingQuery ToQuery(DateTimeZone zone, Instant now) =>
        new(
            Status,
            now,
            From is { } f ? CalendarDates.Span(new DateInterval(f, f), zone).Start : null,
            To is { } l ? CalendarDates.Span(new DateInterval(l, l), zone).End : null,
            After?.Start,
            After?.Id,
            Limit)
        {
            MeetingType = MeetingType,
            Invitee = Invitee,
        };

    /// <summary>The cursor of the page after <paramref name="page"/>; null when it was the last.</summary>
    public string? NextCursor(IReadOnlyList<StoredBooking> page) => page.Count == Limit ? BookingCursor.Write(page[^1]) : null;
}
