using NodaTime;

namespace Agenda.Api.Tests.Support;

/// <summary>
/// A NodaTime tz database (.nzd) made from the built-in one with one zone's rules replaced, as a country changing its
/// clocks would make the next release: the file format is NodaTime's own (a version, then fields of an id byte, a
/// varint length and data), so the service reads it as it reads a file from nodatime.org.
/// </summary>
public static class SyntheticTimeZones
{
    private const byte StringPoolField = 0;
    private const byte TimeZoneField = 1;
    private const byte VersionField = 2;

    /// <summary>
    /// The built-in rules, except that <paramref name="zoneId"/> keeps <paramref name="offset"/> (whole hours) all year, under
    /// <paramref name="version"/>: the zone gets the rules of the built-in Etc/GMT zone of that offset.
    /// </summary>
    public static byte[] WithFixedOffset(string zoneId, Offset offset, string version)
    {
        var hours = offset.Seconds / 3600;
        var donorId = hours == 0 ? "Etc/GMT" : $"Etc/GMT{(hours > 0 ? "-" : "+")}{Math.Abs(hours)}";
        using var builtIn = typeof(DateTimeZone).Assembly.GetManifestResourceStream(
            typeof(DateTimeZone).Assembly.GetManifestResourceNames().Single(n => n.EndsWith(".nzd", StringComparison.Ordinal)))!;
        using var input = new MemoryStream();
        builtIn.CopyTo(input);
        var bytes = input.ToArray();

        using var output = new MemoryStream();
        output.Write(bytes, 0, 4); // the format's version, 0
        var position = 4;
        var zoneIndex = -1;
        var donorIndex = -1;
        byte[]? donor = null;
        var fields = new List<(byte Id, byte[] Data)>();
        while (position < bytes.Length)
        {
            var id = bytes[position++];
            var length = ReadVarint(bytes, ref position);
            var data = bytes.AsSpan(position, length).ToArray();
            position += length;
            if (id == StringPoolField)
            {
                zoneIndex = IndexInPool(data, zoneId);
                donorIndex = IndexInPool(data, donorId);
            }
            else if (id == VersionField)
            {
                data = [.. Varint(System.Text.Encoding.UTF8.GetByteCount(version)), .. System.Text.Encoding.UTF8.GetBytes(version)];
            }
            else if (id == TimeZoneField)
            {
                var at = 0;
                if (ReadVarint(data, ref at) == donorIndex)
                {
                    donor = data[at..];
                }
            }

            fields.Add((id, data));
        }

        if (zoneIndex < 0 || donor is null)
        {
            throw new ArgumentException($"The built-in rules have no zone {zoneId} or {donorId}.", nameof(zoneId));
        }

        foreach (var (id, data) in fields)
        {
            var at = 0;
            var written = id == TimeZoneField && ReadVarint(data, ref at) == zoneIndex ? [.. Varint(zoneIndex), .. donor] : data;
            output.WriteByte(id);
            output.Write(Varint(written.Length));
            output.Write(written);
        }

        return output.ToArray();
    }

    private static int IndexInPool(byte[] pool, string value)
    {
        var at = 0;
        var count = ReadVarint(pool, ref at);
        for (var i = 0; i < count; i++)
        {
            var length = ReadVarint(pool, ref at);
            if (System.Text.Encoding.UTF8.GetString(pool, at, length) == value)
            {
                return i;
            }

            at += length;
        }

        return -1;
    }

    private static int ReadVarint(byte[] data, ref int position)
    {
        int value = 0, shift = 0;
        while (true)
        {
            var next = data[position++];
            value |= (next & 0x7f) << shift;
            shift += 7;
            if (next < 0x80)
            {
                return value;
            }
        }
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var rest = (uint)value;
        while (rest > 0x7f)
        {
            bytes.Add((byte)(0x80 | (rest & 0x7f)));
            rest >>= 7;
        }

        bytes.Add((byte)rest);
        return [.. bytes];
    }
}
