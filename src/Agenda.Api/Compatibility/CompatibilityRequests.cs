using System.Text;
using System.Text.Json;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Availability;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Compatibility;

/// <summary>Reads the documented API's request bodies into engine values, or says what is wrong with them.</summary>
internal static class CompatibilityRequests
{
    public const int MaxRulesPerRequest = 100;

    public static IReadOnlyList<DateRangeRule> ReadRules(SetAvailabilityRequest? body, RequestErrors errors)
    {
        if (body?.AvailabilityRules is not { Count: > 0 } posted)
        {
            errors.Add("availability_rules", "RulesRequired", "availability_rules", """{"start_date": "2024-12-01", "end_date": "2024-12-01", "start_time": "09:00", "end_time": "17:00"}""");
            return [];
        }

        if (posted.Count > MaxRulesPerRequest)
        {
            errors.Add("availability_rules", "TooManyRules", "availability_rules", MaxRulesPerRequest);
            return [];
        }

        var rules = new List<DateRangeRule>(posted.Count);
        for (var i = 0; i < posted.Count; i++)
        {
            if (ReadRule($"availability_rules[{i}]", posted[i], errors) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    /// <summary>One date-range rule, as both the documented API and /v1 write it; null (with errors added) when invalid.</summary>
    public static DateRangeRule? ReadRule(string prefix, AvailabilityRuleBody? rule, RequestErrors errors)
    {
        if (rule is null)
        {
            errors.Add(prefix, "RuleObject", prefix);
            return null;
        }

        var first = errors.Date($"{prefix}.start_date", rule.StartDate);
        var last = errors.Date($"{prefix}.end_date", rule.EndDate);
        var hours = errors.Hours($"{prefix}.start_time", rule.StartTime, $"{prefix}.end_time", rule.EndTime);
        if (first is { } from && last is { } to && to < from)
        {
            errors.Add($"{prefix}.end_date", "NotBefore", $"{prefix}.end_date", rule.EndDate, $"{prefix}.start_date", rule.StartDate);
            return null;
        }

        return first is { } start && last is { } end && hours is { } daily
            ? new DateRangeRule(new DateInterval(start, end), daily)
            : null;
    }

    /// <summary>
    /// The posted rules as the document's <c>new_slots</c> string: JSON text written the way the original
    /// Python service wrote it (<c>json.dumps</c>: ", " and ": " separators, keys in the document's order).
    /// </summary>
    public static string EchoRules(SetAvailabilityRequest body)
    {
        var text = new StringBuilder("[");
        foreach (var rule in body.AvailabilityRules!.OfType<AvailabilityRuleBody>())
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }

            text.Append("{\"start_date\": ").Append(JsonSerializer.Serialize(rule.StartDate))
                .Append(", \"end_date\": ").Append(JsonSerializer.Serialize(rule.EndDate))
                .Append(", \"start_time\": ").Append(JsonSerializer.Serialize(rule.StartTime))
                .Append(", \"end_time\": ").Append(JsonSerializer.Serialize(rule.EndTime))
                .Append('}');
        }

        return text.Append(']').ToString();
    }

    /// <summary>
    /// The search parameters from the query string, completed from a JSON body as the document sends it
    /// on its GET. A query parameter wins over the same field in the body.
    /// </summary>
    public static async Task<(SearchSlotsRequest? Request, ProblemHttpResult? Problem)> ReadSearchAsync(HttpRequest request, string? owner, string? requestDate, CancellationToken cancellationToken)
    {
        if (owner is not null && requestDate is not null || !HasBody(request))
        {
            return (new SearchSlotsRequest(owner, requestDate), null);
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<SearchSlotsRequest>(request.Body, JsonSerializerOptions.Web, cancellationToken);
            return (new SearchSlotsRequest(owner ?? body?.Owner, requestDate ?? body?.RequestDate), null);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" at '{e.Path}'";
            return (null, TypedResults.Problem(
                detail: $"The request body is not valid JSON{where}. Send {{\"owner\": \"user1\", \"request_date\": \"2024-12-01\"}}, or use the query parameters owner and request_date.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request could not be read"));
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
