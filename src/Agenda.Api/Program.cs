using Agenda.Api.Accounts;
using Agenda.Api.Agents;
using Agenda.Api.ApiDocument;
using Agenda.Api.Audit;
using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.Calendars.Sync;
using Agenda.Api.Compatibility;
using Agenda.Api.Explanations;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Operations;
using Agenda.Api.Owners;
using Agenda.Api.Pages;
using Agenda.Api.Pages.Console;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Localisation;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Privacy;
using Agenda.Api.Slots;
using Agenda.Api.Teams;
using Agenda.Api.Workflows;
using Agenda.Storage;

// Values from a .env file in the working directory fill in environment variables that are not set already.
DotNetEnv.Env.NoClobber().Load();

// The content root is the application's folder, so appsettings.json is found from whatever folder the service starts in.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.RedactSecrets();

WebApplication app;
try
{
    builder.Services.AddClock(builder.Configuration);
    builder.Services.AddAgendaProblemDetails();
    builder.Services.AddAgendaJsonAndOpenApi();
    builder.Services.AddAgendaStorage(builder.Configuration).AddDatabaseUnavailableAnswers();
    builder.Services.AddTimeZoneUpdates(); // first of the hosted services: the others start under the rules it puts in force
    builder.Services.AddOwnerAccess(builder.Configuration, builder.Environment);
    builder.Services.AddSlotSearch(builder.Configuration);
    builder.Services.AddExplanations();
    builder.Services.AddNotifications(builder.Configuration);
    builder.Services.AddCalendars(builder.Configuration);
    builder.Services.AddOwners();
    builder.Services.AddAvailability();
    builder.Services.AddMeetingTypes();
    builder.Services.AddBookings(builder.Configuration);
    builder.Services.AddTeams();
    builder.Services.AddAgents();
    builder.Services.AddWorkflows();
    builder.Services.AddPrivacy(builder.Configuration);
    builder.Services.AddAudit(builder.Configuration);
    builder.Services.AddSingleton<ServiceHealth>();
    builder.Services.AddAgendaTelemetry(builder.Configuration);
    builder.Services.AddRequestLimits(builder.Configuration);
    builder.Services.AddAgendaPages();
    builder.Services.AddAccounts(builder.Configuration);
    builder.Services.AddOwnerConsole();
    builder.Services.AddKeyRingInDatabase();

    app = builder.Build();
    app.MigrateStorage();
}
catch (Exception failure) when (failure is not HostAbortedException)
{
    // Bad configuration or a database that cannot be opened: one line that says why, and a non-zero exit code.
    return StartupFailure.Report(builder.Configuration, failure);
}

if (DatabaseCommands.IsCommand(args))
{
    return DatabaseCommands.Run(app, args);
}

if (OwnerCommands.IsCommand(args))
{
    return await OwnerCommands.RunAsync(app, args);
}

if (OpenModeGuard.EnsureLoopbackOnly(app, app.Services.GetRequiredService<AuthOptions>()) is { } refusal)
{
    return StartupFailure.Report(builder.Configuration, new StartupException(refusal, null));
}

ClockRegistration.WarnWhenShifted(app);
app.UseExceptionHandler();
app.UseAgendaStatusCodePages();
app.UseRequestScreening();
// Field errors and refusals in the language the client asks for (Accept-Language); English by default.
app.UseApiLanguage();
app.UseRequestLimits(app.Configuration);
app.UseReadTimeouts(app.Configuration);

app.MapApiDescription();
app.MapHealth();
app.MapAgendaTelemetry();

// The original design document's routes, with their exact shapes.
app.MapCalendarCompatibility();
app.MapAppointmentsCompatibility();

// The versioned API.
app.MapOwners();
app.MapKeys();
app.MapBranding();
app.MapAvailability();
app.MapMeetingTypes();
app.MapSingleUseLinks();
app.MapSlots();
app.MapExplain();
app.MapBookings();
app.MapSeats();
app.MapHolds();
app.MapWebhooks();
app.MapNotificationSettings();
app.MapEmailDeliveries();
app.MapWorkflowsApi();
app.MapPrivacyApi();
app.MapAuditApi();
app.MapServiceHealth();
app.MapCalendars();
app.MapTeams();
app.MapTeamBookings();
app.MapFeeds();

// The MCP server for agents that book on an owner's behalf (/mcp, docs/agents.md).
app.MapAgents();

// The invitee booking pages (/{owner}, /{owner}/{meeting-type}, /booking/...) and the owner console (/console, docs/console.md).
app.MapAgendaPages();

// After the console's authentication: every change an owner or the administrator asks for is written to the audit log.
app.UseAuditTrail();

await app.RunAsync();
return 0;
