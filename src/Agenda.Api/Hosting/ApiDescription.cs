using System.Text.Json;
using Scalar.AspNetCore;

namespace Agenda.Api.Hosting;

public static class ApiDescription
{
    /// <summary>JSON in snake_case everywhere, as the documented API has it; the OpenAPI document follows the same options.</summary>
    public static IServiceCollection AddAgendaJsonAndOpenApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi(options => options.AddExamples().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Agenda scheduling API";
            document.Info.Description =
                "The documented API (the original design's four routes, unchanged) and the /v1 API: owners in their time zones, " +
                "weekly hours, date-range rules, date overrides, meeting types, slot search over a range and bookings. " +
                "Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
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
