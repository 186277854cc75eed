using System.Globalization;
using System.Text.Json.Nodes;
using Agenda.Api.Platform.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Agenda.Api.Platform.OpenApi;

/// <summary>
/// Per operation, from its endpoint metadata: the security requirement (<see cref="AccessRequirement"/>) and the
/// 401/403 it implies, the Retry-After header of 503, examples of each booking refusal, and request bodies that
/// are required rather than "null or an object".
/// </summary>
internal static class OperationResponses
{
    public static OpenApiOptions AddOperationResponses(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var access = metadata.OfType<AccessRequirement>().LastOrDefault();
            operation.Security = Security(access, context.Document);
            operation.Responses ??= [];
            if (access is not null)
            {
                var problem = ProblemSchema(operation)
                    ?? throw new InvalidOperationException($"{operation.OperationId} checks a key, which reads the database: declare ProducesDatabaseUnavailable() on it.");
                var booking = access.Kind == AccessKind.BookingTokenOrOwnerKey;
                operation.Responses["401"] = Problem(
                    problem,
                    booking ? "No token or key, or one that does not belong to this booking." : "No key, or one that is unknown, mistyped or revoked.",
                    booking ? "Booking token required" : "API key required",
                    401,
                    booking
                        ? "A booking can be read and changed only with its management token, returned when it was made, or with its owner's API key: send 'Authorization: Bearer <token>' (or '?token=<token>' in a link)."
                        : "This route needs an API key: send 'Authorization: Bearer <key>'. Owners get keys when they are created, or from POST /v1/owners/{ownerId}/keys.",
                    new Dictionary<string, IOpenApiHeader>
                    {
                        ["WWW-Authenticate"] = new OpenApiHeader { Description = "Bearer: the scheme to authenticate with.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    });
                operation.Responses["403"] = Problem(
                    problem,
                    access.Kind switch
                    {
                        AccessKind.AdminKey => "A valid key that is not the administrator key.",
                        AccessKind.TeamMemberKey => "A valid key of an owner who is not a member of the team.",
                        AccessKind.TeamAdminKey => "A valid key of an owner who is not an admin of the team.",
                        _ => "A valid key of another owner.",
                    },
                    booking ? "Not your booking" : access.Kind == AccessKind.TeamMemberKey ? "Not your team" : access.Kind == AccessKind.TeamAdminKey ? "Not a team admin" : "Not your calendar",
                    403,
                    booking ? "This API key belongs to another owner; it cannot act on this booking."
                        : access.Kind == AccessKind.TeamMemberKey ? OwnerAccess.NotTeamMember
                        : access.Kind == AccessKind.TeamAdminKey ? OwnerAccess.NotTeamAdmin
                        : "This API key belongs to another owner; it cannot act for this one.");
            }

            // Any request can carry a control character in its path or query, which RequestScreening refuses.
            if (!operation.Responses.ContainsKey("400") && ProblemSchema(operation) is { } unreadable)
            {
                operation.Responses["400"] = Problem(
                    unreadable,
                    "The path or query contains a control character (such as %00).",
                    "The request could not be read",
                    400,
                    "The path or query contains a control character (such as %00), which no id, date or value may contain. Remove it and send the request again.");
            }

            // Every request counts against the rate limit, and any body is read only up to the size limit (Limits/).
            if (ProblemSchema(operation) is { } limited)
            {
                operation.Responses.TryAdd("413", Problem(
                    limited,
                    "The request body is larger than the service accepts.",
                    "The request could not be read",
                    413,
                    "The request body is larger than this service accepts (Limits:MaxRequestBodyBytes). Send fewer items per request."));
                operation.Responses.TryAdd("429", Problem(
                    limited,
                    "Too many requests from this client or key; retry after Retry-After seconds. Nothing was changed.",
                    "Too many requests",
                    429,
                    "This client has sent more requests than the service accepts per minute. Retry in 3 seconds; nothing was changed.",
                    new Dictionary<string, IOpenApiHeader>
                    {
                        ["Retry-After"] = new OpenApiHeader
                        {
                            Description = "Seconds to wait before retrying.",
                            Required = true,
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                        },
                    }));
            }

            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse concrete)
                {
                    continue;
                }

                Describe(status, concrete, operation.OperationId);
                if (status == "503")
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before retrying.",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                    };
                    Example(concrete, "Database unavailable", 503, "The database is busy or unreachable, so nothing was changed. Retry in 2 seconds.");
                }
            }

            if (metadata.OfType<BookingRefusalsMetadata>().LastOrDefault() is { } refusals
                && operation.Responses.TryGetValue("409", out var conflict) && conflict is OpenApiResponse conflictResponse
                && conflictResponse.Content?.TryGetValue("application/problem+json", out var media) == true)
            {
                conflictResponse.Description = "Refused: the problem's reason says why (" + string.Join(", ", refusals.Reasons) + ").";
                media.Examples = refusals.Examples.ToDictionary(
                    example => example.Reason!,
                    example => (IOpenApiExample)new OpenApiExample
                    {
                        Summary = example.Title,
                        Value = new JsonObject
                        {
                            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
                            ["title"] = example.Title,
                            ["status"] = 409,
                            // The document is the same for every reader: its examples are in English.
                            ["detail"] = example.Message.In(CultureInfo.InvariantCulture),
                            ["reason"] = example.Reason,
                        },
                    });
            }

            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Schema is OpenApiSchema schema)
                {
                    DescribeParameter(parameter, schema);
                }
            }

            if (operation.RequestBody is OpenApiRequestBody body && body.Content is { } content)
            {
                foreach (var type in content.Values)
                {
                    type.Schema = WithoutNull(type.Schema);
                }

                body.Required = !metadata.OfType<OptionalBodyMetadata>().Any();
            }

            return Task.CompletedTask;
        });

    private static List<OpenApiSecurityRequirement> Security(AccessRequirement? access, OpenApiDocument? document)
    {
        OpenApiSecurityRequirement Requirement(string scheme, params string[] roles) =>
            new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [.. roles] };

        return access?.Kind switch
        {
            AccessKind.OwnerKey or AccessKind.TeamMemberKey or AccessKind.TeamAdminKey => [Requirement(DocumentDescription.ApiKeyScheme)],
            AccessKind.AdminKey => [Requirement(DocumentDescription.ApiKeyScheme, "admin")],
            AccessKind.BookingTokenOrOwnerKey =>
            [
                Requirement(DocumentDescription.BookingTokenScheme),
                Requirement(DocumentDescription.BookingTokenQueryScheme),
                Requirement(DocumentDescription.ApiKeyScheme),
            ],
            _ => [],
        };
    }

    /// <summary>"null or X" becomes X: a request body of JSON null is refused like a missing one.</summary>
    private static IOpenApiSchema? WithoutNull(IOpenApiSchema? schema) =>
        schema is OpenApiSchema { OneOf: [var first, var second] } && (first.Type == JsonSchemaType.Null || second.Type == JsonSchemaType.Null)
            ? (first.Type == JsonSchemaType.Null ? second : first)
            : schema;

    /// <summary>Formats and limits of query, path and header parameters, as the handlers check them.</summary>
    private static void DescribeParameter(OpenApiParameter parameter, OpenApiSchema schema)
    {
        switch (parameter.Name)
        {
            case "from" or "to" or "date" or "request_date":
                schema.Format = "date";
                break;
            case "time_zone":
                parameter.Description = "An IANA time zone such as America/New_York; the owner's when left out.";
                break;
            case "status":
                schema.Enum = [JsonValue.Create("upcoming"), JsonValue.Create("past"), JsonValue.Create("cancelled")];
                schema.Default = JsonValue.Create("upcoming");
                break;
            case "limit":
                schema.Minimum = "1";
                schema.Maximum = "200";
                schema.Default = JsonValue.Create(50);
                break;
            case "cursor":
                parameter.Description = "The next_cursor of the previous page, unchanged.";
                break;
            case "owner":
                schema.MinLength = 1;
                schema.MaxLength = Platform.Wire.RequestErrors.MaxIdLength;
                break;
            case "Idempotency-Key":
                schema.MinLength = 1;
                schema.MaxLength = Wire.RequestErrors.MaxIdempotencyKeyLength;
                parameter.Description = "Any unique value, such as a UUID: the same key with the same request replays the first answer instead of booking again.";
                break;
        }
    }

    private static void Describe(string status, OpenApiResponse response, string? operationId)
    {
        response.Description = (status, operationId) switch
        {
            ("422", "ConnectCalendar") =>
                "The calendar could not be read, so it was not connected (reason calendar_unreadable): failure says how, server_status what the calendar server answered, detail in words.",
            ("400", _) => "The request is not valid: errors names each field and what a valid value looks like; or the body is not readable JSON.",
            ("404", _) => "Not found: the owner, meeting type, booking or feed does not exist (or is not visible to this caller).",
            ("409", _) => "Conflict with the current state.",
            ("415", _) => "The body is not sent as JSON: use 'Content-Type: application/json'.",
            ("422", _) => "This Idempotency-Key was already used with a different request.",
            ("503", _) => "The database is busy or unreachable; nothing was changed. Retry after Retry-After seconds. With reason outcome_unknown, the database stopped answering while a change was committed, so it may have been made: retry with the same Idempotency-Key to learn the outcome.",
            _ => response.Description,
        };
    }

    /// <summary>The ProblemDetails schema of the operation's declared 503, shared by the 401 and 403 added here.</summary>
    private static IOpenApiSchema? ProblemSchema(OpenApiOperation operation) =>
        operation.Responses?.TryGetValue("503", out var unavailable) == true
        && unavailable.Content?.TryGetValue("application/problem+json", out var media) == true
            ? media.Schema
            : null;

    private static OpenApiResponse Problem(IOpenApiSchema schema, string description, string title, int status, string detail, Dictionary<string, IOpenApiHeader>? headers = null)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Headers = headers,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
        Example(response, title, status, detail);
        return response;
    }

    private static void Example(OpenApiResponse response, string title, int status, string detail)
    {
        if (response.Content?.TryGetValue("application/problem+json", out var media) == true)
        {
            media.Example = new JsonObject { ["title"] = title, ["status"] = status, ["detail"] = detail };
        }
    }
}

/// <summary>Endpoint metadata: the route's JSON body may be left out (in the document, the request body is not required).</summary>
internal sealed record OptionalBodyMetadata;
