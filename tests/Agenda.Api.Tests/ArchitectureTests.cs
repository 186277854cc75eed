using Agenda.Api.Bookings;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Architecture = ArchUnitNET.Domain.Architecture;
using Assembly = System.Reflection.Assembly;

namespace Agenda.Api.Tests;

/// <summary>
/// Where things live (docs/architecture.md): the host is organised by feature (Bookings, Availability, MeetingTypes,
/// Teams, Calendars, Notifications, Owners, Slots, Compatibility) over one Platform folder, with the pages as a door of
/// their own. These rules hold that shape, so it cannot erode one convenient reference at a time.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Host = typeof(BookingService).Assembly;

    private static readonly Assembly StorageAssembly = typeof(IBookingStore).Assembly;

    private static readonly Assembly Engine = typeof(Slot).Assembly;

    private static readonly Architecture Architecture = new ArchLoader().LoadAssemblies(Host, StorageAssembly, Engine).Build();

    [Fact]
    public void The_host_s_folders_depend_on_one_another_without_a_cycle()
    {
        // One node per folder under src/Agenda.Api (its namespace's first part after Agenda.Api), one edge per use.
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in Architecture.Types)
        {
            if (Folder(type.Namespace?.FullName) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                if (Folder(dependency.Target?.Namespace?.FullName) is { } to && to != from)
                {
                    var targets = edges.TryGetValue(from, out var known) ? known : edges[from] = new(StringComparer.Ordinal);
                    targets.TryAdd(to, $"{type.Name} -> {dependency.Target!.Name}");
                }
            }
        }

        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(cycle =>
            "Folders in a cycle: " + string.Join(", ", cycle) + "\n" + string.Join("\n", cycle.SelectMany(from =>
                edges.GetValueOrDefault(from, []).Where(e => cycle.Contains(e.Key)).Select(e => $"  {from} -> {e.Key} ({e.Value})"))))));
    }

    private static string? Folder(string? ns) =>
        ns is not null && ns.StartsWith("Agenda.Api.", StringComparison.Ordinal) ? ns["Agenda.Api.".Length..].Split('.')[0] : null;

    /// <summary>Tarjan's strongly connected components: every set of folders that reach one another.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(v => v.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in edges.GetValueOrDefault(node, []).Keys)
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string popped;
                do
                {
                    popped = stack.Pop();
                    component.Add(popped);
                }
                while (popped != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }

    [Fact]
    public void Platform_depends_on_no_feature_and_no_page() =>
        Types().That().ResideInNamespaceMatching(@"^Agenda\.Api\.Platform(\..+)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Agenda\.Api\.(?!Platform)\w+(\..+)?$")
            .Check(Architecture);

    [Fact]
    public void No_page_calls_an_endpoint_handler() =>
        Types().That().ResideInNamespaceMatching(@"^Agenda\.Api\.Pages(\..+)?$")
            .Should().NotDependOnAnyTypesThat().HaveNameEndingWith("Api")
            .Check(Architecture);

    [Fact]
    public void No_endpoint_class_depends_on_another_door() =>
        Types().That().HaveNameEndingWith("Api").And().ResideInNamespaceMatching(@"^Agenda\.Api\.")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Agenda\.Api\.Pages(\..+)?$")
            .Check(Architecture);

    [Fact]
    public void Storage_and_the_engine_know_nothing_of_HTTP_or_the_host()
    {
        foreach (var assembly in new[] { StorageAssembly, Engine })
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
            Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name == Host.GetName().Name);
        }

        Types().That().ResideInAssembly(StorageAssembly).Or().ResideInAssembly(Engine)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Microsoft\.AspNetCore(\..+)?$")
            .Check(Architecture);
    }

    [Fact]
    public void The_engine_depends_on_neither_storage_nor_the_host() =>
        Types().That().ResideInAssembly(Engine)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(StorageAssembly).AndShould().NotDependOnAnyTypesThat().ResideInAssembly(Host)
            .Check(Architecture);
}
