using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agenda.Api.Tests.OpenApi;

/// <summary>
/// docs/openapi.json is the served /openapi/v1.json, committed, so a change of the API shows in review and
/// integrators can generate clients without running the service. With AGENDA_UPDATE_OPENAPI=1 the test rewrites it.
/// </summary>
public sealed class OpenApiDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string UpdateVariable = "AGENDA_UPDATE_OPENAPI";

    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_served_document_is_the_committed_docs_openapi_json()
    {
        var served = JsonNode.Parse(await host.Api().Http.GetStringAsync("/openapi/v1.json"))!;
        var path = RepositoryFiles.Path("docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served.ToJsonString(Written) + "\n");
            return;
        }

        var refresh = $"Refresh it with: {UpdateVariable}=1 dotnet test tests/Agenda.Api.Tests --filter FullyQualifiedName~OpenApiDocumentTests, then review and commit docs/openapi.json.";
        Assert.True(File.Exists(path), $"{path} is missing. {refresh}");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        if (FirstDifference(committed, served, "$") is { } difference)
        {
            Assert.Fail($"The served /openapi/v1.json differs from docs/openapi.json at {difference}. {refresh}");
        }
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_and_a_described_tag()
    {
        var document = JsonNode.Parse(await host.Api().Http.GetStringAsync("/openapi/v1.json"))!;
        var tags = document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!)).ToList();

        var ids = operations.Select(o => o["operationId"]?.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o["summary"]?.GetValue<string>()), $"{o["operationId"]} has no summary"));
        Assert.All(tags, t => Assert.False(string.IsNullOrEmpty(t.Value), $"Tag '{t.Key}' has no description: add it to DocumentDescription.Tags."));
    }

    /// <summary>The JSON path of the first difference, ignoring formatting and the order of object members.</summary>
    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!e.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        return $"{path}.{name} ({(e.ContainsKey(name) ? "no longer served" : "new")})";
                    }

                    if (FirstDifference(e[name], a[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count)
                    {
                        return $"{path}[{i}] ({(i >= e.Count ? "new" : "no longer served")})";
                    }

                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{path} (committed {expected?.ToJsonString() ?? "null"}, served {actual?.ToJsonString() ?? "null"})";
        }
    }
}
