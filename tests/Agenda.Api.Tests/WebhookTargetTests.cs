using System.Net;
using Agenda.Api.Platform.Outbound;

namespace Agenda.Api.Tests;

/// <summary>
/// Which addresses webhooks and calendar feeds may reach when private targets are not allowed: only globally reachable
/// ones, as the IANA special-purpose address registries list them, including addresses that embed an IPv4 one.
/// </summary>
public sealed class WebhookTargetTests(ApiHost host) : IClassFixture<ApiHost>
{
    public static TheoryData<string> NotGloballyReachable =>
    [
        "0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.255.0.9", "169.254.169.254",
        "172.16.0.1", "172.31.255.255", "192.0.0.1", "192.0.0.170", "192.0.2.1", "192.88.99.1", "192.168.1.1",
        "198.18.0.1", "198.19.255.254", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
        "255.255.255.255",
        "::", "::1", "::7f00:1", "::a9fe:a9fe", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.1.2.3",
        "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b::c0a8:101", "64:ff9b:1::1", "100::1", "100::ffff:ffff:ffff:ffff",
        "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:10::1", "2001:db8::1", "2001:db8:ffff::1",
        "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:c0a8:101::1", "3fff::1", "3fff:fff::1", "5f00::1",
        "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "ff0e::1",
    ];

    public static TheoryData<string> GloballyReachable =>
    [
        "1.1.1.1", "8.8.8.8", "93.184.215.14", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
        "192.0.1.1", "192.0.3.1", "192.169.0.1", "198.17.255.255", "198.20.0.1", "198.51.101.1", "203.0.114.1",
        "223.255.255.254", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2606:4700:4700::1111",
        "2a00:1450:4001:80e::200e", "2001:200::1", "3fff:1000::1",
    ];

    [Theory]
    [MemberData(nameof(NotGloballyReachable))]
    public void A_special_purpose_address_is_refused(string address) =>
        Assert.False(WebhookTargets.IsPublic(IPAddress.Parse(address)), $"{address} is not globally reachable");

    [Theory]
    [MemberData(nameof(GloballyReachable))]
    public void A_globally_reachable_address_is_allowed(string address) =>
        Assert.True(WebhookTargets.IsPublic(IPAddress.Parse(address)), $"{address} is globally reachable");

    [Theory]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hooks")]
    [InlineData("https://[2002:7f00:1::1]/hooks")]
    [InlineData("https://[::7f00:1]/hooks")]
    [InlineData("https://198.18.0.1/hooks")]
    [InlineData("https://[2001:db8::1]/hooks")]
    public async Task A_webhook_to_an_address_that_is_not_globally_reachable_is_refused(string url)
    {
        var api = host.Api();
        var owner = await api.CreateOwner();

        using var response = await api.Post($"/v1/owners/{owner}/webhooks", new { url });

        await Expect.Problem(response, 400);
        Assert.Empty((await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/webhooks"), 200))["webhooks"]!.AsArray());
    }
}
