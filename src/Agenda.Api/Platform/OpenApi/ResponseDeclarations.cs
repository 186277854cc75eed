using Microsoft.AspNetCore.Http.Metadata;

namespace Agenda.Api.Platform.OpenApi;

/// <summary>Declarations of a route's answers that the framework's <c>Produces*</c> methods do not name.</summary>
internal static class ResponseDeclarations
{
    /// <summary>409 with a <see cref="BookingRefusalProblem"/> whose <c>reason</c> is that of one of <paramref name="examples"/>.</summary>
    public static RouteHandlerBuilder ProducesBookingRefusals(this RouteHandlerBuilder builder, IReadOnlyList<Wire.Refusal> examples) =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status409Conflict, typeof(BookingRefusalProblem), ["application/problem+json"]),
            new BookingRefusalsMetadata(examples));

    /// <summary>
    /// 503 with <c>Retry-After</c> when the database is busy, unreachable, full or read-only (<c>DatabaseUnavailable</c>): every
    /// route that reads or writes the store, which includes every route that checks a key or a token.
    /// </summary>
    public static TBuilder ProducesDatabaseUnavailable<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
