using Agenda.Api.Platform.Access;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Platform.Hosting;

/// <summary>
/// The service's own command line, for administrators with access to the machine:
/// <c>dotnet run --project src/Agenda.Api -- owners create &lt;id&gt; [--name "Ana Weber"] [--zone Europe/Berlin]</c>
/// creates an owner on the configured database and prints the owner's first API key.
/// </summary>
internal static class OwnerCommands
{
    public static bool IsCommand(string[] args) => args is ["owners", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not ["owners", "create", var id, .. var rest])
        {
            Console.Error.WriteLine("Usage: owners create <id> [--name <display name>] [--zone <IANA time zone>]");
            return 2;
        }

        var errors = new Platform.Wire.RequestErrors();
        if (errors.NewOwnerId("id", id) is null)
        {
            Console.Error.WriteLine(string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
            return 2;
        }

        var name = Option(rest, "--name");
        var zoneId = Option(rest, "--zone") ?? "UTC";
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not { } zone)
        {
            Console.Error.WriteLine($"'{zoneId}' is not a known IANA time zone, such as Europe/Berlin.");
            return 2;
        }

        var store = app.Services.GetRequiredService<IOwnerStore>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        if (!await store.CreateOwnerAsync(id, name, zone, time.GetCurrentInstant(), CancellationToken.None))
        {
            Console.Error.WriteLine($"An owner '{id}' already exists.");
            return 1;
        }

        var (key, _) = await app.Services.GetRequiredService<OwnerKeys>().IssueAsync(id, CancellationToken.None);
        Console.WriteLine($"Created owner '{id}' in {zone.Id}.");
        Console.WriteLine($"API key (shown once; send it as 'Authorization: Bearer <key>'): {key!.Key}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
