using Agenda.Scheduling;

namespace Agenda.Scheduling.Tests;

/// <summary>The engine stays pure: no storage, no HTTP, nothing but the base library and NodaTime.</summary>
public sealed class EnginePurityTests
{
    [Fact]
    public void The_engine_references_only_the_base_library_and_NodaTime()
    {
        var references = typeof(OwnerSchedule).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(
            name == "NodaTime" || name == "netstandard" || (name.StartsWith("System", StringComparison.Ordinal) && !IsIo(name)),
            $"The engine references {name}"));
    }

    private static bool IsIo(string name) =>
        name.StartsWith("System.Net", StringComparison.Ordinal)
        || name.StartsWith("System.Data", StringComparison.Ordinal)
        || name.StartsWith("System.IO", StringComparison.Ordinal);
}
