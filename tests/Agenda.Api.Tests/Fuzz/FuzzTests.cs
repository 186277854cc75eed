using System.Globalization;

namespace Agenda.Api.Tests.Fuzz;

public sealed class FuzzTests(KeyedApiHost host) : FuzzTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class FuzzTestsOnPostgres(KeyedPostgresApiHost host) : FuzzTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>
/// Thousands of hostile requests over every operation of the OpenAPI document, on both stores: none may end in a 5xx,
/// a dropped connection, or a status its operation does not declare. The run is seeded (AGENDA_FUZZ_SEED) and its
/// size configurable (AGENDA_FUZZ_REQUESTS, default 10,000); a failure lists the requests that caused it, and
/// AGENDA_FUZZ_REPORT names a file to which every failing request is appended.
/// </summary>
public abstract class FuzzTestsBase(KeyedApiHost host)
{
    private const int DefaultRequests = 10_000;
    private const int RequestsPerTargetSet = 1_000;
    private const int Workers = 4;

    [Fact]
    public async Task No_request_ends_in_a_server_error_or_an_undeclared_status()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("AGENDA_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261125;
        var total = int.TryParse(Environment.GetEnvironmentVariable("AGENDA_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultRequests;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var sent = 0;

        // The host starts on first use; start it before the workers share it.
        using var warmUp = host.CreateCheckedClient();

        // Each worker has its own seeded sequence; fresh targets every batch, since the fuzz deletes and revokes things.
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed + worker);
            using var http = host.CreateCheckedClient();
            for (var batch = 0; batch * RequestsPerTargetSet * Workers < total; batch++)
            {
                var fuzzer = new RequestFuzzer(random, await FuzzTargetsFactory.CreateAsync(host));
                for (var i = 0; i < RequestsPerTargetSet && Interlocked.Increment(ref sent) <= total; i++)
                {
                    using var request = fuzzer.Next();
                    var described = await RequestFuzzer.DescribeAsync(request);
                    try
                    {
                        using var response = await http.SendAsync(request);
                        statuses.AddOrUpdate($"{request.Method} {(int)response.StatusCode}", 1, (_, count) => count + 1);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{(int)response.StatusCode} for {described}: {System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or UndeclaredStatusException or TaskCanceledException)
                    {
                        failures.Add($"{e.GetType().Name} for {described}: {e.Message}");
                    }
                }
            }
        })));

        if (Environment.GetEnvironmentVariable("AGENDA_FUZZ_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllLinesAsync(report, [.. failures, .. statuses.OrderBy(s => s.Key).Select(s => $"answers: {s.Key} x{s.Value}")]);
        }

        Assert.True(failures.IsEmpty, $"Seed {seed}: {failures.Count} of {total} requests failed, for example:\n{string.Join("\n", failures.Take(15))}");
    }
}
