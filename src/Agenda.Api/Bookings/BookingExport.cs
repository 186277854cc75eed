using System.Globalization;
using System.Text;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using CsvHelper;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// An owner's bookings as one CSV file, for the API and the console: the list's filters, every page, written by CsvHelper
/// (RFC 4180; a cell a spreadsheet would run as a formula is escaped). What the owner sees of a booking, and nothing an
/// invitee must not share with them: no tokens.
/// </summary>
internal sealed class BookingExport(BookingService bookings)
{
    /// <summary>The most bookings one file holds.</summary>
    public const int MaxRows = 10_000;

    public const string FileName = "bookings.csv";

    private static readonly CsvWriterOptions Format = new() { Injection = CsvInjection.Escape, NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture };

    public async Task<Outcome<byte[]>> CsvAsync(string ownerId, BookingListRequest request, CancellationToken cancellationToken)
    {
        var rows = new List<StoredBooking>();
        DateTimeZone? zone = null;
        var page = request with { Limit = BookingListRequest.MaxPageSize, After = null };
        while (true)
        {
            if (await bookings.ListAsync(ownerId, page, cancellationToken) is not { } list)
            {
                return Refusal.UnknownOwner(ownerId);
            }

            zone = list.Owner.Zone;
            rows.AddRange(list.Page);
            if (rows.Count > MaxRows)
            {
                var errors = new RequestErrors();
                errors.Add("to", "ExportTooLarge", MaxRows);
                return errors;
            }

            if (page.NextCursor(list.Page) is not { } next)
            {
                break;
            }

            page = page with { After = BookingCursor.Read(next) };
        }

        return Write(rows, zone ?? DateTimeZone.Utc);
    }

    private static byte[] Write(IReadOnlyList<StoredBooking> rows, DateTimeZone zone)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Format, leaveOpen: true))
        {
            foreach (var name in Header)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            foreach (var b in rows)
            {
                var shown = b.ToResponse(zone);
                string?[] fields =
                [
                    b.Id, shown.Status, WireFormat.FormatUtc(b.Slot.Start), WireFormat.FormatUtc(b.Slot.End), WireFormat.FormatWithOffset(b.Slot.Start, zone),
                    WireFormat.FormatWithOffset(b.Slot.End, zone), zone.Id, StoredTeamMeetingType.NameOf(b.MeetingTypeKey), b.Invitee, b.InviteeEmail, b.InviteeLanguage,
                    b.InviteeTimeZone, b.Location?.Value, b.Note, b.PrivateNote, string.Join("; ", b.Answers.Select(a => $"{a.Question}: {string.Join(", ", a.Values)}")),
                    b.NoShowAt is { } noShow ? WireFormat.FormatUtc(noShow) : null, WireFormat.FormatUtc(b.CreatedAt),
                    b.CancelledAt is { } cancelled ? WireFormat.FormatUtc(cancelled) : null, b.CancelReason,
                ];
                foreach (var field in fields)
                {
                    csv.WriteField(field ?? "");
                }

                csv.EndRecord();
            }
        }

        // A byte order mark, so spreadsheet programs read the file as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static readonly string[] Header =
    [
        "id", "status", "start_utc", "end_utc", "start", "end", "time_zone", "meeting_type", "invitee_name", "invitee_email", "invitee_language", "invitee_time_zone",
        "location", "note", "private_note", "answers", "no_show_at", "created_at", "cancelled_at", "cancel_reason",
    ];
}
