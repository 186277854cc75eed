using Agenda.Api.Calendars;
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
internal sealed class MeetingNames(
    IMeetingTypeStore meetingTypes, ITeamStore teams, ITeamBookingStore teamBookings, IOwnerStore owners, INotificationSettingsStore settings, EmailSenderAddress sender)
{
    /// <summary>How <paramref name="role"/> (<see cref="BookingAccess.Owner"/> or <see cref="BookingAccess.Invitee"/>) reads the booking's meeting.</summary>
    public async Task<MeetingName> ForAsync(StoredBooking booking, string role, CancellationToken cancellationToken)
    {
        var ownerSettings = await settings.GetNotificationSettingsAsync(booking.OwnerId, cancellationToken);
        var language = role == BookingAccess.Invitee && booking.InviteeLanguage is { } own ? own : ownerSettings?.Language ?? "en";
        var (title, description) = await TypeAsync(booking, language, cancellationToken);
        var ownerName = await NameOfAsync(booking.OwnerId, cancellationToken);
        var other = role == BookingAccess.Owner ? booking.Invitee : await HostsAsync(booking, cancellationToken);
        // The owner's own copies name the owner's address; the invitee's name the service's sender, as the invitations do.
        var organizer = role == BookingAccess.Owner ? ownerSettings?.Email ?? sender.Address : sender.Address;
        return new MeetingName(language, Summary(title, other, language))
        {
            Description = description,
            OwnerName = ownerName,
            Organizer = organizer is null ? null : new CalendarParty(ownerName, organizer),
        };
    }

    /// <summary>The meetings of one owner's bookings as the owner reads them (for a feed): one read of each meeting type, not one per booking.</summary>
    public async Task<IReadOnlyDictionary<string, MeetingName>> ForOwnerAsync(string ownerId, IEnumerable<StoredBooking> bookings, CancellationToken cancellationToken)
    {
        var ownerSettings = await settings.GetNotificationSettingsAsync(ownerId, cancellationToken);
        var language = ownerSettings?.Language ?? "en";
        var ownerName = await NameOfAsync(ownerId, cancellationToken);
        var organizer = ownerSettings?.Email ?? sender.Address;
        var types = new Dictionary<string, (string Title, string? Description)>();
        var meetings = new Dictionary<string, MeetingName>();
        foreach (var booking in bookings)
        {
            if (!types.TryGetValue(booking.MeetingTypeKey, out var type))
            {
                type = types[booking.MeetingTypeKey] = await TypeAsync(booking, language, cancellationToken);
            }

            meetings[booking.Id] = new MeetingName(language, Summary(type.Title, booking.Invitee, language))
            {
                Description = type.Description,
                OwnerName = ownerName,
                Organizer = organizer is null ? null : new CalendarParty(ownerName, organizer),
            };
        }

        return meetings;
    }

    private static string Summary(string title, string other, string language) => $"{title} {EmailTexts.For(language).With} {other}";

    private async Task<string> NameOfAsync(string ownerId, CancellationToken cancellationToken) =>
        (await owners.FindOwnerAsync(ownerId, cancellationToken))?.DisplayName ?? ownerId;

    /// <summary>The title of the booking's meeting type, and its description (Markdown) as it is now; a deleted type has only its slug.</summary>
    private async Task<(string Title, string? Description)> TypeAsync(StoredBooking booking, string language, CancellationToken cancellationToken)
    {
        if (booking.MeetingTypeKey == "")
        {
            return (EmailTexts.For(language).Appointment, null);
        }

        if (StoredTeamMeetingType.ParseKey(booking.MeetingTypeKey) is { } key)
        {
            var shared = (await teams.GetTeamAsync(key.TeamId, cancellationToken))?.MeetingTypes.FirstOrDefault(t => t.Slug == key.Slug)?.Shared;
            return (shared?.Title ?? key.Slug, shared?.Details.Description);
        }

        var type = (await meetingTypes.FindMeetingTypeAsync(booking.OwnerId, booking.MeetingTypeKey, cancellationToken)).MeetingType;
        return (type?.Title ?? booking.MeetingTypeKey, type?.Details.Description);
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

/// <summary>
/// A meeting as one side reads it: in <paramref name="Language"/>, <paramref name="Summary"/> ("Intro with Ben", "Intro mit
/// Ana"), with its meeting type's <see cref="Description"/> (Markdown, as the owner wrote it), the booking owner's name,
/// and who organizes it in that side's calendar (the owner, at their address or the service's sender; none when neither
/// is known).
/// </summary>
internal sealed record MeetingName(string Language, string Summary)
{
    public string? Description { get; init; }

    public string OwnerName { get; init; } = "";

    public CalendarParty? Organizer { get; init; }
}

/// <summary>
/// The service's sender address (<c>Email:From</c>, without its name), the organizer address of invitations and of the
/// invitee's calendar files; null while e-mail is off.
/// </summary>
internal sealed record EmailSenderAddress(string? Address);
