using Agenda.Api.Calendars;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using Ical.Net;
using NodaTime;

namespace Agenda.Api.Tests.Calendars;

/// <summary>
/// A booking's calendar file as text: where to meet (LOCATION, URL), who organizes and who attends, and what the
/// description says to each side, escaped as RFC 5545 wants and read back by Ical.Net as it was meant.
/// </summary>
public sealed class BookingCalendarTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 3, 1, 8, 0);

    private static readonly MeetingName ForOwner = new("en", "Intro with Ben")
    {
        Description = "**Bring** your notes",
        OwnerName = "Ana",
        Organizer = new CalendarParty("Ana", "ana@example.com"),
    };

    private static StoredBooking Booking(BookingLocation? location) =>
        new StoredBooking("bk1", "ana", "intro", "Ben", "ben@example.com", "See you", new Slot(Start, Start + Duration.FromMinutes(30)), BookingStatus.Active, Start)
        {
            Location = location,
            Answers = [new BookingAnswer("topic", "Topic", ["Budget, Q3"]), new BookingAnswer("recorded", "Recorded?", ["no"])],
        };

    [Fact]
    public void An_address_with_commas_and_semicolons_is_escaped_in_location_and_the_file_names_organizer_and_attendee()
    {
        var booking = Booking(new BookingLocation(LocationKind.InPerson, "Hauptstr. 1, 10115 Berlin; 2nd floor"));

        var ics = BookingCalendar.Write([booking], Start, "Test", b => MeetingFacts.Event(b, ForOwner, BookingAccess.Owner));

        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains(@"LOCATION:Hauptstr. 1\, 10115 Berlin\; 2nd floor", unfolded);
        Assert.Contains("ORGANIZER;CN=Ana:mailto:ana@example.com", unfolded);
        Assert.Contains("mailto:ben@example.com", unfolded.Split("\r\n").Single(l => l.StartsWith("ATTENDEE", StringComparison.Ordinal)));
        Assert.DoesNotContain("URL:", unfolded);
        // A copy to keep, not an iTIP message: no METHOD, so the attendee is allowed (METHOD:PUBLISH forbids one).
        Assert.DoesNotContain("METHOD:", unfolded);
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, $"Unfolded line: {line}"));

        var read = Calendar.Load(ics)!.Events.Single();
        Assert.Equal("Hauptstr. 1, 10115 Berlin; 2nd floor", read.Location);
        Assert.Equal("Ben", read.Attendees.Single().CommonName);
        Assert.Equal(
            "Where: Hauptstr. 1, 10115 Berlin; 2nd floor\nE-mail: ben@example.com\nTopic: Budget, Q3\nRecorded?: No\nNote: See you\n\nBring your notes",
            read.Description);
    }

    [Fact]
    public void A_video_room_is_the_location_and_the_url_and_the_invitees_copy_has_no_answers()
    {
        var booking = Booking(new BookingLocation(LocationKind.Video, "https://meet.example.org/r-123"));
        var forInvitee = ForOwner with { Summary = "Intro with Ana", Organizer = new CalendarParty("Ana", "agenda@example.com") };

        var read = Calendar.Load(BookingCalendar.Write([booking], Start, "Test", b => MeetingFacts.Event(b, forInvitee, BookingAccess.Invitee)))!.Events.Single();

        Assert.Equal("https://meet.example.org/r-123", read.Location);
        Assert.Equal(new Uri("https://meet.example.org/r-123"), read.Url);
        Assert.Equal("Where: Video call: https://meet.example.org/r-123\nNote: See you\n\nBring your notes", read.Description);
        Assert.Equal("mailto:agenda@example.com", read.Organizer!.Value!.ToString());
    }

    [Fact]
    public void A_call_to_the_invitee_gives_the_formatted_number_and_says_who_calls_whom()
    {
        var booking = Booking(new BookingLocation(LocationKind.InviteePhone, "+493012345678"));

        var owners = Calendar.Load(BookingCalendar.Write([booking], Start, "Test", b => MeetingFacts.Event(b, ForOwner, BookingAccess.Owner)))!.Events.Single();
        var place = MeetingFacts.Where(booking, forOwner: false, "Ana", EmailTexts.For("de"))!;

        Assert.Equal("+49 30 12345678", owners.Location);
        Assert.StartsWith("Where: Call Ben at +49 30 12345678\n", owners.Description);
        Assert.Null(owners.Url);
        Assert.Equal(new Place("Ana ruft Sie unter +49 30 12345678 an", "+49 30 12345678", "tel:+493012345678"), place);
    }

    [Fact]
    public void The_event_written_into_the_owners_calendar_names_no_organizer_or_attendee()
    {
        var booking = Booking(new BookingLocation(LocationKind.Link, "https://example.org/room"));

        var ics = BookingCalendar.WriteEvent(booking, Start, MeetingFacts.Event(booking, ForOwner, BookingAccess.Owner));

        var read = Calendar.Load(ics)!.Events.Single();
        Assert.Null(read.Organizer);
        Assert.Empty(read.Attendees);
        Assert.Equal(new Uri("https://example.org/room"), read.Url);
        Assert.Contains("Topic: Budget, Q3", read.Description);
    }
}
