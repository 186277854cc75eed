using System.Globalization;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Audit;

/// <summary>The audit log over /v1: an owner's entries (owner's key), everyone's (administrator key).</summary>
internal static class AuditApi
{
    private const string Description =
        "Newest first: each change an owner or the administrator asked for (a /v1 write with a key, or a console form): when (occurred_at), who (actor: administrator, owner:<id> or account:<id>), whose data (owner_id), what (action: the method and route, or the console page and its handler), about what (target: the route's ids), how it ended (status) and from where (address). Never a request's body, query or headers. limit: 1 to 200 (default 50); cursor: the next_cursor of the previous page. Entries are kept Audit:RetentionDays (default 365).";

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/owners/{ownerId}/audit", ListForOwnerAsync).WithTags("Audit").WithName("ListOwnerAudit").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What was changed in the owner's data, by whom, when and from where (owner's key)").WithDescription(Description);
        routes.MapGet("/v1/audit", ListAsync).WithTags("Audit").WithName("ListAudit").RequireAdminKey()
            .ProducesDatabaseUnavailable().ProducesValidationProblem()
            .WithSummary("Every owner's and the administrator's changes (administrator key)").WithDescription(Description);
        return routes;
    }

    public static async Task<Results<Ok<AuditPageResponse>, ValidationProblem, ProblemHttpResult>> ListForOwnerAsync(
        string ownerId, [Microsoft.AspNetCore.Mvc.FromQuery] int? limit, [Microsoft.AspNetCore.Mvc.FromQuery] string? cursor, IOwnerStore owners, AuditLog log,
        CancellationToken cancellationToken)
    {
        if (await owners.FindOwnerAsync(ownerId, cancellationToken) is null)
        {
            return ApiProblems.UnknownOwner(ownerId);
        }

        return (await log.PageAsync(ownerId, limit ?? 50, cursor, cancellationToken)).Answer(TypedResults.Ok);
    }

    public static async Task<Results<Ok<AuditPageResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery] int? limit, [Microsoft.AspNetCore.Mvc.FromQuery] string? cursor, AuditLog log, CancellationToken cancellationToken) =>
        (await log.PageAsync(null, limit ?? 50, cursor, cancellationToken)).Answer(TypedResults.Ok);

}

/// <summary>The audit log, a page at a time, for the API and the console: an owner's entries, or everyone's.</summary>
internal sealed class AuditLog(IAuditStore store)
{
    public async Task<Outcome<AuditPageResponse>> PageAsync(string? ownerId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var size = errors.Number("limit", limit, 1, 200, required: false) ?? 50;
        var after = cursor is null ? null : ReadCursor(cursor);
        if (cursor is not null && after is null)
        {
            errors.Add("cursor", "NextCursor", "cursor");
        }

        if (errors.Any)
        {
            return errors;
        }

        var entries = await store.ListAsync(ownerId, after, size + 1, cancellationToken);
        var page = entries.Take(size).ToList();
        return new AuditPageResponse(
            [.. page.Select(AuditEntryResponse.From)],
            entries.Count > size ? $"{page[^1].OccurredAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}_{page[^1].Id}" : null);
    }

    private static AuditCursor? ReadCursor(string cursor) =>
        cursor.Split('_', 2) is [var seconds, var id] && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && id.Length is > 0 and <= 64
            ? new AuditCursor(Instant.FromUnixTimeSeconds(at), id)
            : null;
}

internal sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Entries, string? NextCursor);

internal sealed record AuditEntryResponse(string Id, string OccurredAt, string Actor, string? OwnerId, string Action, string? Target, int Status, string? Address)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.Id, WireFormat.FormatUtc(e.OccurredAt), e.Actor, e.OwnerId, e.Action, e.Target, e.Status, e.Address);
}

/// <summary>Deletes audit entries older than <c>Audit:RetentionDays</c> (1 to 3650, default 365), once an hour on each node.</summary>
internal sealed class AuditSweep(IAuditStore store, AuditOptions options, TimeProvider time, ILogger<AuditSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await store.TrimAsync(time.GetCurrentInstant() - options.Retention, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Deleting old audit entries failed; it runs again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

internal sealed record AuditOptions(Duration Retention)
{
    public static AuditOptions From(IConfiguration configuration)
    {
        var days = configuration.GetValue("Audit:RetentionDays", 365);
        if (days is < 1 or > 3650)
        {
            throw new StartupException($"Audit:RetentionDays must be 1 to 3650 days; it is {days}", null);
        }

        return new AuditOptions(Duration.FromDays(days));
    }
}

internal static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AuditOptions.From(configuration));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService<AuditSweep>();
        return services;
    }

    /// <summary>Writes an audit entry for each change an owner or the administrator asks for; placed after the console's authentication.</summary>
    public static WebApplication UseAuditTrail(this WebApplication app)
    {
        var trail = app.Services.GetRequiredService<AuditTrail>();
        app.Use(next => http => trail.InvokeAsync(http, next));
        return app;
    }
}
