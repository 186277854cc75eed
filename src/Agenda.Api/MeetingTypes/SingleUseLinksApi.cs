using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.MeetingTypes;

/// <summary>
/// Single-use links of a meeting type: <c>/v1/owners/{ownerId}/meeting-types/{slug}/single-use-links</c> with the owner's
/// key, and <c>/v1/teams/{teamId}/meeting-types/{slug}/single-use-links</c> with a team admin's.
/// </summary>
internal static class SingleUseLinksApi
{
    public static IEndpointRouteBuilder MapSingleUseLinks(this IEndpointRouteBuilder routes)
    {
        var personal = routes.MapGroup("/v1/owners/{ownerId}/meeting-types/{slug}/single-use-links").WithTags("Meeting types").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        personal.MapPost("/", (string ownerId, string slug, SingleUseLinkRequest? body, HttpContext http, SingleUseLinks links, BookingLinks urls, CancellationToken ct) =>
                CreateAsync(LinkTarget.Owner(ownerId, slug), body, http, links, urls, ct))
            .WithName("CreateSingleUseLink").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Make a link that books this meeting type once")
            .WithDescription("The answer carries the link's secret in token and url, shown only here; the service keeps only its hash. The link opens the type's booking page (also for a private type); the first booking through it uses it up, and any later one is refused with reason link_used. At most 500 open links per type (409 beyond).");
        personal.MapGet("/", (string ownerId, string slug, SingleUseLinks links, CancellationToken ct) => ListAsync(LinkTarget.Owner(ownerId, slug), links, ct))
            .WithName("ListSingleUseLinks").WithSummary("The meeting type's single-use links, newest first (without their secrets)");
        personal.MapDelete("/{linkId}", (string ownerId, string slug, string linkId, SingleUseLinks links, CancellationToken ct) => RevokeAsync(LinkTarget.Owner(ownerId, slug), linkId, links, ct))
            .WithName("RevokeSingleUseLink").WithSummary("Revoke an open single-use link");

        var team = routes.MapGroup("/v1/teams/{teamId}/meeting-types/{slug}/single-use-links").WithTags("Teams").RequireTeamAdminKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        team.MapPost("/", (string teamId, string slug, SingleUseLinkRequest? body, HttpContext http, SingleUseLinks links, BookingLinks urls, CancellationToken ct) =>
                CreateAsync(LinkTarget.Team(teamId, slug), body, http, links, urls, ct))
            .WithName("CreateTeamSingleUseLink").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Make a link that books this team meeting type once (team admin)");
        team.MapGet("/", (string teamId, string slug, SingleUseLinks links, CancellationToken ct) => ListAsync(LinkTarget.Team(teamId, slug), links, ct))
            .WithName("ListTeamSingleUseLinks").WithSummary("The team meeting type's single-use links (team admin)");
        team.MapDelete("/{linkId}", (string teamId, string slug, string linkId, SingleUseLinks links, CancellationToken ct) => RevokeAsync(LinkTarget.Team(teamId, slug), linkId, links, ct))
            .WithName("RevokeTeamSingleUseLink").WithSummary("Revoke an open single-use link of a team meeting type (team admin)");
        return routes;
    }

    private static async Task<Results<Created<SingleUseLinkResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        LinkTarget target, SingleUseLinkRequest? body, HttpContext http, SingleUseLinks links, BookingLinks urls, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var label = errors.Text("label", body?.Label, SingleUseLinks.MaxLabel);
        if (errors.Any)
        {
            return errors.Problem();
        }

        switch (await links.CreateAsync(target, label, cancellationToken))
        {
            case null:
                return Missing(target);
            case { Link: { } link, Token: { } token }:
                var path = SingleUseLinks.PathOf(token);
                var url = urls.Absolute(path) ?? $"{http.Request.Scheme}://{http.Request.Host}{path}";
                return TypedResults.Created($"{Base(target)}/{link.Id}", ToResponse(link) with { Token = token, Url = url });
            default:
                return TypedResults.Problem(
                    detail: new Message("TooManyOpenLinks", SingleUseLinks.MaxOpenPerType).ToString(),
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Too many open links");
        }
    }

    private static async Task<Results<Ok<SingleUseLinksResponse>, ProblemHttpResult>> ListAsync(LinkTarget target, SingleUseLinks links, CancellationToken cancellationToken) =>
        await links.ListAsync(target, cancellationToken) is { } list
            ? TypedResults.Ok(new SingleUseLinksResponse([.. list.Select(ToResponse)]))
            : Missing(target);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(LinkTarget target, string linkId, SingleUseLinks links, CancellationToken cancellationToken) =>
        await links.RevokeAsync(target, linkId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound(new Message("UnknownOpenLink", linkId).ToString());

    private static ProblemHttpResult Missing(LinkTarget target) =>
        target.TeamId is { } teamId
            ? Refusal.NotFound(new("UnknownTeamMeetingType", teamId, target.Slug)).ToProblem()
            : ApiProblems.UnknownMeetingType(target.OwnerId!, target.Slug);

    private static string Base(LinkTarget target) =>
        target.TeamId is { } teamId
            ? $"/v1/teams/{Uri.EscapeDataString(teamId)}/meeting-types/{target.Slug}/single-use-links"
            : $"/v1/owners/{Uri.EscapeDataString(target.OwnerId!)}/meeting-types/{target.Slug}/single-use-links";

    internal static SingleUseLinkResponse ToResponse(SingleUseLink link) =>
        new(
            link.Id,
            link.Label,
            link.UsedAt is not null ? "used" : link.RevokedAt is not null ? "revoked" : "open",
            WireFormat.FormatUtc(link.CreatedAt),
            link.UsedAt is { } used ? WireFormat.FormatUtc(used) : null,
            link.BookingId,
            link.RevokedAt is { } revoked ? WireFormat.FormatUtc(revoked) : null);
}

/// <param name="Label">A note for the owner, such as whom the link was sent to; never shown to the invitee.</param>
internal sealed record SingleUseLinkRequest(string? Label = null);

/// <summary>
/// A single-use link: open, used (by <see cref="BookingId"/>) or revoked. <see cref="Token"/> and <see cref="Url"/> (the
/// booking page's address with the secret in it) appear only in the answer that makes the link.
/// </summary>
internal sealed record SingleUseLinkResponse(
    string Id,
    string? Label,
    string Status,
    string CreatedAt,
    string? UsedAt,
    string? BookingId,
    string? RevokedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Token = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Url = null);

internal sealed record SingleUseLinksResponse(IReadOnlyList<SingleUseLinkResponse> Links);
