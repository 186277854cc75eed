using Agenda.Storage;
using Agenda.Storage.Sqlite;

namespace Agenda.Api.Hosting;

public static class StorageRegistration
{
    /// <summary>The connection string's name: configure it as <c>ConnectionStrings:Booking</c> or <c>ConnectionStrings__Booking</c>.</summary>
    public const string ConnectionStringName = "Booking";

    /// <summary>Where the SQLite file lives when no connection string is configured.</summary>
    public static string DefaultDatabasePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "agenda", "agenda.db");

    public static IServiceCollection AddAgendaStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={DefaultDatabasePath}";
        }

        services.AddSingleton(new SqliteDatabase(connectionString));
        services.AddSingleton<IScheduleStore, SqliteScheduleStore>();
        return services;
    }

    /// <summary>Creates or upgrades the schema before the first request is served.</summary>
    public static void MigrateStorage(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<SqliteDatabase>();
        database.Migrate();
        app.Logger.LogInformation("Using the SQLite database {DatabaseFile}", Path.GetFullPath(database.FilePath));
    }
}
