using Agenda.Api.Accounts;
using Microsoft.Extensions.Configuration;

namespace Agenda.Api.Tests.Accounts;

/// <summary>The single sign-on settings: none without an authority, defaults that need nothing else, and one sentence for a setting that cannot work.</summary>
public sealed class SingleSignOnOptionsTests
{
    [Fact]
    public void Without_an_authority_there_is_no_single_sign_on() =>
        Assert.Null(SingleSignOnOptions.From(Settings(("Accounts:Oidc:ClientId", "agenda"))));

    [Fact]
    public void An_https_authority_and_a_client_id_are_enough()
    {
        var options = SingleSignOnOptions.From(Settings(("Accounts:Oidc:Authority", "https://login.example.com/realms/staff"), ("Accounts:Oidc:ClientId", "agenda")));

        Assert.Equal(new SingleSignOnOptions("https://login.example.com/realms/staff", "agenda", null, "single sign-on", RequireHttpsMetadata: true), options);
    }

    [Theory]
    [InlineData("login.example.com", "agenda", null, "Accounts:Oidc:Authority is 'login.example.com'; it must be the provider's absolute http(s) address")]
    [InlineData("ftp://login.example.com", "agenda", null, "Accounts:Oidc:Authority is 'ftp://login.example.com'; it must be")]
    [InlineData("https://login.example.com", "", null, "Accounts:Oidc:Authority is set but Accounts:Oidc:ClientId is not")]
    [InlineData("http://login.example.com", "agenda", null, "Accounts:Oidc:Authority is 'http://login.example.com', which is not https")]
    [InlineData("http://127.0.0.1:4100", "agenda", "yes", "Accounts:Oidc:RequireHttpsMetadata is 'yes'; it must be 'true' or 'false'.")]
    public void A_setting_that_cannot_work_stops_the_start_with_one_sentence(string authority, string clientId, string? requireHttps, string sentence)
    {
        var settings = Settings(("Accounts:Oidc:Authority", authority), ("Accounts:Oidc:ClientId", clientId), ("Accounts:Oidc:RequireHttpsMetadata", requireHttps));

        var refusal = Assert.Throws<InvalidOperationException>(() => SingleSignOnOptions.From(settings));

        Assert.StartsWith(sentence, refusal.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
