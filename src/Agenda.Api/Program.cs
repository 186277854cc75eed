using Agenda.Api.Compatibility;
using Agenda.Api.Hosting;
using Agenda.Api.Slots;

// Values from a .env file in the working directory fill in environment variables that are not set already.
DotNetEnv.Env.NoClobber().Load();

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddClock();
builder.Services.AddAgendaProblemDetails();
builder.Services.AddAgendaStorage(builder.Configuration);
builder.Services.AddSlotSearch(builder.Configuration);
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseAgendaStatusCodePages();
app.MigrateStorage();

app.MapOpenApi();
app.MapCalendarCompatibility();
app.MapAppointmentsCompatibility();

app.Run();
