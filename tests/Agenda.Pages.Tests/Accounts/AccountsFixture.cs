using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using MimeKit;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>
/// The real service on Kestrel at http://localhost:PORT (a passkey's relying party must be a host name, and localhost is
/// a secure context), over a SQLite file of its own, in <c>Auth:Mode</c> ApiKey, with e-mail sent to a real SMTP server
/// in the test (<see cref="SmtpSink"/>) and <c>PublicBaseUrl</c> set, so confirmation, reset and invitation links work.
/// The real clock: Identity's lockout and link lifetimes read it. Each host is a fresh installation: its first account
/// becomes administrator.
/// </summary>
public sealed class AccountsHost : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-accounts-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> settings;
    private readonly int port = FreePort();

    public AccountsHost(SmtpSink? mail, IReadOnlyDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(folder);
        BaseUrl = $"http://localhost:{port}";
        this.settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Booking"] = $"Data Source={Path.Combine(folder, "agenda.db")}",
            ["Limits:RateLimit:Enabled"] = "false",
            ["Auth:Mode"] = "ApiKey",
            ["Auth:AdminKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PublicBaseUrl"] = BaseUrl + "/",
            ["Outbox:PollMilliseconds"] = "50",
        };
        if (mail is not null)
        {
            this.settings["Email:Smtp:Host"] = "127.0.0.1";
            this.settings["Email:Smtp:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            this.settings["Email:Smtp:Security"] = "None";
            this.settings["Email:From"] = "Agenda <agenda@example.com>";
            this.settings["Email:ReminderMinutes"] = "0";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            this.settings[key] = value;
        }

        UseKestrel(kestrel => kestrel.ListenLocalhost(port));
    }

    /// <summary>Such as http://localhost:41234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    public string AdminKey => settings["Auth:AdminKey"];

    public void Start() => StartServer();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a host that is shutting down is left for the OS to clean.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

/// <summary>
/// One SMTP server and one headless Debian chromium for the account tests; each test makes the hosts it needs
/// (<see cref="HostAsync"/>, a fresh installation each) and its own browser contexts.
/// </summary>
public sealed partial class AccountsFixture : IAsyncLifetime
{
    private readonly List<AccountsHost> hosts = [];

    public IBrowser Browser { get; private set; } = null!;

    public SmtpSink Mail { get; } = SmtpSink.Start();

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await Support.SharedBrowser.GetAsync();
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await Mail.DisposeAsync();
    }

    /// <summary>A fresh installation (no accounts yet) with mail, started; <paramref name="settings"/> adds or overrides settings.</summary>
    public AccountsHost Host(IReadOnlyDictionary<string, string>? settings = null, bool mail = true)
    {
        var host = new AccountsHost(mail ? Mail : null, settings);
        host.Start();
        lock (hosts)
        {
            hosts.Add(host);
        }

        return host;
    }

    /// <summary>A new browser context on <paramref name="host"/> (its own cookies), British English unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(AccountsHost host, string locale = "en-GB", int width = 1280)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = host.BaseUrl, Locale = locale, ViewportSize = new() { Width = width, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>The latest message to <paramref name="to"/> whose subject contains <paramref name="subject"/>, waiting up to 15 s for it.</summary>
    public async Task<MimeMessage> MailToAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = Mail.Messages.LastOrDefault(m => m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No message to {to} about '{subject}' arrived; there are: {string.Join("; ", Mail.Messages.Select(m => $"{m.To} {m.Subject}"))}");
            await Task.Delay(50);
        }
    }

    /// <summary>The first link to this service in the message's text.</summary>
    public static string LinkIn(MimeMessage message) => Link().Match(message.TextBody ?? "") is { Success: true } found
        ? found.Value
        : throw new Xunit.Sdk.XunitException($"No link in: {message.TextBody}");

    /// <summary>Makes an account through the sign-up page, as a person would; returns the page, signed in (no confirmation needed) or on the check-mail page.</summary>
    public static async Task<IPage> SignUpAsync(IPage page, string email, string password, string? name = null, string? link = null, string path = "/console/sign-up")
    {
        await page.GotoAsync(path);
        if (await page.Locator("#email").IsEditableAsync())
        {
            await page.Locator("#email").FillAsync(email);
        }

        await page.Locator("#password").FillAsync(password);
        if (name is not null)
        {
            await page.Locator("#name").FillAsync(name);
        }

        if (link is not null)
        {
            await page.Locator("#link").FillAsync(link);
        }

        await page.Locator("#sign-up-form button[type=submit]").ClickAsync();
        return page;
    }

    /// <summary>Signs in with an address and a password on the sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/console/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#password-form button[type=submit]").ClickAsync();
    }

    [GeneratedRegex(@"http://localhost:\d+/\S+")]
    private static partial Regex Link();
}
