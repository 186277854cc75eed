namespace Agenda.Api.Platform.OpenApi;

/// <summary>
/// The shape of a 409 booking refusal, for the OpenAPI document only: RFC 9457 problem details with the
/// machine-readable <see cref="Reason"/> (one of <c>Bookings.RefusalCodes.All</c>). The service writes it as
/// <c>ProblemDetails</c> with a <c>reason</c> extension. <see cref="Meetings"/> comes with series_unavailable only: each
/// meeting of the series that cannot be booked (or moved), with its position, start and own reason.
/// </summary>
internal sealed record BookingRefusalProblem(
    string? Type, string Title, int Status, string Detail, string? Instance, string Reason,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<SeriesMeetingRefusal>? Meetings = null);

/// <summary>A meeting of a series that cannot be booked or moved: its position, its start, and the reason as <c>reason</c> names it.</summary>
internal sealed record SeriesMeetingRefusal(int Index, string Start, string Reason);

/// <summary>Endpoint metadata: the refusal codes a route can answer with 409, for the document's examples.</summary>
/// <param name="Examples">Each reason the route may give, with an example refusal as the service writes it.</param>
internal sealed record BookingRefusalsMetadata(IReadOnlyList<Wire.Refusal> Examples)
{
    public IEnumerable<string> Reasons => Examples.Select(e => e.Reason!);
}
