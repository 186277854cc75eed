using System.Xml.Linq;
using Agenda.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Agenda.Api.Platform.Hosting;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys in the service's database rather than in a folder of one machine. Those keys
/// encrypt the console's session cookies and the pages' antiforgery tokens, so with them in the database a form shown by
/// one node is accepted by another, and a restart or a new container signs nobody out. Like the default folder on
/// Linux, the keys are stored unencrypted: whoever can read the database can read them.
/// </summary>
internal sealed class KeyRingInDatabase(IKeyRingStore store, TimeProvider time) : IXmlRepository
{
    // The framework's interface is synchronous; it reads the ring once and then only when a key is made (every 90 days).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.ReadKeyRingAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddToKeyRingAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetCurrentInstant(), CancellationToken.None).GetAwaiter().GetResult();
}

internal static class KeyRingRegistration
{
    public static IServiceCollection AddKeyRingInDatabase(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("agenda");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(s => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new KeyRingInDatabase(s.GetRequiredService<IKeyRingStore>(), s.GetRequiredService<TimeProvider>())));
        return services;
    }
}
