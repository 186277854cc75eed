using System.Net;
using System.Text;

namespace Agenda.Api.Tests.Limits;

/// <summary>A host with small limits, so that they can be reached in a test.</summary>
public sealed class LimitedApiHost : KeyedApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Limits:RateLimit:Enabled"] = "true",
        ["Limits:RateLimit:PerClientPerMinute"] = "5",
        ["Limits:RateLimit:PerKeyPerMinute"] = "8",
        ["Limits:MaxRequestBodyBytes"] = "2048",
    };
}

/// <summary>Rate limits per client address and per key answer 429 with Retry-After; a large body is a 413 and changes nothing.</summary>
public sealed class RequestLimitsTests(LimitedApiHost host) : IClassFixture<LimitedApiHost>
{
    [Fact]
    public async Task A_client_without_a_key_past_its_limit_gets_429_with_retry_after_and_health_stays_open()
    {
        var anonymous = host.Anonymous();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await anonymous.Get($"/v1/owners/nobody-{i}"));
        }

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.TooManyRequests), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        var problem = await Expect.Problem(limited[0], 429);
        Assert.True(limited[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("Retry in", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var health = await anonymous.Get("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Each_key_has_its_own_allowance()
    {
        var first = await host.Api().CreateOwner();
        var second = await host.Api().CreateOwner();
        var firstKey = (await ApiClient.Expecting(host.Api().Post($"/v1/owners/{first}/keys", new { }), 201))["key"]!.GetValue<string>();
        var secondKey = (await ApiClient.Expecting(host.Api().Post($"/v1/owners/{second}/keys", new { }), 201))["key"]!.GetValue<string>();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await host.WithKey(firstKey).Get($"/v1/owners/{first}/weekly-hours");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        using var other = await host.WithKey(secondKey).Get($"/v1/owners/{second}/weekly-hours");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_and_changes_nothing()
    {
        var owner = ApiClient.NewOwner();
        var rules = string.Join(",", Enumerable.Repeat("""{"start_date":"2027-03-01","end_date":"2027-03-01","start_time":"09:00","end_time":"10:00"}""", 40));
        using var content = new StringContent($$"""{"availability_rules":[{{rules}}]}""", Encoding.UTF8, "application/json");

        using var response = await host.Api().Http.PostAsync($"/api/calendar/set_availability/{owner}", content);

        await Expect.Problem(response, 413);
        using var search = await host.Api().SearchSlots(owner, "2027-03-01");
        Assert.Equal(HttpStatusCode.NotFound, search.StatusCode);
    }
}
