using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Storage;

namespace Agenda.Api.Notifications;

/// <summary>
/// How a booking's meeting is named to each side, in their language: its meeting type's title (the slug once the type is
/// deleted; "Appointment" for the documented API's type) with the other party. The owner reads the invitee's name; the
/// invitee reads the owner's, or every host's of a team booking. The owner's language is their e-mail setting (English
/// when unset); the invitee's is the one they booked in, else the owner's. One place for the event written into the
/// owner's calendar, the booking's calendar file, the owner's feed, and the e-mail with its invitation.
/// </summary>
internal sealed class MeetingNames(IMeetingTypeStore meetingTypes, ITeamStore teams, ITeamBookingStore teamBookings, IOwnerStore owners, INotificationSettingsStore settings)
{
    /// <summary>How <paramref name="role"/> (<see cref="BookingAccess.Owner"/> or <see cref="BookingAccess.Invitee"/>) reads the booking's meeting.</summary>
    public async Task<MeetingName> ForAsync(StoredBooking booking, string role, CancellationToken cancellationToken)
    {
        var language = role == BookingAccess.Invitee && booking.InviteeLanguage is { } own ? own : await OwnerLanguageAsync(booking.OwnerId, cancellationToken);
        var title = await TitleAsync(booking, language, cancellationToken);
        var other = role == BookingAccess.Owner ? booking.Invitee : await HostsAsync(booking, cancellationToken);
        return new MeetingName(language, Summary(title, other, language));
    }

    /// <summary>The meetings of one owner's bookings as the owner reads them (for a feed): one read of each meeting type, not one per booking.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ForOwnerAsync(string ownerId, IEnumerable<StoredBooking> bookings, CancellationToken cancellationToken)
    {
        var language = await OwnerLanguageAsync(ownerId, cancellationToken);
        var titles = new Dictionary<string, string>();
        var summaries = new Dictionary<string, string>();
        foreach (var booking in bookings)
        {
            if (!titles.TryGetValue(booking.MeetingTypeKey, out var title))
            {
                title = titles[booking.MeetingTypeKey] = await TitleAsync(booking, language, cancellationToken);
            }

            summaries[booking.Id] = Summary(title, booking.Invitee, language);
        }

        return summaries;
    }

    private static string Summary(string title, string other, string language) => $"{title} {EmailTexts.For(language).With} {other}";

    private async Task<string> OwnerLanguageAsync(string ownerId, CancellationToken cancellationToken) =>
        (await settings.GetNotificationSettingsAsync(ownerId, cancellationToken))?.Language ?? "en";

    private async Task<string> TitleAsync(StoredBooking booking, string language, CancellationToken cancellationToken)
    {
        if (booking.MeetingTypeKey == "")
        {
            return EmailTexts.For(language).Appointment;
        }

        if (StoredTeamMeetingType.ParseKey(booking.MeetingTypeKey) is { } key)
        {
            return (await teams.GetTeamAsync(key.TeamId, cancellationToken))?.MeetingTypes.FirstOrDefault(t => t.Slug == key.Slug)?.Title ?? key.Slug;
        }

        return (await meetingTypes.FindMeetingTypeAsync(booking.OwnerId, booking.MeetingTypeKey, cancellationToken)).MeetingType?.Title ?? booking.MeetingTypeKey;
    }

    /// <summary>The owner's name or, for a team booking, every host's (the booking's owner first), as the invitee reads them.</summary>
    private async Task<string> HostsAsync(StoredBooking booking, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> hosts = booking.TeamBookingId is { } group ? [.. (await teamBookings.GetTeamBookingAsync(group, cancellationToken)).Select(b => b.OwnerId)] : [];
        if (hosts.Count == 0)
        {
            hosts = [booking.OwnerId];
        }

        var names = new List<string>();
        foreach (var host in hosts)
        {
            names.Add((await owners.FindOwnerAsync(host, cancellationToken))?.DisplayName ?? host);
        }

        return string.Join(", ", names);
    }
}

/// <summary>A meeting as one side reads it: in <paramref name="Language"/>, <paramref name="Summary"/> ("Intro with Ben", "Intro mit Ana").</summary>
internal sealed record MeetingName(string Language, string Summary);
