using Agenda.Api.Accounts;
using Agenda.Api.Pages.Console;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Pages.Tests.Console;

/// <summary>The session cookie's Secure flag and the session lifetime setting, without a browser.</summary>
public sealed class ConsoleSettingsTests
{
    [Theory]
    [InlineData("http", "127.0.0.1", false)]
    [InlineData("http", "localhost", false)]
    [InlineData("http", "[::1]", false)]
    [InlineData("https", "127.0.0.1", true)]
    [InlineData("http", "agenda.example.com", true)]
    [InlineData("https", "agenda.example.com", true)]
    public void The_session_cookie_is_secure_unless_plain_http_on_loopback(string scheme, string host, bool secure)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = scheme;
        http.Request.Host = new HostString(host);

        var cookie = ConsoleCookie.Session().Build(http, DateTimeOffset.UnixEpoch);

        Assert.Equal((secure, true, SameSiteMode.Strict, "/console"), (cookie.Secure, cookie.HttpOnly, cookie.SameSite, cookie.Path));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10081")]
    public void A_session_lifetime_out_of_range_is_refused_at_start(string minutes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Console:SessionMinutes"] = minutes }).Build();

        var refusal = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAccounts(configuration));

        Assert.Contains("Console:SessionMinutes", refusal.Message, StringComparison.Ordinal);
    }
}
