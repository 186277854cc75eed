using Agenda.Client;
using Agenda.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Agenda.Client.Tests;

public sealed class GeneratedClientTests(KeyedApiHost host) : GeneratedClientTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class GeneratedClientTestsOnPostgres(KeyedPostgresApiHost host) : GeneratedClientTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>
/// The client Kiota generates from docs/openapi.json, against the running service with keys: the owner and invitee
/// flows work through it, and every refusal arrives as a typed problem (status, detail, reason). Dates are taken from
/// the host's fake clock, which some tests move forward, so each test looks ahead from "now" as it finds it.
/// </summary>
public abstract class GeneratedClientTestsBase(KeyedApiHost host)
{
    private const string Zone = "Europe/Berlin";

    [Fact]
    public async Task An_owner_publishes_hours_and_an_invitee_books_reads_and_cancels_with_the_management_token()
    {
        var (owner, client) = await NewOwnerAsync();
        await client.V1.Owners[owner].MeetingTypes.PostAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro call", DurationMinutes = 30 });
        var monday = NextMonday();
        var slots = await Public().V1.Owners[owner].MeetingTypes["intro"].Slots.GetAsync(request =>
        {
            request.QueryParameters.From = new Date(monday.Year, monday.Month, monday.Day);
            request.QueryParameters.To = new Date(monday.Year, monday.Month, monday.Day);
        });
        Assert.Equal(6, slots!.Slots!.Count);
        Assert.Equal(Zone, slots.TimeZone);

        var booking = await Public().V1.Owners[owner].MeetingTypes["intro"].Bookings.PostAsync(new CreateBookingRequest
        {
            Start = slots.Slots[0].Start,
            Invitee = new InviteeBody { Name = "Ben Okafor", Email = "ben@example.com" },
            Note = "About the offer",
        });
        Assert.Equal(BookingResponse_status.Active, booking!.Status);
        Assert.StartsWith("bkt_", booking.ManagementToken, StringComparison.Ordinal);

        var invitee = WithKey(booking.ManagementToken);
        var read = await invitee.V1.Bookings[booking.Id].GetAsync();
        Assert.Equal(slots.Slots[0].StartUtc, read!.StartUtc);
        Assert.Null(read.ManagementToken);

        var cancelled = await invitee.V1.Bookings[booking.Id].Cancel.PostAsync(new CancelBookingRequest { Reason = "Cannot make it" });
        Assert.Equal(BookingResponse_status.Cancelled, cancelled!.Status);
        Assert.Equal("invitee", cancelled.CancelledBy);
    }

    [Fact]
    public async Task The_owner_asks_why_a_booked_time_is_not_offered_and_reads_each_reason_typed()
    {
        var (owner, client) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro", DurationMinutes = 30 });
        var nine = At(NextMonday(), 9, 0);
        await BookAsync(owner, "intro", nine);

        var why = await client.V1.Owners[owner].MeetingTypes["intro"].Slots.Explain.GetAsync(request =>
            request.QueryParameters.Start = nine.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));

