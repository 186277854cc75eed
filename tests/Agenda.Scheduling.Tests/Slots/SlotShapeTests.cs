using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Slots;

public sealed class SlotShapeTests
{
    [Fact]
    public void Constructor_NonPositiveLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlotShape(Duration.Zero, Duration.FromHours(1)));

    [Fact]
    public void Constructor_NonPositiveStep_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlotShape(Duration.FromHours(1), Duration.FromMinutes(-5)));

    [Fact]
    public void OneHour_IsOneHourLongAndOneHourApart() =>
        Assert.Equal(new SlotShape(Duration.FromHours(1), Duration.FromHours(1)), SlotShape.OneHour);
}
