using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Agenda.Api.Tests.Fuzz;

/// <summary>
/// Makes hostile but well-formed HTTP requests for every operation of docs/openapi.json: path, query and body values
/// drawn from pools of edge cases (calendar edges, control and non-ASCII characters, wrong JSON types, huge numbers,
/// tampered cursors and tokens), odd Content-Type and Accept headers, and every kind of credential. The same seed
/// gives the same requests.
/// </summary>
public sealed class RequestFuzzer(Random random, FuzzTargets targets)
{
    private static readonly JsonObject Document = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("docs", "openapi.json")))!.AsObject();

    private static readonly IReadOnlyList<Operation> Operations = ReadOperations();

    private static readonly string[] Dates =
    [
        "2027-03-01", "2024-11-25", "9999-12-31", "0001-01-01", "2027-02-30", "2027-13-01", "10000-01-01", "-0001-01-01",
        "2027-3-1", "", " ", "2027-03-01T09:00", "20270301", "2027-03-01%00", "٢٠٢٧-٠٣-٠١", "9999-12-30",
    ];

    private static readonly string[] Instants =
    [
        "2027-03-01T09:00:00+01:00", "2027-03-01T08:00:00Z", "9999-12-31T23:59:59+14:00", "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00-12:00", "0001-01-01T00:00:00+14:00", "2027-03-01T09:00", "2027-03-01T09:00+01:00",
        "2027-10-31T02:30:00+02:00", "2027-10-31T02:30:00+01:00", "2024-11-25T08:00:00Z", "2027-03-01T25:00:00Z", "",
        "2027-03-01T09:00:00+18:00",
    ];

    private static readonly string[] Texts =
    [
        "Ben", "", " ", "\u0000", "a\u0000b", "line\r\nbreak", "tab\tand\u0001bell\u0007", "é漢字🙂", "\ud800", "<script>", "'; DROP TABLE bookings;--",
        "%00", "../../etc/passwd", "ana", new string('x', 300), new string('y', 5000), "\u202e\u200b", "null",
    ];

    private static readonly string[] Zones = ["Europe/Berlin", "UTC", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12", "Nowhere/Atlantis", "", "europe/berlin", "Australia/Lord_Howe"];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=foo", "application/json; charset=",
        "application/json; charset=\"\"", "text/plain", "application/x-www-form-urlencoded", "application/problem+json", "application/json; charset=utf-16",
        "application/merge-patch+json", "multipart/form-data; boundary=x",
    ];

    private static readonly string?[] Accepts =
    [
        null, "application/json", "text/html", "application/xml", "*/*", "text/plain;q=0.5, application/json;q=0.1", "garbage", "text/calendar",
        "application/problem+json", "image/png", "text/html, application/xhtml+xml, application/xml;q=0.9",
    ];

    private static readonly string[] RawBodies =
    [
        "", "{", "}", "[]", "null", "\"text\"", "42", "{\"a\":", "{\"start\": \"2027-03-01T09:00:00+01:00\",}", "\u0000",
        new string('[', 5000) + new string(']', 5000), "{\"x\":" + new string('9', 400) + "}", "{\"start\": 1e400}",
    ];

    public HttpRequestMessage Next()
    {
        var operation = Operations[random.Next(Operations.Count)];
        var path = FillPath(operation.Path);
        var query = Query(operation);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + query);
        if (operation.Body is not null || random.Next(20) == 0)
        {
            var body = random.Next(8) == 0 ? Pick(RawBodies) : Mutate(operation.Body?.DeepClone() ?? new JsonObject()).ToJsonString();
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (random.Next(12) != 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(3) == 0 ? Pick(ContentTypes) : "application/json");
            }
        }

        if (Pick(Accepts) is { } accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (Credential() is { } credential)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credential);
        }

        if (operation.Path.Contains("bookings", StringComparison.Ordinal) && random.Next(4) == 0)
        {
            // Header values are ASCII on the wire; the client refuses anything else before sending.
            request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(3) == 0 ? Pick(["", " ", "k", new string('k', 300), "tab\tkey", "'; --"]) : Guid.NewGuid().ToString());
        }

        return request;
    }

    /// <summary>A short description of a request, to repeat it by hand.</summary>
    public static async Task<string> DescribeAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync());
        var headers = string.Join("; ", request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Where(h => h.Key != "Authorization").Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        return $"{request.Method} {request.RequestUri} [{headers}] {(body.Length > 300 ? body[..300] + "…" : body)}";
    }

    private string FillPath(string template)
    {
        var path = new StringBuilder();
        foreach (var segment in template.Split('/'))
        {
            if (path.Length > 0 || segment.Length > 0)
            {
                path.Append('/');
            }

            path.Append(segment switch
            {
                "{ownerId}" or "{userId}" => Escape(random.Next(3) > 0 ? targets.OwnerId : Pick(Texts)),
                "{slug}" => Escape(random.Next(3) > 0 ? targets.Slug : Pick(["INTRO", "nope", "a--b", new string('s', 100), "%2e%2e", "é"])),
                "{bookingId}" => Escape(random.Next(3) > 0 ? targets.BookingId : Pick(Texts)),
                "{teamId}" => Escape(random.Next(3) > 0 ? targets.TeamId : Pick(Texts)),
                "{keyId}" => Escape(random.Next(2) > 0 ? targets.KeyId : Pick(Texts)),
                "{date}" => Escape(Pick(Dates)),
                "{token}.ics" => Escape(random.Next(2) > 0 ? targets.FeedToken : "fdt_" + Pick(Texts)) + ".ics",
                _ => segment,
            });
        }

        return path.ToString();
    }

    private string Query(Operation operation)
    {
        var parts = new List<string>();
        foreach (var name in operation.Query)
        {
            if (random.Next(5) == 0)
            {
                continue;
            }

            var value = name switch
            {
                "from" or "to" or "request_date" => Pick(Dates),
                "time_zone" => Pick(Zones),
                "owner" => random.Next(3) > 0 ? targets.OwnerId : Pick(Texts),
                "status" => Pick(["upcoming", "past", "cancelled", "UPCOMING", "1", "99", "-1", "", "Upcoming "]),
                "limit" => Pick(["1", "50", "200", "0", "201", "-1", "2147483648", "1.5", "x", ""]),
                "cursor" => Pick([targets.Cursor, targets.Cursor[..^2], targets.Cursor + "A", "!!!", "", "AAAA", Convert.ToBase64String(Encoding.UTF8.GetBytes("9999999999999999999|x")), Convert.ToBase64String(Encoding.UTF8.GetBytes("-62135596800|\u0000"))]),
                _ => Pick(Texts),
            };
            parts.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        }

        if (random.Next(10) == 0)
        {
            parts.Add("token=" + Uri.EscapeDataString(random.Next(2) == 0 ? targets.BookingToken : Pick(Texts)));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private string? Credential() => random.Next(10) switch
    {
        < 4 => $"Bearer {targets.AdminKey}",
        4 or 5 => $"Bearer {targets.OwnerKey}",
        6 => $"Bearer {targets.BookingToken}",
        7 => Pick(["Bearer ", "Bearer agk_0000000000000000_x", "Basic YTpi", "Bearer bkt_", "bearer " + targets.OwnerKey, "Bearer " + new string('k', 5000)]),
        _ => null,
    };

    /// <summary>A few random changes to a valid body: values replaced by other types and edge values, fields removed or added.</summary>
    private JsonNode Mutate(JsonNode body)
    {
        var changes = random.Next(4);
        for (var i = 0; i < changes; i++)
        {
            var (parent, key) = RandomSlot(body);
            switch (parent)
            {
                case JsonObject obj when key is string name:
                    if (random.Next(4) == 0)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        obj[name] = RandomValue(name);
                    }

                    break;
                case JsonArray array when key is int index && index < array.Count:
                    array[index] = RandomValue("");
                    break;
                case JsonArray array:
                    array.Add(RandomValue(""));
                    break;
            }
        }

        return body;
    }

    /// <summary>A place in the body: an existing property or element, or a new one.</summary>
    private (JsonNode? Parent, object? Key) RandomSlot(JsonNode node)
    {
        var depth = 0;
        while (depth++ < 4)
        {
            switch (node)
            {
                case JsonObject obj when obj.Count > 0 && random.Next(3) > 0:
                    var property = obj.ElementAt(random.Next(obj.Count));
                    if (property.Value is JsonObject or JsonArray && random.Next(2) == 0)
                    {
                        node = property.Value;
                        continue;
                    }

                    return (obj, property.Key);
                case JsonObject obj:
                    return (obj, Pick(["start", "invitee", "name", "email", "note", "reason", "slug", "duration_minutes", "monday", "hours", "unavailable", "rules", "time_zone", "availability_rules", "extra"]));
                case JsonArray array when array.Count > 0 && random.Next(3) > 0:
                    var index = random.Next(array.Count);
                    if (array[index] is JsonObject or JsonArray && random.Next(2) == 0)
                    {
                        node = array[index]!;
                        continue;
                    }

                    return (array, index);
                case JsonArray array:
                    return (array, null);
                default:
                    return (null, null);
            }
        }

        return (null, null);
    }

    private JsonNode? RandomValue(string name) => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(Pick([0, -1, 1, 5, 30, 60, 1440, 1441, 100000, int.MaxValue, int.MinValue])),
        2 => JsonValue.Create(Pick([1.5, -0.0, 1e300, double.Epsilon])),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => new JsonArray(JsonValue.Create(Pick(Texts)), JsonValue.Create(Pick(Dates))),
        5 => new JsonObject { ["start"] = Pick(["09:00", "24:00", "23:59", "00:00", "25:00", "9:00", "09:60"]), ["end"] = Pick(["17:00", "24:00", "00:00", "08:00", "24:01"]) },
        6 => JsonValue.Create(Pick(Instants)),
        7 => JsonValue.Create(Pick(Dates)),
        8 => JsonValue.Create(Pick(Zones)),
        9 => JsonValue.Create(Pick(["09:00", "24:00", "00:00", "23:59", "12:5", "noon"])),
        10 => new JsonArray([.. Enumerable.Range(0, random.Next(1, 600)).Select(_ => (JsonNode?)new JsonObject { ["start_date"] = "2027-03-01", ["end_date"] = "9999-12-31", ["start_time"] = "00:00", ["end_time"] = "24:00" })]),
        _ => JsonValue.Create(name.Contains("email", StringComparison.Ordinal) ? Pick(["a@b.c", "not-an-email", "a@b@c", "é@例え.jp"]) : Pick(Texts)),
    };

    private string Escape(string value) => random.Next(8) == 0 ? value.Replace("/", "%2F", StringComparison.Ordinal) : Uri.EscapeDataString(value);

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static List<Operation> ReadOperations()
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray() ?? [];
                var query = parameters.Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();
                var schema = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault().Value?["schema"]?["$ref"]?.GetValue<string>();
                operations.Add(new Operation(method.ToUpperInvariant(), path, query, schema is null ? null : Example(schema)));
            }
        }

        return operations;
    }

    /// <summary>The schema's own example, or an empty object.</summary>
    private static JsonNode Example(string reference)
    {
        var schema = Document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        return (schema["examples"]?.AsArray().FirstOrDefault() ?? schema["example"])?.DeepClone() ?? new JsonObject();
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> Query, JsonNode? Body);
}

/// <summary>Real things for requests to aim at: an owner with a meeting type, a booking, keys, a feed and a cursor.</summary>
public sealed record FuzzTargets(
    string OwnerId, string Slug, string BookingId, string BookingToken, string KeyId, string OwnerKey, string AdminKey, string FeedToken, string Cursor, string TeamId);
