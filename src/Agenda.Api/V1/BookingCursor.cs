using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.V1;

/// <summary>
/// The position after the last booking of a page, (start, id), as an opaque text. Paging by position, not by
/// offset, keeps pages correct while bookings are added or cancelled.
/// </summary>
public static class BookingCursor
{
    public static string Write(StoredBooking last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.Slot.Start.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)}:{last.Id}"));

    public static (Instant Start, string Id)? Read(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split(':', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && parts[1].Length > 0
                ? (Instant.FromUnixTimeTicks(ticks), parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