        Assert.False(why!.Offered);
        var reason = Assert.Single(why.Reasons!);
        Assert.Equal(("taken", "booking"), (reason.Code, reason.BlockedBy!.Kind));
    }

    [Fact]
    public async Task A_slot_booked_twice_is_refused_as_taken()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro", DurationMinutes = 30 });
        await BookAsync(owner, "intro", At(NextMonday(), 9, 0));

        await ExpectRefusal(BookingRefusalProblem_reason.Taken, () => BookAsync(owner, "intro", At(NextMonday(), 9, 0)));
    }

    [Fact]
    public async Task A_time_outside_the_hours_is_refused_as_outside_availability()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro", DurationMinutes = 30 });

        await ExpectRefusal(BookingRefusalProblem_reason.Outside_availability, () => BookAsync(owner, "intro", At(NextMonday(), 20, 0)));
    }

    [Fact]
    public async Task A_time_between_slot_starts_is_refused_as_not_on_slot_grid()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro", DurationMinutes = 30 });

        await ExpectRefusal(BookingRefusalProblem_reason.Not_on_slot_grid, () => BookAsync(owner, "intro", At(NextMonday(), 9, 10)));
    }

    [Fact]
    public async Task A_slot_that_has_passed_is_refused_as_in_the_past()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro", DurationMinutes = 30 });

        await ExpectRefusal(BookingRefusalProblem_reason.In_the_past, () => BookAsync(owner, "intro", At(NextMonday().AddDays(-28), 9, 0)));
    }

    [Fact]
    public async Task A_slot_inside_the_minimum_notice_is_refused_as_too_soon()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "notice", Title = "Notice", DurationMinutes = 30, MinimumNoticeMinutes = 60 * 24 * 60 });

        await ExpectRefusal(BookingRefusalProblem_reason.Too_soon, () => BookAsync(owner, "notice", At(NextMonday(), 9, 0)));
    }

    [Fact]
    public async Task A_slot_past_the_horizon_is_refused_as_beyond_horizon()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "soon", Title = "Soon", DurationMinutes = 30, HorizonDays = 7 });

        await ExpectRefusal(BookingRefusalProblem_reason.Beyond_horizon, () => BookAsync(owner, "soon", At(NextMonday().AddDays(21), 9, 0)));
    }

    [Fact]
    public async Task A_second_booking_on_a_capped_day_is_refused_as_daily_limit_reached()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "once", Title = "Once a day", DurationMinutes = 30, MaxPerDay = 1 });
        await BookAsync(owner, "once", At(NextMonday(), 9, 0));

        await ExpectRefusal(BookingRefusalProblem_reason.Daily_limit_reached, () => BookAsync(owner, "once", At(NextMonday(), 10, 0)));
    }

    [Fact]
    public async Task Cancelling_a_cancelled_booking_is_refused_as_already_cancelled()
    {
        var booking = await BookedAsync();
        var invitee = WithKey(booking.ManagementToken);
        await invitee.V1.Bookings[booking.Id].Cancel.PostAsync(new CancelBookingRequest());

        await ExpectRefusal(BookingRefusalProblem_reason.Already_cancelled, () => invitee.V1.Bookings[booking.Id].Cancel.PostAsync(new CancelBookingRequest()));
    }

    [Fact]
    public async Task Cancelling_a_meeting_that_has_begun_is_refused_as_already_begun()
    {
        var booking = await BookedAsync();
        host.Clock.SetUtcNow(booking.StartUtc!.Value.AddMinutes(5));

        await ExpectRefusal(BookingRefusalProblem_reason.Already_begun, () => WithKey(booking.ManagementToken).V1.Bookings[booking.Id].Cancel.PostAsync(new CancelBookingRequest()));
    }

    [Fact]
    public async Task No_key_is_a_typed_401()
    {
        var (owner, _) = await NewOwnerAsync();

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => Public().V1.Owners[owner].WeeklyHours.GetAsync());

        Assert.Equal(401, problem.Status);
        Assert.Equal(401, problem.ResponseStatusCode);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public async Task Another_owners_key_is_a_typed_403()
    {
        var (owner, _) = await NewOwnerAsync();
        var (_, other) = await NewOwnerAsync();

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => other.V1.Owners[owner].WeeklyHours.GetAsync());

        Assert.Equal(403, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public async Task A_private_video_type_with_a_question_and_two_lengths_is_booked_through_a_single_use_link()
    {
        var (owner, client) = await NewOwnerWithTypeAsync(new MeetingTypeBody
        {
            Slug = "advice",
            Title = "Advice",
            DurationMinutes = 30,
            DurationOptionsMinutes = [30, 60],
            Private = true,
            Description = "Bring **your numbers**.",
            Locations = [new LocationBody { Kind = LocationBody_kind.Video, Value = "https://meet.example.org/{room}" }],
            Questions = [new QuestionBody { Id = "topic", Label = "Topic", Kind = QuestionBody_kind.Short_text, Required = true }],
        });
        Assert.Empty((await Public().V1.Owners[owner].MeetingTypes.GetAsync())!.MeetingTypes!);
        var own = Assert.Single((await client.V1.Owners[owner].MeetingTypes.GetAsync())!.MeetingTypes!);
        Assert.Equal("<p>Bring <strong>your numbers</strong>.</p>", own.DescriptionHtml);
        Assert.Equal([30, 60], own.DurationOptionsMinutes!.Select(d => d!.Value));

        var link = await client.V1.Owners[owner].MeetingTypes["advice"].SingleUseLinks.PostAsync(new SingleUseLinkRequest { Label = "Ben" });
        var answers = new CreateBookingRequest_answers();
        answers.AdditionalData["topic"] = "Pensions";
        var booking = await Public().V1.Owners[owner].MeetingTypes["advice"].Bookings.PostAsync(new CreateBookingRequest
        {
            Start = At(NextMonday(), 9, 0),
            DurationMinutes = 60,
            Invitee = new InviteeBody { Name = "Ben Okafor" },
            Location = new LocationChoiceBody { Kind = LocationChoiceBody_kind.Video },
            Answers = answers,
            SingleUseLink = link!.Token,
        });

        Assert.Equal(At(NextMonday(), 10, 0), booking!.End);
        Assert.Equal(BookingLocationResponse_kind.Video, booking.Location!.Kind);
        Assert.StartsWith("https://meet.example.org/agenda-", booking.Location.Value, StringComparison.Ordinal);
        Assert.Equal(["Pensions"], Assert.Single(booking.Answers!).Values!);
        await ExpectRefusal(BookingRefusalProblem_reason.Link_used, () => Public().V1.Owners[owner].MeetingTypes["advice"].Bookings.PostAsync(new CreateBookingRequest
        {
            Start = At(NextMonday(), 11, 0),
            Invitee = new InviteeBody { Name = "Eve" },
            Answers = answers,
            SingleUseLink = link.Token,
        }));
        var listed = Assert.Single((await client.V1.Owners[owner].MeetingTypes["advice"].SingleUseLinks.GetAsync())!.Links!);
        Assert.Equal(SingleUseLinkResponse_status.Used, listed.Status);
        Assert.Equal(booking.Id, listed.BookingId);
    }

    private static async Task ExpectRefusal(BookingRefusalProblem_reason reason, Func<Task> attempt)
    {
        var refusal = await Assert.ThrowsAsync<BookingRefusalProblem>(attempt);
        Assert.Equal(409, refusal.Status);
        Assert.Equal(reason, refusal.Reason);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Detail));
    }

    [Fact]
    public async Task The_owners_tools_work_through_the_client_a_workflow_a_private_note_a_no_show_the_filtered_list_and_the_export()
    {
        var (owner, client) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro", DurationMinutes = 30 });
        var workflow = await client.V1.Owners[owner].Workflows.PostAsync(new WorkflowBody
        {
            Name = "Sorry we missed you",
            Trigger = "no_show",
            Action = "email_owner",
            Subject = "{{ invitee.name }} did not come",
            Body = "Booked for {{ booking.start }}.",
        });
        Assert.True(workflow!.Enabled);

        var booking = await BookAsync(owner, "intro", At(NextMonday(), 9, 0));
        var note = await client.V1.Owners[owner].Bookings[booking.Id].PrivateNote.PutAsync(new PrivateNoteBody { PrivateNote = "Second call" });
        Assert.Equal("Second call", note!.PrivateNote);

        host.Clock.SetUtcNow(booking.StartUtc!.Value.AddMinutes(10));
        var marked = await client.V1.Owners[owner].Bookings[booking.Id].NoShow.PutAsync(new NoShowBody { NoShow = true });
        Assert.True(marked!.NoShow);

        var listed = await client.V1.Owners[owner].Bookings.GetAsync(request =>
        {
            request.QueryParameters.Invitee = "okafor";
            request.QueryParameters.MeetingType = "intro";
        });
        var shown = Assert.Single(listed!.Bookings!);
        Assert.Equal("Second call", shown.PrivateNote);
        Assert.NotNull(shown.NoShowAt);

        using var reader = new StreamReader((await client.V1.Owners[owner].Bookings.Export.GetAsync())!);
        var csv = await reader.ReadToEndAsync();
        Assert.Contains(booking.Id!, csv, StringComparison.Ordinal);
        Assert.Contains("Second call", csv, StringComparison.Ordinal);

        // The run is planned when the outbox fans the no-show out, a moment after the mark.
        var runs = await client.V1.Owners[owner].Workflows[workflow.Id].Runs.GetAsync();
        for (var waited = 0; runs!.Runs!.Count == 0 && waited < 200; waited++)
        {
            await Task.Delay(50);
            runs = await client.V1.Owners[owner].Workflows[workflow.Id].Runs.GetAsync();
        }

        var run = Assert.Single(runs.Runs!);
        Assert.Equal(booking.Id, run.BookingId);
        Assert.Equal("booking.no_show", run.Event);
    }

    /// <summary>A new owner in Berlin, created with the administrator key, with weekly hours Monday to Friday 09:00-12:00; the owner's client.</summary>
    private async Task<(string Owner, AgendaClient Client)> NewOwnerAsync()
    {
        var id = $"owner-{Guid.NewGuid():N}";
        var created = await WithKey(host.AdminKey).V1.Owners.PostAsync(new CreateOwnerRequest { Id = id, Name = "Ana Weber", TimeZone = Zone });
        var client = WithKey(created!.ApiKey!);
        List<HoursBody> morning = [new() { Start = "09:00", End = "12:00" }];
        await client.V1.Owners[id].WeeklyHours.PutAsync(new WeeklyHoursBody
        {
            Monday = morning,
            Tuesday = morning,
            Wednesday = morning,
            Thursday = morning,
            Friday = morning,
        });
        return (id, client);
    }

    private async Task<(string Owner, AgendaClient Client)> NewOwnerWithTypeAsync(MeetingTypeBody meetingType)
    {
        var (owner, client) = await NewOwnerAsync();
        await client.V1.Owners[owner].MeetingTypes.PostAsync(meetingType);
        return (owner, client);
    }

    private async Task<BookingResponse> BookedAsync()
    {
        var (owner, _) = await NewOwnerWithTypeAsync(new MeetingTypeBody { Slug = "intro", Title = "Intro", DurationMinutes = 30 });
        return await BookAsync(owner, "intro", At(NextMonday(), 9, 0));
    }

    private async Task<BookingResponse> BookAsync(string owner, string slug, DateTimeOffset start) =>
        (await Public().V1.Owners[owner].MeetingTypes[slug].Bookings.PostAsync(new CreateBookingRequest
        {
            Start = start,
            Invitee = new InviteeBody { Name = "Ben Okafor" },
        }))!;

    /// <summary>The Monday after next as the fake clock sees it (at least a week ahead, so notice rules pass unless a test wants them not to).</summary>
    private DateOnly NextMonday()
    {
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        var untilMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(untilMonday == 0 ? 14 : untilMonday + 7);
    }

    /// <summary>A wall-clock time in Berlin on <paramref name="date"/>, as an instant with its offset.</summary>
    private static DateTimeOffset At(DateOnly date, int hour, int minute)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private AgendaClient Public() => Client(null);

    private AgendaClient WithKey(string? key) => Client(key);

    /// <summary>A generated client over this host's checked HttpClient; the key or token, if any, goes as 'Authorization: Bearer'.</summary>
    private AgendaClient Client(string? bearer)
    {
        var http = host.CreateCheckedClient();
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        };
        return new AgendaClient(adapter);
    }
}
