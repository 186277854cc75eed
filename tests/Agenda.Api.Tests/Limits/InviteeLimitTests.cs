using System.Net.Http.Json;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.Limits;

/// <summary>A host where one invitee may hold two active bookings with an owner.</summary>
public class SmallInviteeLimitHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Limits:MaxActiveBookingsPerInvitee"] = "2",
    };
}

public sealed class SmallInviteeLimitPostgresHost : SmallInviteeLimitHost
{
    protected override bool OnPostgres => true;
}

public sealed class InviteeLimitTests(SmallInviteeLimitHost host) : InviteeLimitTestsBase(host), IClassFixture<SmallInviteeLimitHost>;

public sealed class InviteeLimitTestsOnPostgres(SmallInviteeLimitPostgresHost host) : InviteeLimitTestsBase(host), IClassFixture<SmallInviteeLimitPostgresHost>;

/// <summary>An invitee's active, not yet ended bookings with one owner are capped; past the cap a booking is a 409 <c>invitee_limit_reached</c>.</summary>
public abstract class InviteeLimitTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task An_invitee_past_the_allowance_is_refused_whatever_the_case_of_their_email_and_others_still_book()
    {
        var owner = await OwnerWithIntro();
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:00:00Z", "Ben", "ben@example.com"), 201);
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:30:00Z", "Benjamin", "Ben@Example.com"), 201);

        using var third = await api.BookV1(owner, "intro", "2027-03-01T10:00:00Z", "Ben", "BEN@EXAMPLE.COM");

        Assert.Equal("invitee_limit_reached", (await Expect.Problem(third, 409))["reason"]!.GetValue<string>());
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T10:00:00Z", "Cy", "cy@example.com"), 201);
    }

    [Fact]
    public async Task Without_an_email_the_documented_route_knows_the_invitee_by_name()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "17:00"));
        await Expect.Status(await api.Book(owner, "ana", "2027-03-01T09:00", "2027-03-01T10:00"), 201);
        await Expect.Status(await api.Book(owner, "ana", "2027-03-01T10:00", "2027-03-01T11:00"), 201);

        using var third = await api.Book(owner, "ana", "2027-03-01T11:00", "2027-03-01T12:00");

        Assert.Equal("invitee_limit_reached", (await Expect.Problem(third, 409))["reason"]!.GetValue<string>());
        Assert.Equal(2, (await api.Upcoming(owner)).Count);
        await Expect.Status(await api.Book(owner, "bea", "2027-03-01T11:00", "2027-03-01T12:00"), 201);
    }

    [Fact]
    public async Task Cancelling_a_booking_gives_the_invitee_room_for_another()
    {
        var owner = await OwnerWithIntro();
        var first = await Expect.Json(await api.BookV1(owner, "intro", "2027-03-01T09:00:00Z"), 201);
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:30:00Z"), 201);
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/v1/bookings/{first["id"]!.GetValue<string>()}/cancel")
        {
            Headers = { Authorization = new("Bearer", first["management_token"]!.GetValue<string>()) },
            Content = JsonContent.Create(new { reason = "changed plans" }),
        };
        await Expect.Status(await api.Http.SendAsync(cancel), 200);

        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T10:00:00Z"), 201);
    }

    [Fact]
    public async Task A_booking_that_has_ended_no_longer_counts()
    {
        var owner = NewOwner();
        var today = host.Clock.GetUtcNow().UtcDateTime.Date;
        string Day(int plus) => today.AddDays(plus).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await api.SetAvailabilityOk(owner, Rule(Day(1), Day(3), "09:00", "12:00"));
        await Expect.Status(await api.Book(owner, "dan", $"{Day(1)}T09:00", $"{Day(1)}T10:00"), 201);
        await Expect.Status(await api.Book(owner, "dan", $"{Day(2)}T09:00", $"{Day(2)}T10:00"), 201);
        using (var refused = await api.Book(owner, "dan", $"{Day(3)}T09:00", $"{Day(3)}T10:00"))
        {
            await Expect.Problem(refused, 409);
        }

        host.Clock.SetUtcNow(new DateTimeOffset(today.AddDays(1).AddHours(10), TimeSpan.Zero));

        await Expect.Status(await api.Book(owner, "dan", $"{Day(3)}T09:00", $"{Day(3)}T10:00"), 201);
    }

    private async Task<string> OwnerWithIntro()
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        return owner;
    }
}
