using System.Threading.RateLimiting;
using Agenda.Api.Platform.Access;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Agenda.Api.Platform.Limits;

/// <summary>
/// Limits that keep one client from exhausting the service, each with a clear answer:
/// <list type="bullet">
/// <item><c>Limits:MaxRequestBodyBytes</c> (default 131,072): a larger body is a 413 before it is read to the end, so
/// nothing unbounded is parsed (the largest valid body, 500 date-range rules, is about 50 KB).</item>
/// <item><c>Limits:RateLimit:PerClientPerMinute</c> (default 600) for requests without a key, per client address, and
/// <c>Limits:RateLimit:PerKeyPerMinute</c> (default 1,200) per bearer key or token: a token bucket holding a minute's
/// worth, refilled every second. Past it, a 429 with Retry-After. <c>Limits:RateLimit:Enabled</c> (default true)
/// turns it off, for a node behind a gateway that limits already. Health and metrics endpoints are not limited.</item>
/// </list>
/// </summary>
internal static class RequestLimits
{
    public const string RateLimitName = "rate_limit";
    public const string BodySizeName = "body_size";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new PageLimits(Positive(configuration, "Limits:MaxUpcomingPerPage", PageLimits.DefaultMaxUpcomingPerPage)));
        var maxBody = configuration.GetValue<long>("Limits:MaxRequestBodyBytes", 128 * 1024);
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = maxBody);

        if (!configuration.GetValue("Limits:RateLimit:Enabled", true))
        {
            return services;
        }

        var perClient = Positive(configuration, "Limits:RateLimit:PerClientPerMinute", 600);
        var perKey = Positive(configuration, "Limits:RateLimit:PerKeyPerMinute", 1200);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, perClient, perKey));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, IConfiguration configuration) =>
        configuration.GetValue("Limits:RateLimit:Enabled", true) ? app.UseRateLimiter() : app;

    private static RateLimitPartition<string> Partition(HttpContext context, int perClient, int perKey)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics"))
        {
            return RateLimitPartition.GetNoLimiter("operations");
        }

        // A key's hash, never the key, names its partition; without one, the client's address does.
        var bearer = Secrets.Presented(context.Request);
        var (partition, perMinute) = bearer is { Length: > 0 }
            ? ("key:" + Secrets.Hash(bearer), perKey)
            : ("client:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), perClient);
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        await LimitRefusal.WriteAsync(
            http,
            RateLimitName,
            StatusCodes.Status429TooManyRequests,
            seconds,
            "Too many requests",
            $"This client has sent more requests than the service accepts per minute. Retry in {seconds} seconds; nothing was changed.");
    }

    private static int Positive(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration.GetValue(key, fallback);
        return value > 0 ? value : throw new InvalidOperationException($"{key} must be a positive number of requests; it is {value}.");
    }
}
