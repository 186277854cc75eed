using Agenda.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Api.Tests;

/// <summary>The data-protection keys (session cookies, antiforgery tokens) live in the database every node shares.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task What_one_node_protects_another_node_on_the_same_database_reads_and_the_key_is_in_the_database()
    {
        using var first = new ApiHost();
        using var second = ApiHost.OnDatabase(first.DatabasePath);
        first.Api();
        second.Api();

        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");

        Assert.Equal("hello", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        var ring = await first.Services.GetRequiredService<IKeyRingStore>().ReadKeyRingAsync(CancellationToken.None);
        Assert.Contains(ring, xml => xml.StartsWith("<key ", StringComparison.Ordinal));
    }
}
