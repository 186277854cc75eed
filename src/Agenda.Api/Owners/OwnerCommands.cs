using Agenda.Api.Platform.Wire;

namespace Agenda.Api.Owners;

/// <summary>
/// The service's own command line, for administrators with access to the machine:
/// <c>dotnet run --project src/Agenda.Api -- owners create &lt;id&gt; [--name "Ana Weber"] [--zone Europe/Berlin]</c>
/// creates an owner on the configured database (through <see cref="OwnerProfile.CreateAsync"/>, as the API does) and prints the
/// owner's first API key.
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

        // The command line speaks English, whatever the machine's language: its errors read like the rest of its output.
        System.Globalization.CultureInfo.CurrentUICulture = Platform.Localisation.Languages.Of("en").Culture;
        var profile = app.Services.GetRequiredService<OwnerProfile>();
        var request = new CreateOwnerRequest(id, Option(rest, "--name"), Option(rest, "--zone") ?? "UTC");
        switch (await profile.CreateAsync(request, CancellationToken.None))
        {
            case Outcome<CreatedOwner>.Done { Value: var created }:
                Console.WriteLine($"Created owner '{created.Id}' in {created.Zone.Id}.");
                Console.WriteLine($"API key (shown once; send it as 'Authorization: Bearer <key>'): {created.Key.Key}");
                return 0;
            case Outcome<CreatedOwner>.Refused refused:
                Console.Error.WriteLine(refused.Refusal.Detail);
                return 1;
            case var invalid:
                Console.Error.WriteLine(string.Join(" ", invalid.Messages));
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
