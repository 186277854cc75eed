using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Privacy;

/// <summary>
/// Personal data over /v1: an invitee's data exported or erased, in the owner's bookings (owner's key) or in everyone's
/// (administrator key), through <see cref="PersonalData"/> as the administrator's console does. The address travels in
/// the body of a POST, never in a URL.
/// </summary>
internal static class PrivacyApi
{
    private const string ExportDescription =
        "email: the invitee's address (case ignored). Answers their bookings with every field, as their owners see them (the private note too), and the messages sent or to be sent to the address: the built-in e-mail and reminders, and workflows' runs (channel email, reminder or workflow), with their state. Nothing is changed.";

    private const string EraseDescription =
        "email: the invitee's address (case ignored). Each of their bookings is anonymised whole, in one transaction: the name becomes (erased); e-mail, language, zone, note, answers, their phone number, the cancel reason, the private note and the management token are cleared; owner, meeting type, times and status stay, so the schedule is unchanged. E-mail sent or to be sent to them is erased with its log (what was not yet sent is not sent), answers logged from webhook and calendar servers about those bookings are cleared, workflow runs lose the address, stored idempotent answers are deleted, and the event booking.erased is written: calendars the bookings were written into are written again without the person, and webhook endpoints that chose the event are told. Erasing again finds nothing and answers 0.";

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder routes)
    {
        var everyone = routes.MapGroup("/v1/personal-data").WithTags("Personal data").RequireAdminKey()
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        everyone.MapPost("/invitee-export", ExportAsync).WithName("ExportInvitee")
            .WithSummary("Everything held about an invitee, in every owner's bookings (administrator key)").WithDescription(ExportDescription);
        everyone.MapPost("/invitee-erasure", EraseAsync).WithName("EraseInvitee")
            .WithSummary("Erase an invitee everywhere (administrator key)").WithDescription(EraseDescription);

        var owners = routes.MapGroup("/v1/owners/{ownerId}/personal-data").WithTags("Personal data").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        routes.MapGet("/v1/owners/{ownerId}/personal-data", ExportOwnerAsync).WithTags("Personal data").WithName("ExportOwner").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Everything held about the owner, as JSON (owner's key)")
            .WithDescription("tables: the owner's row and every row of every table that holds owner_id, by table name and column name, read in one snapshot: hours, schedules, meeting types, bookings (with their invitees' details, which the owner holds), webhooks, workflows, calendars, keys, accounts, teams, the audit log and more. Secrets and their hashes (keys, tokens, passwords, two-factor keys, webhook and calendar secrets) are left out; times are ISO 8601 UTC, JSON columns JSON, binary values their size.");
        owners.MapPost("/invitee-export", ExportForOwnerAsync).WithName("ExportOwnersInvitee")
            .WithSummary("Everything held about an invitee in the owner's bookings (owner's key)").WithDescription(ExportDescription);
        owners.MapPost("/invitee-erasure", EraseForOwnerAsync).WithName("EraseOwnersInvitee")
            .WithSummary("Erase an invitee from the owner's bookings (owner's key)")
            .WithDescription(EraseDescription + " Only the owner's bookings: a team booking's shares of other hosts keep their copy until those hosts, or the administrator, erase it.");
        return routes;
    }

    public static async Task<Results<Ok<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> ExportOwnerAsync(string ownerId, PersonalData data, CancellationToken cancellationToken) =>
        await data.ExportOwnerAsync(ownerId, cancellationToken) switch
        {
            Outcome<System.Text.Json.Nodes.JsonObject>.Done done => TypedResults.Ok(done.Value),
            Outcome<System.Text.Json.Nodes.JsonObject>.Refused refused => refused.Refusal.ToProblem(),
            _ => throw new InvalidOperationException("An owner's export is done or refused."),
        };

    public static async Task<Results<Ok<InviteeDataResponse>, ValidationProblem, ProblemHttpResult>> ExportAsync(
        PersonalDataRequest? body, PersonalData data, CancellationToken cancellationToken) =>
        (await data.ExportAsync(null, body, cancellationToken)).Answer(TypedResults.Ok);

    public static async Task<Results<Ok<ErasureResponse>, ValidationProblem, ProblemHttpResult>> EraseAsync(
        PersonalDataRequest? body, PersonalData data, CancellationToken cancellationToken) =>
        (await data.EraseAsync(null, body, cancellationToken)).Answer(TypedResults.Ok);

    public static async Task<Results<Ok<InviteeDataResponse>, ValidationProblem, ProblemHttpResult>> ExportForOwnerAsync(
        string ownerId, PersonalDataRequest? body, PersonalData data, CancellationToken cancellationToken) =>
        (await data.ExportAsync(ownerId, body, cancellationToken)).Answer(TypedResults.Ok);

    public static async Task<Results<Ok<ErasureResponse>, ValidationProblem, ProblemHttpResult>> EraseForOwnerAsync(
        string ownerId, PersonalDataRequest? body, PersonalData data, CancellationToken cancellationToken) =>
        (await data.EraseAsync(ownerId, body, cancellationToken)).Answer(TypedResults.Ok);

    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PersonalData>();
        services.AddSingleton(RetentionOptions.From(configuration));
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(s => s.GetRequiredService<RetentionSweep>());
        return services;
    }
}
