using Agenda.Scheduling.Availability;
using Agenda.Scheduling.MeetingTypes;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

/// <summary>Owners, availability and meeting types round-trip through the store, and every change raises the schedule version.</summary>
public sealed class AvailabilityStoreOnSqliteTests() : AvailabilityStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class AvailabilityStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : AvailabilityStoreTests(new PostgresStoreHost(server));

public abstract class AvailabilityStoreTests : IAsyncLifetime
{
    private static readonly LocalDate Day = Date(2027, 3, 1);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly IStoreHost file;
    private readonly Stores stores;

    protected AvailabilityStoreTests(IStoreHost host)
    {
        file = host;
        stores = file.NewStores();
    }

    public async Task InitializeAsync() =>
        Assert.True(await stores.Owners.CreateOwnerAsync("ana", "Ana", DateTimeZoneProviders.Tzdb["Europe/Berlin"], Now, None));

    public Task DisposeAsync()
    {
        file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_owner_keeps_its_name_and_zone_and_an_id_is_taken_once()
    {
        var owner = await stores.Owners.FindOwnerAsync("ana", None);

        Assert.Equal("Ana", owner!.DisplayName);
        Assert.Equal("Europe/Berlin", owner.Zone.Id);
        Assert.False(await stores.Owners.CreateOwnerAsync("ana", "Other", DateTimeZone.Utc, Now, None));
    }

    [Fact]
    public async Task Weekly_hours_round_trip_and_are_replaced_whole()
    {
        var hours = new WeeklyHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>>
        {
            [IsoDayOfWeek.Monday] = [new(new LocalTime(9, 0), new LocalTime(12, 0)), new(new LocalTime(13, 0), LocalTime.Midnight)],
            [IsoDayOfWeek.Friday] = [new(new LocalTime(10, 0), new LocalTime(11, 0))],
        });

        await stores.Availability.ReplaceWeeklyHoursAsync("ana", hours, None);
        Assert.Equal(hours, await stores.Availability.GetWeeklyHoursAsync("ana", None));

        await stores.Availability.ReplaceWeeklyHoursAsync("ana", WeeklyHours.None, None);
        Assert.True((await stores.Availability.GetWeeklyHoursAsync("ana", None))!.IsEmpty);
    }

