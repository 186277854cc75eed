using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>
/// The administrator's area in the browser: an invitation makes one account and no more; a deactivated colleague is
/// signed out, cannot sign in, and their page is not offered until reactivated; a colleague made administrator sees the
/// area; anyone else gets a 404.
/// </summary>
public sealed class AdministrationTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private const string Password = "administrator password";

    [Fact]
    public async Task An_administrator_invites_a_colleague_deactivates_reactivates_and_promotes_them()
    {
        var host = fixture.Host();
        var admin = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(admin, "root@example.com", Password, link: "root");
        await admin.GotoAsync(AccountsFixture.LinkIn(await fixture.MailToAsync("root@example.com", "Confirm")));
        await admin.Locator("#confirm-form button[type=submit]").ClickAsync();
        await AccountsFixture.SignInAsync(admin, "root@example.com", Password);
        await Navigation.ExpectAsync(admin, $"{host.BaseUrl}/console/setup");

        await admin.GotoAsync("/console/admin");
        await Assertions.Expect(admin.Locator("#sign-up-policy")).ToContainTextAsync("by invitation");
        await admin.Locator("#invite-email").FillAsync("kim@example.com");
        await admin.Locator("#invite-form button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Locator("#open-invites")).ToContainTextAsync("kim@example.com");
        var invitation = AccountsFixture.LinkIn(await fixture.MailToAsync("kim@example.com", "invited"));
        Assert.Equal(await admin.Locator("#invite-link").InputValueAsync(), invitation);

        var kim = await fixture.NewPageAsync(host);
        await kim.GotoAsync(invitation);
        await Assertions.Expect(kim.Locator("#email")).ToHaveValueAsync("kim@example.com");
        await AccountsFixture.SignUpAsync(kim, "ignored", "colleague password", name: "Kim", link: "kim", path: invitation);
        await Navigation.ExpectAsync(kim, $"{host.BaseUrl}/console/setup");
        await kim.Locator("#setup-form button[type=submit]").ClickAsync();
        await Assertions.Expect(kim.Locator("#share-link")).ToBeVisibleAsync();
        Assert.Equal(404, (await kim.GotoAsync("/console/admin"))!.Status);
        var stranger = await fixture.NewPageAsync(host);
        var reused = await stranger.GotoAsync(invitation);
        Assert.Equal(410, reused!.Status);

        await admin.GotoAsync("/console/admin");
        await Console.ConsoleForms.ConfirmAsync(admin, "Deactivate", "kim@example.com");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("deactivated");
        await kim.GotoAsync("/console/bookings");
        await Navigation.ExpectAsync(kim, $"{host.BaseUrl}/console/sign-in**");
        await AccountsFixture.SignInAsync(kim, "kim@example.com", "colleague password");
        await Assertions.Expect(kim.Locator("#sign-in-error")).ToBeVisibleAsync();
        var page = await stranger.GotoAsync("/kim");
        Assert.Equal(404, page!.Status);
        await Assertions.Expect(stranger.GetByText("kim is not taking bookings here.")).ToBeVisibleAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Reactivate kim@example.com" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make kim@example.com administrator" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr[data-account='kim@example.com']")).ToContainTextAsync("administrator");
        await Support.Screenshots.SaveAsync(admin, Path.Combine(AccountsFixture.Screenshots, "admin-1280.png"));
        Assert.Equal(200, (await stranger.GotoAsync("/kim"))!.Status);
        await AccountsFixture.SignInAsync(kim, "kim@example.com", "colleague password");
        await Navigation.ExpectAsync(kim, $"{host.BaseUrl}/console");
        await kim.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await Assertions.Expect(kim.Locator("#accounts")).ToContainTextAsync("root@example.com");

        // Nobody deactivates or unmakes themself: the installation keeps its administrator.
        await Assertions.Expect(kim.Locator("details.confirm > summary", new() { HasText = "Deactivate… kim@example.com" })).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
        await kim.Context.CloseAsync();
        await stranger.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_reads_the_services_health_exports_an_invitee_as_json_and_erases_them_from_every_booking()
    {
        var host = fixture.Host();
        var admin = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(admin, "chief@example.com", Password, link: "chief");
        await admin.GotoAsync(AccountsFixture.LinkIn(await fixture.MailToAsync("chief@example.com", "Confirm")));
        await admin.Locator("#confirm-form button[type=submit]").ClickAsync();
        await AccountsFixture.SignInAsync(admin, "chief@example.com", Password);
        await Navigation.ExpectAsync(admin, $"{host.BaseUrl}/console/setup");
        await admin.Locator("#setup-form button[type=submit]").ClickAsync();
        await Assertions.Expect(admin.Locator("#share-link")).ToBeVisibleAsync();

        // Pia books the first free slot of chief's first meeting type, through the API.
        using var api = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", host.AdminKey);
        var slug = (await api.GetFromJsonAsync<JsonObject>("/v1/owners/chief/meeting-types"))!["meeting_types"]![0]!["slug"]!.GetValue<string>();
        var today = DateTime.UtcNow.Date;
        var slots = await api.GetFromJsonAsync<JsonObject>($"/v1/owners/chief/meeting-types/{slug}/slots?from={today:yyyy-MM-dd}&to={today.AddDays(13):yyyy-MM-dd}");
        var start = slots!["slots"]![0]!["start"]!.GetValue<string>();
        using (var booked = await api.PostAsJsonAsync($"/v1/owners/chief/meeting-types/{slug}/bookings", new { start, invitee = new { name = "Pia Person", email = "pia@example.com" }, note = "pia-note" }))
        {
            Assert.Equal(201, (int)booked.StatusCode);
        }

        await admin.GotoAsync("/console/admin");
        // The service's health, as the administrator's API gives it.
        await Assertions.Expect(admin.Locator("#service-health")).ToContainTextAsync("sqlite: ready");
        await Assertions.Expect(admin.Locator("#service-health")).ToContainTextAsync($"{NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.TzdbVersion} (built-in)");
        await admin.GetByLabel("Invitee's e-mail address").FillAsync("PIA@example.com");
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Button, new() { Name = "Export as JSON" }).ClickAsync());
        Assert.Equal("personal-data.json", download.SuggestedFilename);
        var exported = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        Assert.Equal("Pia Person", exported["bookings"]![0]!["invitee"]!["name"]!.GetValue<string>());
        Assert.Equal("pia-note", exported["bookings"]![0]!["note"]!.GetValue<string>());

        await admin.GetByLabel("Invitee's e-mail address").FillAsync("pia@example.com");
        await admin.Locator("#personal-data-form summary").ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Erase for good" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("pia@example.com erased: 1 bookings anonymised");
        var listed = (await api.GetFromJsonAsync<JsonObject>("/v1/owners/chief/bookings"))!["bookings"]!.AsArray();
        Assert.Equal("(erased)", Assert.Single(listed)!["invitee"]!["name"]!.GetValue<string>());
        Assert.Null(listed[0]!["note"]);

        // An address that is not one is refused beside the field.
        await admin.GetByLabel("Invitee's e-mail address").EvaluateAsync("e => e.type = 'text'");
        await admin.GetByLabel("Invitee's e-mail address").FillAsync("not an address");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Export as JSON" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#person-email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Support.Screenshots.SaveAsync(admin, Path.Combine(AccountsFixture.Screenshots, "admin-personal-data-1280.png"));
        await admin.Context.CloseAsync();
    }
}
