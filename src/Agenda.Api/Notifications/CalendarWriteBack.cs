using System.Diagnostics;
using Agenda.Api.Calendars;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Calendars.Sync;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// Attempts deliveries on channel <see cref="DeliveryChannels.Calendar"/>: keeps the booking's object
/// <c>{write_calendar}{booking id}.ics</c> in the owner's CalDAV calendar as the booking is now, whichever event the
/// delivery came from. An active booking is written (PUT, at its current time and SEQUENCE); a cancelled or erased one is
/// removed (DELETE; nothing there counts as removed). Deliveries of one booking may be attempted in any order, on any
/// node, and repeated; since each writes the current state and checks afterwards that the booking did not change
/// meanwhile, the last one leaves the calendar matching the booking. A failure is a failed attempt, retried on the
/// outbox's schedule; the booking itself is never touched.
/// </summary>
internal sealed class CalendarWriteBack(
    ICalendarConnectionStore connections, IBookingStore bookings, CalendarSecrets secrets, IHttpClientFactory http, OutboxOptions options, TimeProvider time,
    MeetingNames names)
{
    /// <summary>Writes when the booking changed while it was written, before the attempt counts as failed and waits for its retry.</summary>
    private const int MaxRounds = 3;

    public async Task<AttemptRecord> WriteAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        var clock = Stopwatch.StartNew();
        AttemptRecord Attempt(int? statusCode, string? error, string? note) =>
            new(delivery.Id, "", delivery.Attempts + 1, now, statusCode, error, (int)clock.ElapsedMilliseconds, note);

        var connection = delivery.ConnectionId is { } connectionId
            ? await connections.FindConnectionAsync(delivery.Event.OwnerId, connectionId, cancellationToken)
            : null;
        if (connection?.Settings.WriteCalendar is not { Length: > 0 } writeCalendar || !Uri.TryCreate(writeCalendar, UriKind.Absolute, out var calendar))
        {
            return Attempt(null, null, "Not written: the calendar was disconnected, or no longer receives bookings.");
        }

        if (secrets.TryOpen(connection.SecretBox) is not { } secret)
        {
            return Attempt(null, CalendarSecrets.CannotOpen, null);
        }

        var client = new CalDavClient(http.CreateClient(CalendarReader.ClientName), new CalDavCredentials(secret.UserName ?? "", secret.Password ?? ""));

        // Within the claim's lease, so no other node attempts the delivery meanwhile.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.AttemptTimeout);
        try
        {
            for (var round = 0; round < MaxRounds; round++)
            {
                var booking = await bookings.GetBookingAsync(delivery.Event.BookingId, budget.Token);
                var note = await ApplyAsync(client, calendar, delivery.Event.BookingId, booking, names, now, budget.Token);

                // A change committed while this one was on its way has its own delivery, which may have reached the
                // server first; writing again here makes sure the calendar ends with the booking's current state.
                var after = await bookings.GetBookingAsync(delivery.Event.BookingId, budget.Token);
                if (State(after) == State(booking))
                {
                    return Attempt(null, null, note);
                }
            }

            return Attempt(null, "The booking kept changing while it was being written; it is written again on the next attempt.", null);
        }
        catch (CalendarSourceException e)
        {
            return Attempt(e.StatusCode, e.Message, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Attempt(null, $"The calendar server did not finish within {options.AttemptTimeout.TotalSeconds:0} seconds.", null);
        }
    }

    /// <summary>Makes the calendar hold the booking as it is: written when active, removed when cancelled or gone. Returns what it did, for the log.</summary>
    private static async Task<string> ApplyAsync(
        CalDavClient client, Uri calendar, string bookingId, StoredBooking? booking, MeetingNames names, Instant now, CancellationToken cancellationToken)
    {
        var href = EventHref(calendar, bookingId);
        if (booking is not { IsActive: true })
        {
            await client.DeleteEventAsync(href, null, cancellationToken);
            return "Removed: the booking is cancelled, or no longer stored.";
        }

        // The owner's calendar: the meeting as the owner reads it, with the invitee, where to meet and the invitee's answers.
        var meeting = await names.ForAsync(booking, BookingAccess.Owner, cancellationToken);
        var ics = BookingCalendar.WriteEvent(booking, now, MeetingFacts.Event(booking, meeting, BookingAccess.Owner));
        try
        {
            await client.PutEventAsync(calendar, bookingId, ics, null, cancellationToken);
        }
        catch (CalendarSourceException e) when (e.Kind == CalendarSourceFailure.Conflict)
        {
            // The object is there from an earlier attempt or an earlier time of the booking. The client writes only
            // conditionally, and servers such as radicale do not take If-Match: *, so the service's own object is replaced.
            await client.DeleteEventAsync(href, null, cancellationToken);
            await client.PutEventAsync(calendar, bookingId, ics, null, cancellationToken);
        }

        return $"Written with SEQUENCE {booking.Sequence}.";
    }

    /// <summary>Where <see cref="CalDavClient.PutEventAsync"/> puts the booking: the resource is named after the booking's id.</summary>
    private static Uri EventHref(Uri calendar, string bookingId)
    {
        var collection = calendar.AbsolutePath.EndsWith('/') ? calendar : new UriBuilder(calendar) { Path = calendar.AbsolutePath + "/" }.Uri;
        return new Uri(collection, Uri.EscapeDataString(bookingId) + ".ics");
    }

    private static (bool Active, int Sequence)? State(StoredBooking? booking) => booking is null ? null : (booking.IsActive, booking.Sequence);
}
