using Agenda.Api.Availability;
using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Api.Tests.Availability;

/// <summary>A range of dates given one override in one call of the use case, as the console's overrides page makes it.</summary>
public sealed class OverrideRangeTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly ApiClient api = host.Api();

    private OwnerAvailability Availability => host.Services.GetRequiredService<OwnerAvailability>();

    [Fact]
    public async Task Every_date_of_the_range_gets_the_override_and_removing_the_range_removes_them_all()
    {
        var owner = await api.CreateOwner();

        var saved = Assert.IsType<OverrideWrite.Saved>(await Availability.PutOverridesAsync(owner, "2027-12-24", "2027-12-31", new DateOverrideBody(true, null), CancellationToken.None));

        Assert.Equal(8, saved.Dates.Length);
        Assert.Equal(8, (await Availability.GetOverridesAsync(owner, CancellationToken.None))!.Count);
        Assert.Equal(new OverrideWrite.Deleted(8), await Availability.DeleteOverridesAsync(owner, "2027-12-24", "2027-12-31", CancellationToken.None));
    }

    [Theory]
    [InlineData("2027-03-02", "2027-03-01")]
    [InlineData("2027-01-01", "2028-01-02")]
    public async Task A_range_that_runs_backwards_or_covers_more_than_366_days_writes_nothing_and_names_its_end(string from, string to)
    {
        var owner = await api.CreateOwner();

        var refused = Assert.IsType<OverrideWrite.Invalid>(await Availability.PutOverridesAsync(owner, from, to, new DateOverrideBody(true, null), CancellationToken.None));

        Assert.Equal(["to"], refused.Errors.ToDictionary().Keys);
        Assert.Empty((await Availability.GetOverridesAsync(owner, CancellationToken.None))!);
    }

    [Fact]
    public async Task A_year_with_its_leap_day_is_one_range()
    {
        var owner = await api.CreateOwner();

        Assert.IsType<OverrideWrite.Saved>(await Availability.PutOverridesAsync(owner, "2028-01-01", "2028-12-31", new DateOverrideBody(true, null), CancellationToken.None));
    }
}
