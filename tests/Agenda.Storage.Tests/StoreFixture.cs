using Agenda.Scheduling.Availability;
using Agenda.Storage.Relational;
using Agenda.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Agenda.Storage.Tests;

/// <summary>A migrated SQLite file in a folder of its own, removed afterwards.</summary>
public sealed class SqliteFile : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-storage-tests", Guid.NewGuid().ToString("N"));

    public SqliteFile()
    {
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, "agenda.db");
        Database = new SqliteDatabase(ConnectionString);
        Database.Migrate();
    }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public SqliteDatabase Database { get; }

    /// <summary>A store of its own over the same file, as a second process would have.</summary>
    public ScheduleStore NewStore() => new(new SqliteDatabase(ConnectionString));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

internal static class Values
{
    public static readonly Instant Now = Instant.FromUtc(2024, 11, 25, 8, 0);

    public static LocalDate Date(int year, int month, int day) => new(year, month, day);

    public static DateRangeRule Rule(LocalDate first, LocalDate last, int fromHour, int toHour) =>
        new(new DateInterval(first, last), new TimeOfDayRange(new LocalTime(fromHour, 0), toHour == 24 ? LocalTime.Midnight : new LocalTime(toHour, 0)));

    public static Instant Utc(LocalDate date, int hour) => date.At(new LocalTime(hour, 0)).InUtc().ToInstant();
}
