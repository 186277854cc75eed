using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Agenda.Api.Platform.OpenApi;

/// <summary>The document's own parts: info with licence and contact, tag descriptions, servers and security schemes.</summary>
internal static class DocumentDescription
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BookingTokenScheme = "BookingToken";
    public const string BookingTokenQueryScheme = "BookingTokenLink";

    /// <summary>Every tag the routes use, with what it groups. A route with a tag missing here fails the document's test.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Documented API"] = "The original design document's routes, with its exact paths and snake_case shapes: set availability, search one-hour slots, book one, list upcoming appointments.",
        ["Owners"] = "The people who publish availability, each with a display name and an IANA time zone, and their API keys.",
        ["Availability"] = "An owner's availability in their zone: weekly hours, date-range rules and date overrides.",
        ["Meeting types"] = "The kinds of meeting an owner offers, each with its duration, slot step, buffers, notice, horizon and daily limit.",
        ["Slots"] = "Free slots of a meeting type over a range of dates, in the invitee's zone.",
        ["Bookings"] = "Booking a slot, the owner's list of bookings, and the invitee's management of one booking with its token.",
        ["Holds"] = "A slot kept from everyone else for a few minutes while an invitee fills in their details; booked with its hold token, released, or expired.",
        ["Webhooks"] = "Endpoints that receive signed booking events (Standard Webhooks), with their delivery log.",
        ["Audit"] = "Who changed what, when and from where: each change an owner or the administrator asked for, through the API with a key or in the console, kept Audit:RetentionDays; never a request's body, so never a secret.",
        ["Operations"] = "For the administrator: the service's health in one read (the database, the outbox's backlog and failures, calendars, e-mail, the time-zone rules in use).",
        ["Personal data"] = "An invitee's data on request: everything held about them exported, or erased (each booking anonymised whole, with its traces in logs and calendars), in one owner's bookings or in everyone's. Bookings ended long ago are anonymised by the retention setting (Privacy:RetentionDays).",
        ["Workflows"] = "An owner's automatic steps on bookings: e-mail or a signed webhook when a booking is made, moved, cancelled or answered, or a set time before or after the meeting, from checked Liquid templates, with a log of every run.",
        ["Calendars"] = "The owner's own calendars (CalDAV, iCalendar feeds): their busy times are never offered.",
        ["Teams"] = "Teams of owners booked together: collective and round-robin meeting types, their slots and bookings. Each host's calendar holds the booking, and no host is ever double-booked.",
        ["Calendar feeds"] = "An owner's subscribable iCalendar feed at a secret, revocable URL.",
    };

    public static OpenApiOptions AddDocumentDescription(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Agenda scheduling API",
                Version = "v1",
                Description =
                    "The documented API (the original design's four routes, unchanged) and the /v1 API: owners in their time zones, " +
                    "weekly hours, date-range rules, date overrides, meeting types, slot search over a range and bookings. " +
                    "Errors are RFC 9457 problem details (application/problem+json). With Auth:Mode=ApiKey (the default outside " +
                    "Development) owners' routes need the owner's API key or the administrator key, and a booking's routes its " +
                    "management token; with Auth:Mode=Open (loopback only) no key is needed.",
                License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
                Contact = new OpenApiContact { Name = "Agenda maintainers" },
            };

            // The document describes the service wherever it runs: clients give the base address themselves.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The address this document was read from" }];

            document.Tags = new HashSet<OpenApiTag>(
                document.Tags?.Select(t => t.Name).OfType<string>().Order(StringComparer.Ordinal)
                    .Select(name => new OpenApiTag { Name = name, Description = Tags.GetValueOrDefault(name) }) ?? []);

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "agk_<id>_<secret>",
                    Description =
                        "An owner's API key (agk_..., returned when the owner is created or from POST /v1/owners/{ownerId}/keys), " +
                        "or the administrator key (Auth:AdminKey), which acts for every owner. Operations that need the " +
                        "administrator key list the role 'admin'.",
                },
                [BookingTokenScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "bkt_<secret>",
                    Description = "A booking's management token (bkt_...), returned once when the booking is made.",
                },
                [BookingTokenQueryScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Query,
                    Name = "token",
                    Description = "The booking's management token as the query parameter token, for links (e-mails, calendar files).",
                },
            };
            return Task.CompletedTask;
        });
}
