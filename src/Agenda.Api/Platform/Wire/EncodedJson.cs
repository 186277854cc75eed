using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Agenda.Api.Platform.Wire;

/// <summary>
/// A 200 whose JSON body of <typeparamref name="T"/> is already encoded (a kept search answer, or one just encoded to be
/// kept). The bytes are those <c>TypedResults.Ok</c> would write, and it is declared in OpenAPI the same way.
/// </summary>
internal sealed class EncodedJson<T>(byte[] utf8Json) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = utf8Json.Length;
        return response.Body.WriteAsync(utf8Json, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
