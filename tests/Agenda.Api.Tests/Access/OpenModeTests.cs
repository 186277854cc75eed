using Agenda.Api.Access;

namespace Agenda.Api.Tests.Access;

public sealed class OpenModeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("http://example.com:5080", false)]
    public void Open_mode_accepts_only_loopback_addresses(string url, bool loopback)
    {
        Assert.Equal(loopback, OpenModeGuard.IsLoopback(url));
    }
}
