using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// The position after the last booking of a page, (start, id), as an opaque text. Paging by position, not by
/// offset, keeps pages correct while bookings are added or cancelled.
/// </summary>
internal static partial class BookingCursor
{
    private static readonly long MinTicks = Instant.MinValue.ToUnixTimeTicks();
    private static readonly long MaxTicks = Instant.MaxValue.ToUnixTimeTicks();

    /// <summary>Booking ids are version-7 GUIDs in 32 lowercase hex digits; anything else cannot be a position.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial System.Text.RegularExpressions.Regex BookingId();

    public static string Write(StoredBooking last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.Slot.Start.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)}:{last.Id}"));

    public static (Instant Start, string Id)? Read(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split(':', 2);
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                || ticks < MinTicks || ticks > MaxTicks
                || !BookingId().IsMatch(parts[1]))
            {
                return null;
            }

            var start = Instant.FromUnixTimeTicks(ticks);
            return Scheduling.CalendarDates.IsSupported(start) ? (start, parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
