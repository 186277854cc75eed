using System.Data.Common;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

/// <summary>
/// Reads a row's columns by the names its SELECT gives them (<c>row.String("owner_id")</c>), so a reader does not depend
/// on the order of a SELECT list, and columns of one name from two tables are told apart by their aliases. A read of a
/// few rows looks each name up as it goes (both providers keep a result set's names in a dictionary); a result set of
/// many rows on a hot path (the schedule reads) resolves its columns' ordinals once (<see cref="DbDataReader.GetOrdinal"/>)
/// and reads every row with the overloads that take an ordinal.
/// </summary>
internal static class Rows
{
    public static string String(this DbDataReader row, string column) => row.GetString(row.GetOrdinal(column));

    public static string? StringOrNull(this DbDataReader row, string column) => row.StringOrNull(row.GetOrdinal(column));

    public static string? StringOrNull(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static int Int(this DbDataReader row, string column) => row.GetInt32(row.GetOrdinal(column));

    public static int? IntOrNull(this DbDataReader row, string column) => row.IsNull(column) ? null : row.Int(column);

    public static long Long(this DbDataReader row, string column) => row.GetInt64(row.GetOrdinal(column));

    public static long? LongOrNull(this DbDataReader row, string column) => row.IsNull(column) ? null : row.Long(column);

    /// <summary>An instant kept as seconds since the Unix epoch (<see cref="ColumnValues.ToColumn(Instant)"/>).</summary>
    public static Instant Instant(this DbDataReader row, string column) => row.Instant(row.GetOrdinal(column));

    public static Instant Instant(this DbDataReader row, int ordinal) => ToInstant(row.GetInt64(ordinal));

    public static Instant? InstantOrNull(this DbDataReader row, string column) => row.InstantOrNull(row.GetOrdinal(column));

    public static Instant? InstantOrNull(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.Instant(ordinal);

    public static byte[] Bytes(this DbDataReader row, string column) => (byte[])row.GetValue(row.GetOrdinal(column));

    public static bool IsNull(this DbDataReader row, string column) => row.IsDBNull(row.GetOrdinal(column));
}
