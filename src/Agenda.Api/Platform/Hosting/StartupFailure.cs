namespace Agenda.Api.Platform.Hosting;

/// <summary>
/// A start that cannot succeed (configuration that makes no sense, a database that cannot be opened, reached or
/// brought up to date) ends with one Critical line that says why and exit code 1, instead of an unhandled exception.
/// The exception in full is logged at Debug, for when the line is not enough.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>Logs why the service could not start, through a console logger of its own (the service's may not exist yet).</summary>
    public static int Report(IConfiguration configuration, Exception failure)
    {
        using (var loggers = RedactedLogging.Standalone(configuration, logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole()))
        {
            var logger = loggers.CreateLogger("Agenda.Api");
            logger.LogCritical("Agenda could not start: {Reason}", Describe(failure));
            logger.LogDebug(failure, "Why Agenda could not start, in full");
        }

        return ExitCode;
    }

    /// <summary>The messages of the exception and its causes, on one line.</summary>
    public static string Describe(Exception failure)
    {
        var messages = new List<string>();
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (!messages.Any(m => m.Contains(cause.Message, StringComparison.Ordinal)))
            {
                messages.Add(cause.Message);
            }
        }

        return string.Join(": ", messages).ReplaceLineEndings(" ");
    }
}

/// <summary>A reason the service cannot start, with a message meant for the operator.</summary>
internal sealed class StartupException(string message, Exception? cause) : Exception(message, cause);
