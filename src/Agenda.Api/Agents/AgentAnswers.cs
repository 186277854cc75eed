using System.Text.Json;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Agenda.Api.Agents;

/// <summary>
/// A use case's outcome as an MCP tool answers it: done, the API's JSON for it (structured content, and the same as
/// text for clients that read text only); refused or invalid, a tool error carrying the API's problem details for it
/// (status, title, detail, and reason or errors), so an agent reads the same refusal a program reads from the API.
/// </summary>
internal sealed class AgentAnswers(IOptions<JsonOptions> json)
{
    private JsonSerializerOptions Options => json.Value.SerializerOptions;

    public CallToolResult Done<T>(T value) => Result(JsonSerializer.SerializeToElement(value, Options), isError: false);

    public CallToolResult Of<T>(Outcome<T> outcome) => Of(outcome, value => value);

    public CallToolResult Of<T, TAnswer>(Outcome<T> outcome, Func<T, TAnswer> answer) => outcome switch
    {
        Outcome<T>.Done done => Done(answer(done.Value)),
        Outcome<T>.Invalid invalid => Invalid(invalid.Errors),
        Outcome<T>.Refused refused => Refused(refused.Refusal),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>A request whose fields are wrong: the API's 400 (title, detail, errors by field).</summary>
    public CallToolResult Invalid(RequestErrors errors)
    {
        var byField = errors.ToDictionary();
        return Problem(new Dictionary<string, object?>
        {
            ["status"] = StatusCodes.Status400BadRequest,
            ["title"] = "The request is not valid",
            ["detail"] = string.Join(" ", byField.SelectMany(e => e.Value)),
            ["errors"] = byField,
        });
    }

    /// <summary>A refusal: the API's problem details for it.</summary>
    public CallToolResult Refused(Refusal refusal)
    {
        var problem = new Dictionary<string, object?>
        {
            ["status"] = refusal.Status,
            ["title"] = refusal.Title,
            ["detail"] = refusal.Detail,
        };
        if (refusal.Reason is not null)
        {
            problem["reason"] = refusal.Reason;
        }

        foreach (var (name, value) in refusal.Extensions ?? new Dictionary<string, object?>())
        {
            problem[name] = value;
        }

        return Problem(problem);
    }

    private CallToolResult Problem(Dictionary<string, object?> problem) => Result(JsonSerializer.SerializeToElement(problem, Options), isError: true);

    private static CallToolResult Result(JsonElement body, bool isError) => new()
    {
        Content = [new TextContentBlock { Text = body.GetRawText() }],
        StructuredContent = body,
        IsError = isError,
    };
}
