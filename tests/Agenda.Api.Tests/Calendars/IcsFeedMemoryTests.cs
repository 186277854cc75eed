using Agenda.Api.Calendars.Sources;

namespace Agenda.Api.Tests.Calendars;

/// <summary>
/// Tests that count the process's allocations, which every test running meanwhile would add to: their collection runs
/// alone, after the tests that run side by side.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuredCollection
{
    public const string Name = "Allocations measured";
}

/// <summary>A feed's body past the limit is refused while it is read, never held whole in memory.</summary>
[Collection(AllocationMeasuredCollection.Name)]
public sealed class IcsFeedMemoryTests(IcsFeedClientTests.FeedServer server) : IClassFixture<IcsFeedClientTests.FeedServer>
{
    [Fact]
    public async Task A_huge_body_is_too_large_and_is_never_held_in_memory()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await IcsFeedClientTests.FailAsync(IcsFeedClientTests.Client(allowPrivate: true), server.Public($"/huge/{IcsFeedClientTests.Secret}"));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(CalendarSourceFailure.TooLarge, error.Kind);
        Assert.True(allocated < 16 * 1024 * 1024, $"Reading allocated {allocated / (1024 * 1024)} MB of a 50 MB answer limited to 1 MB.");
    }
}
