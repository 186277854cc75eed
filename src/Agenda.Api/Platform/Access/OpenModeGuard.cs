using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Agenda.Api.Platform.Access;

/// <summary>
/// In <see cref="AuthMode.Open"/> anyone can change anyone's calendar, so the service may then listen only on
/// loopback addresses. Checked against the configured URLs before the server starts, and against the
/// addresses actually bound once it has.
/// </summary>
internal static class OpenModeGuard
{
    /// <returns>Why the service must not start, or null when it may.</returns>
    public static string? EnsureLoopbackOnly(WebApplication app, AuthOptions options)
    {
        if (options.Mode != AuthMode.Open)
        {
            return null;
        }

        var configured = (app.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(app.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? ""));
        var exposedByConfiguration = configured.Where(u => u.Length > 0 && !IsLoopback(u)).ToList();
        if (exposedByConfiguration.Count > 0)
        {
            return Message(exposedByConfiguration);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = bound.Where(a => !IsLoopback(a)).ToList();
            if (exposed.Count > 0)
            {
                app.Logger.LogCritical("{Message}", Message(exposed));
                app.Lifetime.StopApplication();
                Environment.ExitCode = 1;
            }
        });
        return null;
    }

    /// <summary>Whether a URL such as http://127.0.0.1:5080 names only loopback; "*", "+" and 0.0.0.0 do not.</summary>
    public static bool IsLoopback(string url)
    {
        var host = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    private static string Message(IReadOnlyList<string> exposed) =>
        $"Auth:Mode is Open, which lets anyone change any calendar, so the service listens only on loopback; it was asked to listen on {string.Join(", ", exposed)}. " +
        "Listen on 127.0.0.1 or localhost, or set Auth:Mode=ApiKey (and Auth:AdminKey) to serve other machines.";
}
