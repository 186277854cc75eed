using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Agenda.Api.Owners;

/// <summary>
/// /v1/owners/{ownerId}/branding, /photo and /brand.css: how an owner's booking pages and e-mail look (<see cref="OwnerBranding"/>).
/// The owner changes them with their key; the photo and the style sheet are public, since every booking page shows them,
/// and may be cached for ever under an address that names their version (<c>?v=</c>).
/// </summary>
internal static class BrandingApi
{
    private const string Forever = "public, max-age=31536000, immutable";

    private static readonly string[] PhotoTypes = ["image/png", "image/jpeg", "image/webp", "image/gif"];

    public static IEndpointRouteBuilder MapBranding(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}").WithTags("Owners").ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/branding", GetBrandingAsync).WithName("GetBranding").RequireOwnerKey()
            .WithSummary("Read the owner's brand colour, welcome text and photo address");
        group.MapPut("/branding", SetBrandingAsync).WithName("SetBranding").RequireOwnerKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Set the owner's brand colour and welcome text (null clears)")
            .WithDescription(
                "brand_color is #RRGGBB. Buttons show white text on it, and links and text are written in it on white and on a 12 % tint of it, "
                + "so a colour with a contrast below 4.5:1 against either is refused with a 400 that gives its ratio and a darker shade of the same hue "
                + "that passes. welcome is plain text of at most 500 characters; line breaks are kept.");
        group.MapPut("/photo", SetPhotoAsync).WithName("SetPhoto").RequireOwnerKey()
            .ProducesValidationProblem()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Described here, not with Accepts(...), which would make routing answer 415 for another Content-Type.
                operation.RequestBody = new OpenApiRequestBody { Required = true, Description = "The image's bytes, at most 1 MiB.", Content = Images() };
                return Task.CompletedTask;
            })
            .WithSummary("Set the owner's photo or logo")
            .WithDescription(
                "The body is the image itself: PNG, JPEG, WebP or GIF, at most 1 MiB. The format is read from the bytes, whatever the Content-Type says; "
                + "anything else (SVG among them) is refused with a 400.");
        group.MapDelete("/photo", RemovePhotoAsync).WithName("RemovePhoto").RequireOwnerKey()
            .WithSummary("Remove the owner's photo");
        group.MapGet("/photo", GetPhotoAsync).WithName("GetPhoto")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // A file answer declares no content of its own.
                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse { Description = "The photo, in the type its bytes are.", Content = Images() };

                return DescribeVersion(operation, "The photo's version, as photo_url names it.");
            })
            .WithSummary("The owner's photo (public)")
            .WithDescription("In the type it was found to be, with nosniff. With ?v= naming its current version (as photo_url does), it may be cached for a year.");
        group.MapGet("/brand.css", GetBrandCssAsync).WithName("GetBrandCss")
            .Produces<string>(StatusCodes.Status200OK, "text/css")
            .AddOpenApiOperationTransformer((operation, _, _) => DescribeVersion(operation, "The style sheet's version, as the booking pages link it."))
            .WithSummary("The owner's colours as a style sheet (public)")
            .WithDescription(
                "':root{--accent:#1f5fbf;--accent-soft:#e4ecf7;--accent-ink:#fff}': the colour, its 12 % tint and the ink on it; empty rules without a colour. "
                + "With ?v= naming its current version (as the booking pages link it), it may be cached for a year.");
        return routes;
    }

    private static Dictionary<string, OpenApiMediaType> Images() =>
        PhotoTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } });

    private static Task DescribeVersion(OpenApiOperation operation, string description)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "v")
            {
                parameter.Description = description + " The answer may then be cached for a year; without it, or with an old one, it is revalidated.";
            }
        }

        return Task.CompletedTask;
    }

    public static async Task<Results<Ok<BrandingResponse>, ProblemHttpResult>> GetBrandingAsync(string ownerId, OwnerBranding branding, CancellationToken cancellationToken) =>
        await branding.GetAsync(ownerId, cancellationToken) is { } stored
            ? TypedResults.Ok(BrandingResponse.Of(ownerId, stored))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<BrandingResponse>, ValidationProblem, ProblemHttpResult>> SetBrandingAsync(
        string ownerId, BrandingRequest? body, OwnerBranding branding, CancellationToken cancellationToken) =>
        (await branding.SaveAsync(ownerId, body?.BrandColor, body?.Welcome, cancellationToken)).Answer(saved => TypedResults.Ok(BrandingResponse.Of(ownerId, saved)));

    public static async Task<Results<Ok<BrandingResponse>, ValidationProblem, ProblemHttpResult>> SetPhotoAsync(
        string ownerId, HttpRequest request, OwnerBranding branding, CancellationToken cancellationToken)
    {
        // A photo may be larger than other bodies (Limits:MaxRequestBodyBytes); the use case reads one byte past its own limit at most.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = OwnerBranding.MaxPhotoBytes + 1;
        }

        return (await branding.SetPhotoAsync(ownerId, request.Body, request.ContentLength, cancellationToken))
            .Answer(saved => TypedResults.Ok(BrandingResponse.Of(ownerId, saved)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemovePhotoAsync(string ownerId, OwnerBranding branding, CancellationToken cancellationToken) =>
        await branding.RemovePhotoAsync(ownerId, cancellationToken) ? TypedResults.NoContent() : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPhotoAsync(
        string ownerId, string? v, HttpResponse response, OwnerBranding branding, CancellationToken cancellationToken)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (await branding.PhotoAsync(ownerId, cancellationToken) is not { } photo)
        {
            return ApiProblems.NotFound($"Owner '{ownerId}' has no photo (or there is no such owner).");
        }

        response.Headers.CacheControl = v == photo.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ? Forever : "no-cache";
        return TypedResults.File(photo.Bytes, photo.ContentType);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetBrandCssAsync(
        string ownerId, string? v, HttpResponse response, OwnerBranding branding, CancellationToken cancellationToken)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (await branding.GetAsync(ownerId, cancellationToken) is not { } stored)
        {
            return ApiProblems.UnknownOwner(ownerId);
        }

        response.Headers.CacheControl = v == OwnerBranding.CssVersion(stored) ? Forever : "no-cache";
        return TypedResults.Text(OwnerBranding.BrandCss(stored), "text/css; charset=utf-8");
    }
}
