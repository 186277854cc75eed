using System.Text.Json;
using Agenda.Api.Platform.OpenApi;
using Scalar.AspNetCore;

namespace Agenda.Api.ApiDocument;

internal static class ApiDocumentRegistration
{
    /// <summary>
    /// JSON in snake_case everywhere, as the documented API has it; the OpenAPI document follows the same options.
    /// The document's transformers: what the C# types cannot say (SchemaFacts, here), examples (OpenApiExamples), security and
    /// problem answers from endpoint metadata (Platform/OpenApi/OperationResponses), info, tags and schemes (Platform/OpenApi/DocumentDescription).
    /// </summary>
    public static IServiceCollection AddAgendaJsonAndOpenApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi(options => options
            .AddSchemaFacts()
            .AddExamples()
            .AddOperationResponses()
            .AddDocumentDescription());
        return services;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and an interactive reference at /scalar/v1.</summary>
    public static WebApplication MapApiDescription(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
