using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Agenda.Testing;

/// <summary>
/// Declared versus observed: every answer a test sees must have a status that docs/openapi.json declares for its
/// operation. A middleware at the very front of the pipeline notes the endpoint that handled the request (even when
/// the exception handler clears it afterwards, as it does for a 503 or an unreadable body) and, as the answer starts,
/// marks an undeclared status with a header; the test's HttpClient throws on that header. Requests without an
/// operation (unknown paths, 405, health, the document itself) are not checked.
/// </summary>
public static class DeclaredStatuses
{
    private const string ViolationHeader = "X-Agenda-Undeclared-Status";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<int>>> Declared = new(Load);

    private static readonly string? ObservedFile = Environment.GetEnvironmentVariable("AGENDA_OBSERVED_STATUSES") is { Length: > 0 } file ? file : null;

    private static readonly Lock ObservedFileLock = new();

    /// <summary>
    /// Every (operationId, status) that a test has seen, across the run, with how often. With
    /// AGENDA_OBSERVED_STATUSES=file, each new pair rewrites that file, one "operationId status" a line.
    /// </summary>
    public static ConcurrentDictionary<(string OperationId, int Status), int> Observed { get; } = new();

    /// <summary>Why the status is not declared, or null when it is (or the request has no documented operation).</summary>
    public static string? Check(Endpoint? endpoint, int status, string method, string path)
    {
        if (endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is not { } operationId)
        {
            return null;
        }

        if (!Declared.Value.TryGetValue(operationId, out var statuses) || statuses.Contains(status))
        {
            return null;
        }

        return $"{method} {path} answered {status}, which operation {operationId} does not declare in docs/openapi.json " +
            $"(it declares {string.Join(", ", statuses.Order())}). Declare the status next to the route (ProducesProblem...), " +
            "or fix the route if the status is wrong.";
    }

    /// <summary>Notes that a test saw <paramref name="status"/> from the endpoint's operation.</summary>
    public static void Record(Endpoint? endpoint, int status)
    {
        if (endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is not { } operationId)
        {
            return;
        }

        if (Observed.TryAdd((operationId, status), 1))
        {
            WriteObserved();
        }
        else
        {
            Observed.AddOrUpdate((operationId, status), 1, (_, count) => count + 1);
        }
    }

    private static void WriteObserved()
    {
        if (ObservedFile is null)
        {
            return;
        }

        lock (ObservedFileLock)
        {
            File.WriteAllLines(ObservedFile, Observed.Keys.Order().Select(o => $"{o.OperationId} {o.Status}"));
        }
    }

    private static IReadOnlyDictionary<string, IReadOnlySet<int>> Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("docs", "openapi.json")))!;
        var declared = new Dictionary<string, IReadOnlySet<int>>();
        foreach (var (_, pathItem) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in pathItem!.AsObject())
            {
                if (operation?["operationId"]?.GetValue<string>() is { } id)
                {
                    declared[id] = operation["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                }
            }
        }

        return declared;
    }

    /// <summary>Puts the checking middleware in front of the whole pipeline, exception handler included.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var endpoint = new RememberedEndpoint(context.Features.Get<IEndpointFeature>());
                context.Features.Set<IEndpointFeature>(endpoint);
                context.Response.OnStarting(() =>
                {
                    Record(endpoint.Last, context.Response.StatusCode);
                    if (Check(endpoint.Last, context.Response.StatusCode, context.Request.Method, context.Request.Path) is { } violation)
                    {
                        context.Response.Headers[ViolationHeader] = violation;
                    }

                    return Task.CompletedTask;
                });
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>The test client's side: an answer marked as undeclared fails the request, and so the test.</summary>
    public sealed class ClientCheck : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues(ViolationHeader, out var violations))
            {
                throw new UndeclaredStatusException(string.Join(" ", violations));
            }

            return response;
        }
    }

    /// <summary>The endpoint feature, remembering the last endpoint routing chose after someone clears it.</summary>
    private sealed class RememberedEndpoint(IEndpointFeature? inner) : IEndpointFeature
    {
        private Endpoint? own;

        public Endpoint? Last { get; private set; }

        public Endpoint? Endpoint
        {
            get => inner is null ? own : inner.Endpoint;
            set
            {
                if (inner is null)
                {
                    own = value;
                }
                else
                {
                    inner.Endpoint = value;
                }

                Last = value ?? Last;
            }
        }
    }
}

public sealed class UndeclaredStatusException(string message) : Exception(message);
