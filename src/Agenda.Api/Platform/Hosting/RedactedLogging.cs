using Agenda.Api.Platform.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agenda.Api.Platform.Hosting;

/// <summary>
/// No secret reaches a log, whatever the levels and providers are configured to: every logger the service's
/// <see cref="ILoggerFactory"/> creates (ASP.NET Core's hosting, routing and Kestrel lines included) passes each
/// message, its structured values, its scopes and its exception through a <see cref="SecretRedactor"/> before any
/// provider sees them. Filters and provider settings (<c>Logging:Console:…</c>) apply as before, since the
/// framework's own factory still chooses the providers.
/// </summary>
internal static class RedactedLogging
{
    public static ILoggingBuilder RedactSecrets(this ILoggingBuilder logging)
    {
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services => new RedactingLoggerFactory(
            new LoggerFactory(
                services.GetServices<ILoggerProvider>(),
                services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                services.GetService<IOptions<LoggerFactoryOptions>>(),
                services.GetService<IExternalScopeProvider>()),
            new SecretRedactor(services.GetRequiredService<IConfiguration>()["Auth:AdminKey"]))));
        return logging;
    }

    /// <summary>A logger factory for a service that could not build its own, with the same redaction.</summary>
    public static ILoggerFactory Standalone(IConfiguration configuration, Action<ILoggingBuilder> configure) =>
        new RedactingLoggerFactory(LoggerFactory.Create(configure), new SecretRedactor(configuration["Auth:AdminKey"]));
}

internal sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor redactor) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

internal sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        RedactedLogValues.From(state, state.ToString(), redactor) is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var redactedException = exception is null ? null : RedactedException.From(exception, redactor);
        if (RedactedLogValues.From(state, formatter(state, exception), redactor) is { } redacted)
        {
            inner.Log(logLevel, eventId, redacted, redactedException ?? exception, static (values, _) => values.ToString());
        }
        else
        {
            inner.Log(logLevel, eventId, state, redactedException ?? exception, formatter);
        }
    }
}

/// <summary>A message and its structured values with secrets redacted; values without a secret keep their type.</summary>
internal sealed class RedactedLogValues(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    /// <returns>The redacted state, or null when neither the message nor any value holds a secret.</returns>
    public static RedactedLogValues? From<TState>(TState state, string? message, SecretRedactor redactor)
    {
        var found = redactor.TryRedact(message, out var redactedMessage);
        var redactedValues = new List<KeyValuePair<string, object?>>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                if (value is not null && redactor.TryRedact(value as string ?? value.ToString(), out var redactedValue))
                {
                    found = true;
                    redactedValues.Add(new(key, redactedValue));
                }
                else
                {
                    redactedValues.Add(new(key, value));
                }
            }
        }

        return found ? new RedactedLogValues(message is null ? "" : redactedMessage, redactedValues) : null;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;
}

/// <summary>Stands in for an exception whose text holds a secret: the same type name, message and stack, redacted.</summary>
internal sealed class RedactedException : Exception
{
    private readonly string text;

    private RedactedException(string message, string text)
        : base(message) => this.text = text;

    public static RedactedException? From(Exception exception, SecretRedactor redactor) =>
        redactor.TryRedact(exception.ToString(), out var text) ? new RedactedException(redactor.Redact(exception.Message), text) : null;

    public override string ToString() => text;
}
