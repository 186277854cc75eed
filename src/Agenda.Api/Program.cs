using Agenda.Api.Compatibility;
using Agenda.Api.Hosting;
using Agenda.Api.Slots;
using Agenda.Api.V1;

// Values from a .env file in the working directory fill in environment variables that are not set already.
DotNetEnv.Env.NoClobber().Load();

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddClock();
builder.Services.AddAgendaProblemDetails();
builder.Services.AddAgendaJsonAndOpenApi();
builder.Services.AddAgendaStorage(builder.Configuration);
builder.Services.AddSlotSearch(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseAgendaStatusCodePages();
app.MigrateStorage();

app.MapApiDescription();

// The original design document's routes, with their exact shapes.
app.MapCalendarCompatibility();
app.MapAppointmentsCompatibility();

// The versioned API.
app.MapOwners();
app.MapAvailability();
app.MapMeetingTypes();
app.MapSlots();
app.MapBookings();

app.Run();
