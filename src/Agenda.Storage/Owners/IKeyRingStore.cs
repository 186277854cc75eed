using NodaTime;

namespace Agenda.Storage;

/// <summary>ASP.NET Core's data-protection keys, as XML elements, shared by every node that uses the database.</summary>
public interface IKeyRingStore
{
    Task<IReadOnlyList<string>> ReadKeyRingAsync(CancellationToken cancellationToken);

    Task AddToKeyRingAsync(string name, string xml, Instant now, CancellationToken cancellationToken);
}