    [Fact]
    public async Task Overrides_round_trip_and_a_schedule_read_gets_only_those_on_its_dates()
    {
        var off = DateOverride.Unavailable(Day);
        var evening = new DateOverride(Day.PlusDays(3), [new(new LocalTime(18, 0), new LocalTime(20, 0))]);
        await stores.Availability.PutOverridesAsync("ana", [off], None);
        await stores.Availability.PutOverridesAsync("ana", [evening], None);

        Assert.Equal([off, evening], await stores.Availability.GetOverridesAsync("ana", None));
        var read = await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day.PlusDays(1), Day.PlusDays(3)), Now, None);
        Assert.Equal([evening], read!.Schedule.Plan.Overrides);
    }

    [Fact]
    public async Task Putting_an_override_again_replaces_its_hours_and_deleting_removes_them()
    {
        await stores.Availability.PutOverridesAsync("ana", [new DateOverride(Day, [new(new LocalTime(18, 0), new LocalTime(20, 0))])], None);
        await stores.Availability.PutOverridesAsync("ana", [DateOverride.Unavailable(Day)], None);

        Assert.Equal([DateOverride.Unavailable(Day)], await stores.Availability.GetOverridesAsync("ana", None));
        Assert.Equal(1, await stores.Availability.DeleteOverridesAsync("ana", new DateInterval(Day, Day), None));
        Assert.Equal(0, await stores.Availability.DeleteOverridesAsync("ana", new DateInterval(Day, Day), None));
        Assert.Empty((await stores.Availability.GetOverridesAsync("ana", None))!);
    }

    [Fact]
    public async Task A_range_of_overrides_is_written_whole_replacing_dates_it_covers_and_removed_whole()
    {
        await stores.Availability.PutOverridesAsync("ana", [new DateOverride(Day.PlusDays(2), [new(new LocalTime(18, 0), new LocalTime(20, 0))])], None);
        var week = new DateInterval(Day, Day.PlusDays(6));

        var written = await stores.Availability.PutOverridesAsync("ana", [.. week.Select(DateOverride.Unavailable)], None);

        // The date that had an override is replaced, not added.
        Assert.Equal(new OwnerWrite.Written(6), written);
        Assert.Equal([.. week.Select(DateOverride.Unavailable)], await stores.Availability.GetOverridesAsync("ana", None));
        Assert.Equal(7, await stores.Availability.DeleteOverridesAsync("ana", week, None));
        Assert.Empty((await stores.Availability.GetOverridesAsync("ana", None))!);
    }

    [Fact]
    public async Task A_range_of_overrides_past_the_cap_writes_none_of_its_dates()
    {
        var capped = file.NewStores(new OwnerLimits(1000, 50, 20, maxOverrides: 5, 10));
        await capped.Availability.PutOverridesAsync("ana", [DateOverride.Unavailable(Day)], None);

        var refused = await capped.Availability.PutOverridesAsync("ana", [.. new DateInterval(Day, Day.PlusDays(6)).Select(DateOverride.Unavailable)], None);

        Assert.IsType<OwnerWrite.LimitReached>(refused);
        Assert.Equal([DateOverride.Unavailable(Day)], await capped.Availability.GetOverridesAsync("ana", None));
    }

    [Fact]
    public async Task Meeting_types_round_trip_with_every_rule()
    {
        var intro = new StoredMeetingType("intro", "Intro call", new MeetingType(
            Duration.FromMinutes(30), Duration.FromMinutes(15), Duration.FromMinutes(5), Duration.FromMinutes(10),
            Duration.FromMinutes(120), Duration.FromDays(60), 4));

        Assert.IsType<OwnerWrite.Written>(await stores.MeetingTypes.CreateMeetingTypeAsync("ana", intro, Now, None));
        Assert.IsType<OwnerWrite.AlreadyExists>(await stores.MeetingTypes.CreateMeetingTypeAsync("ana", intro, Now, None));
        Assert.Equal(intro, (await stores.MeetingTypes.FindMeetingTypeAsync("ana", "intro", None)).MeetingType);

        var detailed = intro with
        {
            Slug = "detailed",
            Details = new MeetingTypeDetails
            {
                Description = "**Bring** notes",
                Locations = [new MeetingLocation(LocationKind.Video, "https://meet.example.org/{room}"), new MeetingLocation(LocationKind.InPerson, "Main St 1", "Office")],
                Questions = [new BookingQuestion("size", "Team size", QuestionKind.MultipleChoice, Required: true, Options: ["1-10", "11+"], MaxLength: 1), new BookingQuestion("seats", "Seats", QuestionKind.Number, Minimum: 1.5m, Maximum: 10)],
                DurationOptions = [15, 30, 60],
                Private = true,
                RedirectUrl = "https://example.com/thanks",
                CancelNoticeMinutes = 1440,
                CancelReasonRequired = true,
            },
        };
        Assert.IsType<OwnerWrite.Written>(await stores.MeetingTypes.CreateMeetingTypeAsync("ana", detailed, Now, None));
        Assert.Equal(detailed, (await stores.MeetingTypes.FindMeetingTypeAsync("ana", "detailed", None)).MeetingType);
        Assert.True(await stores.MeetingTypes.DeleteMeetingTypeAsync("ana", "detailed", None));

        var longer = intro with { Rules = new MeetingType(Duration.FromMinutes(45)) };
        Assert.True(await stores.MeetingTypes.ReplaceMeetingTypeAsync("ana", longer, None));
        Assert.Equal([longer], await stores.MeetingTypes.ListMeetingTypesAsync("ana", None));
        Assert.True(await stores.MeetingTypes.DeleteMeetingTypeAsync("ana", "intro", None));
        Assert.Null((await stores.MeetingTypes.FindMeetingTypeAsync("ana", "intro", None)).MeetingType);
    }

    [Fact]
    public async Task Every_change_that_can_move_slots_raises_the_schedule_version()
    {
        var changes = new Func<Task>[]
        {
            () => stores.Availability.ReplaceWeeklyHoursAsync("ana", WeeklyHours.None, None),
            () => stores.Availability.ReplaceRulesAsync("ana", [Rule(Day, Day, 9, 12)], None),
            () => stores.Availability.PutOverridesAsync("ana", [DateOverride.Unavailable(Day)], None),
            () => stores.Availability.DeleteOverridesAsync("ana", new DateInterval(Day, Day), None),
            () => stores.MeetingTypes.CreateMeetingTypeAsync("ana", new StoredMeetingType("x", "X", MeetingType.Default), Now, None),
            () => stores.MeetingTypes.ReplaceMeetingTypeAsync("ana", new StoredMeetingType("x", "X", new MeetingType(Duration.FromMinutes(30))), None),
            () => stores.MeetingTypes.DeleteMeetingTypeAsync("ana", "x", None),
            () => stores.Owners.UpdateOwnerAsync("ana", "Ana", DateTimeZone.Utc, None),
        };

        foreach (var change in changes)
        {
            var before = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;
            await change();
            Assert.True((await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion > before);
        }
    }

    [Fact]
    public async Task Writes_for_an_unknown_owner_change_nothing()
    {
        Assert.False(await stores.Availability.ReplaceWeeklyHoursAsync("nobody", WeeklyHours.None, None));
        Assert.IsType<OwnerWrite.UnknownOwner>(await stores.Availability.ReplaceRulesAsync("nobody", [], None));
        Assert.IsType<OwnerWrite.UnknownOwner>(await stores.Availability.PutOverridesAsync("nobody", [DateOverride.Unavailable(Day)], None));
        Assert.Equal(0, await stores.Availability.DeleteOverridesAsync("nobody", new DateInterval(Day, Day), None));
        Assert.IsType<OwnerWrite.UnknownOwner>(await stores.MeetingTypes.CreateMeetingTypeAsync("nobody", new StoredMeetingType("x", "X", MeetingType.Default), Now, None));
        Assert.Null(await stores.Owners.UpdateOwnerAsync("nobody", null, DateTimeZone.Utc, None));
        Assert.Null(await stores.Owners.FindOwnerAsync("nobody", None));
    }
}
