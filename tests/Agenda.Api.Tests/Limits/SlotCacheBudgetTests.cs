using Agenda.Api.Slots;
using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Api.Tests.Limits;

/// <summary>A host whose slot cache may hold 20,000 bytes: a handful of full days of quarter-hour slots.</summary>
public sealed class SmallCacheApiHost : ApiHost
{
    public const long Budget = 20_000;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["SlotCache:MaxBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The slot cache stays within its byte budget however wide the searches, and answers stay whole.</summary>
public sealed class SlotCacheBudgetTests(SmallCacheApiHost host) : IClassFixture<SmallCacheApiHost>
{
    [Fact]
    public async Task Wide_searches_of_many_owners_keep_the_cache_within_its_budget_and_answer_every_slot()
    {
        var api = host.Api();
        var allDay = new[] { new { start = "00:00", end = "24:00" } };
        for (var i = 0; i < 3; i++)
        {
            var owner = await api.CreateOwner("Europe/Berlin");
            await api.PutWeeklyHours(owner, new { monday = allDay, tuesday = allDay, wednesday = allDay, thursday = allDay, friday = allDay, saturday = allDay, sunday = allDay });
            await api.CreateMeetingType(owner, new { slug = "quarter", title = "Quarter", duration_minutes = 15 });

            for (var pass = 0; pass < 2; pass++)
            {
                // 62 days of 96 quarter hours, from a date the fake clock (2024-11-25) has not reached.
                var starts = await api.SlotStartsV1(owner, "quarter", "2025-01-06", "2025-03-08");
                Assert.Equal(62 * 96, starts.Count);
            }
        }

        var cache = host.Services.GetRequiredService<SlotCache>();
        // At least one full day is kept, counted at its slots' size, and never more than the budget.
        Assert.InRange(cache.EstimatedBytes, 96 * 32, SmallCacheApiHost.Budget);
    }
}
